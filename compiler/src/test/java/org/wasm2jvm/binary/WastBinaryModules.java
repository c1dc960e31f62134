package org.wasm2jvm.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@code (module binary "...")} forms of a WAST script, with the assertion that
 * encloses each. Only the syntax needed for that is handled: parentheses, atoms, string
 * literals and both comment forms.
 *
 * @see <a href="https://webassembly.github.io/spec/core/text/lexical.html">Spec 6.2 Lexical Format</a>
 */
final class WastBinaryModules {
    /** A binary module; {@code assertion} is the enclosing command's head (e.g. "assert_malformed") or null. */
    record Found(int line, String assertion, byte[] bytes, String expectedMessage) {}

    private final byte[] src;
    private int pos;
    private int line = 1;

    private WastBinaryModules(byte[] src) {
        this.src = src;
    }

    static List<Found> scan(byte[] script) {
        WastBinaryModules s = new WastBinaryModules(script);
        List<Found> out = new ArrayList<>();
        Object form;
        while ((form = s.next()) != null) {
            if (form instanceof Node n) collect(n, null, out);
        }
        return out;
    }

    /** A parenthesised form; children are Node, Atom or byte[] (a string literal). */
    private record Node(int line, List<Object> items) {
        String head() {
            return !items.isEmpty() && items.get(0) instanceof Atom a ? a.text : null;
        }
    }

    private record Atom(String text) {}

    private static void collect(Node n, Node parent, List<Found> out) {
        if ("module".equals(n.head()) && isBinary(n)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (Object o : n.items) {
                if (o instanceof byte[] b) bytes.writeBytes(b);
            }
            String assertion = parent == null ? null : parent.head();
            String message = null;
            if (parent != null && parent.items.get(parent.items.size() - 1) instanceof byte[] m) {
                message = new String(m, StandardCharsets.UTF_8);
            }
            out.add(new Found(n.line, assertion, bytes.toByteArray(), message));
            return;
        }
        for (Object o : n.items) {
            if (o instanceof Node child) collect(child, n, out);
        }
    }

    private static boolean isBinary(Node module) {
        for (int i = 1; i < module.items.size() && i <= 2; i++) {
            if (module.items.get(i) instanceof Atom a && a.text.equals("binary")) return true;
        }
        return false;
    }

    /** The next item, or null at the end of input or at a closing parenthesis (consumed). */
    private Object next() {
        skipSpaceAndComments();
        if (pos >= src.length) return null;
        int c = src[pos];
        if (c == ')') {
            pos++;
            return null;
        }
        if (c == '(') {
            int startLine = line;
            pos++;
            List<Object> items = new ArrayList<>();
            Object item;
            while ((item = next()) != null) items.add(item);
            return new Node(startLine, items);
        }
        if (c == '"') return string();
        int start = pos;
        while (pos < src.length && !isDelimiter(src[pos])) pos++;
        return new Atom(new String(src, start, pos - start, StandardCharsets.UTF_8));
    }

    private static boolean isDelimiter(int c) {
        return c == '(' || c == ')' || c == '"' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';';
    }

    private void skipSpaceAndComments() {
        while (pos < src.length) {
            int c = src[pos];
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == ';' && pos + 1 < src.length && src[pos + 1] == ';') {
                while (pos < src.length && src[pos] != '\n') pos++;
            } else if (c == '(' && pos + 1 < src.length && src[pos + 1] == ';') {
                blockComment();
            } else {
                return;
            }
        }
    }

    private void blockComment() {
        int depth = 0;
        while (pos < src.length) {
            if (src[pos] == '(' && pos + 1 < src.length && src[pos + 1] == ';') {
                depth++;
                pos += 2;
            } else if (src[pos] == ';' && pos + 1 < src.length && src[pos + 1] == ')') {
                depth--;
                pos += 2;
                if (depth == 0) return;
            } else {
                if (src[pos] == '\n') line++;
                pos++;
            }
        }
    }

    /** A string literal's bytes: characters as their UTF-8 source bytes, escapes decoded. */
    private byte[] string() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pos++;
        while (true) {
            int c = src[pos++] & 0xFF;
            if (c == '"') return out.toByteArray();
            if (c == '\n') line++;
            if (c != '\\') {
                out.write(c);
                continue;
            }
            int e = src[pos++];
            switch (e) {
                case 'n': out.write('\n'); break;
                case 't': out.write('\t'); break;
                case 'r': out.write('\r'); break;
                case '\\': out.write('\\'); break;
                case '"': out.write('"'); break;
                case '\'': out.write('\''); break;
                case 'u': {
                    int close = pos;
                    while (src[close] != '}') close++;
                    String hex = new String(src, pos + 1, close - pos - 1, StandardCharsets.US_ASCII).replace("_", "");
                    pos = close + 1;
                    out.writeBytes(new String(Character.toChars(Integer.parseInt(hex, 16))).getBytes(StandardCharsets.UTF_8));
                    break;
                }
                default: {
                    int hi = Character.digit(e, 16);
                    int lo = Character.digit(src[pos++], 16);
                    if (hi < 0 || lo < 0) throw new IllegalArgumentException("bad escape at line " + line);
                    out.write(hi << 4 | lo);
                }
            }
        }
    }
}
