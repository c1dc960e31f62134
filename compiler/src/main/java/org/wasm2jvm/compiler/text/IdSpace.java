package org.wasm2jvm.compiler.text;

import java.util.HashMap;
import java.util.Map;

/**
 * One index space of the text format's identifier context: the symbolic names bound so far and
 * the number of entries.
 *
 * @see <a href="https://webassembly.github.io/spec/core/text/modules.html#text-context">Spec 6.6.1 Identifier Context</a>
 */
final class IdSpace {
    private final String duplicateNoun;
    private final String unknownNoun;
    private final Map<String, Integer> names = new HashMap<>();
    private int count;

    /**
     * @param duplicateNoun word in "duplicate X" errors, e.g. "func"
     * @param unknownNoun   word in "unknown X" errors, e.g. "function"
     */
    IdSpace(String duplicateNoun, String unknownNoun) {
        this.duplicateNoun = duplicateNoun;
        this.unknownNoun = unknownNoun;
    }

    /** Appends an entry, binding {@code id} (may be null) to its index. */
    int add(String id, SExpr at) {
        if (id != null) {
            if (names.containsKey(id)) throw Items.error("duplicate " + duplicateNoun, at);
            names.put(id, count);
        }
        return count++;
    }

    int count() {
        return count;
    }

    /** Whether {@code id} is bound. */
    boolean has(String id) {
        return names.containsKey(id);
    }

    /** Resolves an index token: a {@code u32} literal as is, or a bound identifier. */
    long resolve(SExpr.Atom a) {
        if (a.kind() == SExpr.AtomKind.ID) {
            Integer i = names.get(a.text());
            if (i == null) throw Items.error("unknown " + unknownNoun + " " + a.text(), a);
            return i;
        }
        if (a.kind() != SExpr.AtomKind.KEYWORD) throw Items.unexpected(a);
        return Items.u32(a.text(), a);
    }

    /** Whether the next element of {@code it} is an index (number or id). */
    static boolean peekIndex(Items it) {
        return it.peekId() || it.peekNat();
    }
}
