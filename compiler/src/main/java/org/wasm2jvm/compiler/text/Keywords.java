package org.wasm2jvm.compiler.text;

import java.util.Set;

import org.wasm2jvm.model.Opcodes;

/**
 * The words the reference lexer knows. Any other run of idchars is a "reserved" token, which
 * it rejects as "unknown operator" wherever it appears.
 *
 * @see <a href="https://webassembly.github.io/spec/core/text/lexical.html#tokens">Spec 6.2.2 Tokens</a>
 */
final class Keywords {
    private Keywords() {
    }

    private static final Set<String> STRUCTURE = Set.of(
            "module", "type", "func", "param", "result", "import", "export", "table", "memory", "global",
            "mut", "elem", "data", "offset", "item", "declare", "local", "start", "then", "else", "end",
            "i32", "i64", "f32", "f64", "v128", "funcref", "externref", "extern", "binary", "quote",
            "register", "invoke", "get", "assert_return", "assert_trap", "assert_exhaustion",
            "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable",
            "nan:canonical", "nan:arithmetic", "ref.extern", "script", "input", "output", "either",
            "ref", "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2", "select");

    static boolean isKnown(SExpr.Atom a) {
        if (a.kind() == SExpr.AtomKind.RESERVED) return false;
        if (a.kind() != SExpr.AtomKind.KEYWORD) return true;
        String s = a.text();
        if (STRUCTURE.contains(s) || Opcodes.byName(s) >= 0) return true;
        if (s.startsWith("offset=") || s.startsWith("align=")) {
            return WatNumbers.isInteger(s.substring(s.indexOf('=') + 1)) && Character.isDigit(s.charAt(s.indexOf('=') + 1));
        }
        return WatNumbers.isInteger(s) || WatNumbers.isFloat(s);
    }
}
