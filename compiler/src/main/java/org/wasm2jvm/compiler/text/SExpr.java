package org.wasm2jvm.compiler.text;

import java.util.List;

/**
 * A node of the S-expression tree the text format is built from: an atom (keyword, number, id,
 * string or reserved token) or a parenthesised list.
 *
 * @see <a href="https://webassembly.github.io/spec/core/text/lexical.html">Spec 6.2 Lexical Format</a>
 */
sealed interface SExpr {
    /** Character offset in the source text where this node starts. */
    int offset();

    /** Kinds of atoms, as the spec's tokens distinguish them. */
    enum AtomKind {
        /** A run of idchars that does not start with {@code $}: keywords and numbers. */
        KEYWORD,
        /** {@code $name}. */
        ID,
        /** A string literal; {@link Atom#bytes} holds its decoded bytes. */
        STRING,
        /** Anything else (e.g. idchars glued to a string): the reference lexer rejects it as "unknown operator". */
        RESERVED
    }

    record Atom(AtomKind kind, String text, byte[] bytes, int offset) implements SExpr {
        boolean isKeyword(String k) {
            return kind == AtomKind.KEYWORD && text.equals(k);
        }

        @Override
        public String toString() {
            return kind == AtomKind.STRING ? '"' + text + '"' : text;
        }
    }

    record Group(List<SExpr> items, int offset, int endOffset) implements SExpr {
        /** The keyword at the head of this list, or null. */
        String head() {
            if (!items.isEmpty() && items.get(0) instanceof Atom a && a.kind() == AtomKind.KEYWORD) return a.text();
            return null;
        }

        boolean is(String keyword) {
            return keyword.equals(head());
        }
    }
}
