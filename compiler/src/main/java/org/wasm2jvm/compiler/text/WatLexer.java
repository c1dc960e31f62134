package org.wasm2jvm.compiler.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.wasm2jvm.api.ModuleException;

/**
 * Reads text into a forest of {@link SExpr} nodes: tokens, comments and string escapes.
 *
 * @see <a href="https://webassembly.github.io/spec/core/text/lexical.html">Spec 6.2 Lexical Format</a>
 */
final class WatLexer {
    private final String text;
    private int pos;

    private WatLexer(String text) {
        this.text = text;
    }

    /** Parses all top-level S-expressions (and atoms) of {@code text}. */
    static List<SExpr> read(String text) {
        WatLexer lexer = new WatLexer(text);
        List<SExpr> out = new ArrayList<>();
        while (true) {
            lexer.skipSpace();
            if (lexer.pos >= text.length()) return out;
            if (text.charAt(lexer.pos) == ')') throw lexer.error("unexpected token", lexer.pos);
            out.add(lexer.node());
        }
    }

    private ModuleException error(String msg, int at) {
        return ModuleException.malformed(msg, null, at);
    }

    private SExpr node() {
        int start = pos;
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            List<SExpr> items = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= text.length()) throw error("unclosed parenthesis", start);
                if (text.charAt(pos) == ')') {
                    pos++;
                    return new SExpr.Group(items, start, pos);
                }
                items.add(node());
            }
        }
        if (c == '"') {
            byte[] bytes = string();
            if (pos < text.length() && isTokenChar(text.charAt(pos))) return reserved(start);
            return new SExpr.Atom(SExpr.AtomKind.STRING, text.substring(start + 1, pos - 1), bytes, start);
        }
        if (!isTokenChar(c)) throw error("unexpected character", pos);
        boolean allIdChars = true;
        while (pos < text.length() && isTokenChar(text.charAt(pos))) {
            char d = text.charAt(pos);
            if (d == '"') {
                string();
                allIdChars = false;
            } else {
                if (!isIdChar(d)) allIdChars = false;
                pos++;
            }
        }
        String tok = text.substring(start, pos);
        if (!allIdChars || tok.equals("$")) return new SExpr.Atom(SExpr.AtomKind.RESERVED, tok, null, start);
        return new SExpr.Atom(tok.charAt(0) == '$' ? SExpr.AtomKind.ID : SExpr.AtomKind.KEYWORD, tok, null, start);
    }

    private SExpr reserved(int start) {
        while (pos < text.length() && isTokenChar(text.charAt(pos))) {
            if (text.charAt(pos) == '"') string();
            else pos++;
        }
        return new SExpr.Atom(SExpr.AtomKind.RESERVED, text.substring(start, pos), null, start);
    }

    /** Characters that continue a token: anything but space, parentheses and {@code ;}. */
    private static boolean isTokenChar(char c) {
        return c > ' ' && c != '(' && c != ')' && c != ';' && c != 0x7f;
    }

    /** @see <a href="https://webassembly.github.io/spec/core/text/values.html#text-idchar">idchar</a> */
    static boolean isIdChar(char c) {
        if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') return true;
        return "!#$%&'*+-./:<=>?@\\^_`|~".indexOf(c) >= 0;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == ';' && pos + 1 < text.length() && text.charAt(pos + 1) == ';') {
                // a line comment ends at a newline or a lone carriage return
                while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') pos++;
            } else if (c == '(' && pos + 1 < text.length() && text.charAt(pos + 1) == ';') {
                blockComment();
            } else if (c == ';') {
                throw error("unexpected character", pos);
            } else {
                return;
            }
        }
    }

    /** Block comments nest: {@code (; (; ;) ;)}. */
    private void blockComment() {
        int start = pos;
        int depth = 0;
        while (pos < text.length()) {
            if (text.startsWith("(;", pos)) {
                depth++;
                pos += 2;
            } else if (text.startsWith(";)", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) return;
            } else {
                pos++;
            }
        }
        throw error("unclosed comment", start);
    }

    /**
     * Decodes a string literal starting at {@code pos} (on the opening quote) into bytes.
     *
     * @see <a href="https://webassembly.github.io/spec/core/text/values.html#strings">Spec 6.3.3 Strings</a>
     */
    private byte[] string() {
        int start = pos;
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= text.length()) throw error("unclosed string", start);
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toByteArray();
            }
            if (c < 0x20 || c == 0x7f) throw error("illegal control character", pos);
            if (c != '\\') {
                int cp = text.codePointAt(pos);
                pos += Character.charCount(cp);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int escAt = pos;
            pos++;
            if (pos >= text.length()) throw error("unclosed string", start);
            char e = text.charAt(pos++);
            switch (e) {
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case '"' -> out.write('"');
                case '\'' -> out.write('\'');
                case '\\' -> out.write('\\');
                case 'u' -> {
                    if (pos >= text.length() || text.charAt(pos) != '{') throw error("illegal escape", escAt);
                    int close = text.indexOf('}', pos);
                    if (close < 0) throw error("illegal escape", escAt);
                    String hex = text.substring(pos + 1, close).replace("_", "");
                    int cp;
                    try {
                        cp = Integer.parseInt(hex, 16);
                    } catch (NumberFormatException ex) {
                        throw error("illegal escape", escAt);
                    }
                    if (cp > 0x10FFFF || cp >= 0xD800 && cp < 0xE000) throw error("illegal escape", escAt);
                    pos = close + 1;
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                }
                default -> {
                    int h1 = WatNumbers.hexDigit(e);
                    int h2 = pos < text.length() ? WatNumbers.hexDigit(text.charAt(pos)) : -1;
                    if (h1 < 0 || h2 < 0) throw error("illegal escape", escAt);
                    pos++;
                    out.write(h1 * 16 + h2);
                }
            }
        }
    }
}
