package org.wasm2jvm.compiler.text;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.wasm2jvm.api.ModuleException;

/**
 * Parses a WebAssembly text module straight into the binary format.
 *
 * @see <a href="https://webassembly.github.io/spec/core/text/index.html">Spec 6 Text Format</a>
 */
public final class WatParser {
    private WatParser() {
    }

    /**
     * Encodes a text module: a {@code (module ...)} form, bare module fields (as in
     * {@code module quote}), or {@code (module binary "...")}.
     *
     * @throws ModuleException (malformed) with the reference interpreter's wording and the character offset
     */
    public static byte[] parseModule(String text) {
        List<SExpr> top = WatLexer.read(text);
        if (!top.isEmpty() && top.get(0) instanceof SExpr.Group g && g.is("module")) {
            if (top.size() > 1) throw Items.unexpected(top.get(1));
            return moduleForm(g);
        }
        return ModuleEncoder.encode(top);
    }

    /** {@code (module id? field*)}, {@code (module id? binary string*)} or {@code (module id? quote string*)}. */
    static byte[] moduleForm(SExpr.Group g) {
        Items it = Items.body(g);
        it.optId();
        if (it.peekKeyword("binary")) {
            it.next();
            return strings(it);
        }
        if (it.peekKeyword("quote")) {
            it.next();
            return parseModule(new String(strings(it), StandardCharsets.UTF_8));
        }
        return ModuleEncoder.encode(it.rest());
    }

    /** Concatenation of the remaining string literals. */
    static byte[] strings(Items it) {
        ByteSink b = new ByteSink();
        while (!it.atEnd()) b.bytes(it.nextString());
        return b.toByteArray();
    }
}
