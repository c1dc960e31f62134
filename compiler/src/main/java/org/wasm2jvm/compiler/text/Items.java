package org.wasm2jvm.compiler.text;

import java.math.BigInteger;
import java.util.List;

import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.ValType;

/**
 * A cursor over the elements of one S-expression list, with the token-level checks and error
 * messages of the reference interpreter's parser.
 */
final class Items {
    private final List<SExpr> items;
    private final int endOffset;
    private int pos;

    Items(List<SExpr> items, int start, int endOffset) {
        this.items = items;
        this.pos = start;
        this.endOffset = endOffset;
    }

    /** The elements of {@code g} after its head keyword. */
    static Items body(SExpr.Group g) {
        return new Items(g.items(), 1, g.endOffset());
    }

    /** All elements of {@code g}, head included. */
    static Items all(SExpr.Group g) {
        return new Items(g.items(), 0, g.endOffset());
    }

    /** The elements not consumed yet. */
    List<SExpr> rest() {
        return items.subList(pos, items.size());
    }

    boolean atEnd() {
        return pos >= items.size();
    }

    SExpr peek() {
        return atEnd() ? null : items.get(pos);
    }

    SExpr next() {
        if (atEnd()) throw unexpectedEnd();
        return items.get(pos++);
    }

    /** Current offset in the source, for error positions. */
    int offset() {
        return atEnd() ? endOffset : items.get(pos).offset();
    }

    boolean peekGroup(String keyword) {
        return peek() instanceof SExpr.Group g && g.is(keyword);
    }

    boolean peekGroup() {
        return peek() instanceof SExpr.Group;
    }

    SExpr.Group nextGroup(String keyword) {
        SExpr n = next();
        if (n instanceof SExpr.Group g && g.is(keyword)) return g;
        throw unexpected(n instanceof SExpr.Group g && !g.items().isEmpty() ? g.items().get(0) : n);
    }

    boolean peekKeyword(String keyword) {
        return peek() instanceof SExpr.Atom a && a.isKeyword(keyword);
    }

    boolean peekKeyword() {
        return peek() instanceof SExpr.Atom a && a.kind() == SExpr.AtomKind.KEYWORD;
    }

    boolean peekId() {
        return peek() instanceof SExpr.Atom a && a.kind() == SExpr.AtomKind.ID;
    }

    boolean peekString() {
        return peek() instanceof SExpr.Atom a && a.kind() == SExpr.AtomKind.STRING;
    }

    /** Consumes an identifier if one is next. */
    String optId() {
        if (!peekId()) return null;
        return ((SExpr.Atom) next()).text();
    }

    SExpr.Atom nextAtom() {
        SExpr n = next();
        if (n instanceof SExpr.Atom a && a.kind() != SExpr.AtomKind.RESERVED) return a;
        throw unexpected(n);
    }

    String nextKeyword() {
        SExpr.Atom a = nextAtom();
        if (a.kind() != SExpr.AtomKind.KEYWORD) throw unexpected(a);
        return a.text();
    }

    void expectKeyword(String keyword) {
        SExpr n = next();
        if (!(n instanceof SExpr.Atom a && a.isKeyword(keyword))) throw unexpected(n);
    }

    byte[] nextString() {
        SExpr n = next();
        if (n instanceof SExpr.Atom a && a.kind() == SExpr.AtomKind.STRING) return a.bytes();
        throw unexpected(n);
    }

    /** A {@code name}: a string that must be valid UTF-8. */
    byte[] nextName() {
        int at = offset();
        byte[] b = nextString();
        if (!Utf8.isValid(b)) throw ModuleException.malformed("malformed UTF-8 encoding", null, at);
        return b;
    }

    /** Next element must be the end of the list. */
    void end() {
        if (!atEnd()) throw unexpected(peek());
    }

    /** A natural number that must fit in 32 bits (limits, indices, memarg offsets). */
    long nextU32() {
        SExpr.Atom a = nextAtom();
        return u32(a.text(), a);
    }

    boolean peekNat() {
        return peek() instanceof SExpr.Atom a && a.kind() == SExpr.AtomKind.KEYWORD && !a.text().isEmpty()
                && Character.isDigit(a.text().charAt(0));
    }

    static long u32(String text, SExpr at) {
        BigInteger v;
        try {
            v = WatNumbers.parseUnsigned(text);
        } catch (WatNumbers.NotANumber e) {
            throw unexpected(at);
        }
        if (v.bitLength() > 32) throw error("i32 constant out of range", at);
        return v.longValue();
    }

    ValType nextValType() {
        SExpr n = next();
        ValType t = n instanceof SExpr.Atom a && a.kind() == SExpr.AtomKind.KEYWORD ? valType(a.text()) : null;
        if (t == null) throw unexpected(n);
        return t;
    }

    ValType nextRefType() {
        SExpr n = next();
        ValType t = n instanceof SExpr.Atom a && a.kind() == SExpr.AtomKind.KEYWORD ? valType(a.text()) : null;
        if (t == null || !t.isRef()) throw unexpected(n);
        return t;
    }

    boolean peekRefType() {
        return peek() instanceof SExpr.Atom a && (a.isKeyword("funcref") || a.isKeyword("externref"));
    }

    static ValType valType(String s) {
        return switch (s) {
            case "i32" -> ValType.I32;
            case "i64" -> ValType.I64;
            case "f32" -> ValType.F32;
            case "f64" -> ValType.F64;
            case "v128" -> ValType.V128;
            case "funcref" -> ValType.FUNCREF;
            case "externref" -> ValType.EXTERNREF;
            default -> null;
        };
    }

    ModuleException unexpectedEnd() {
        return ModuleException.malformed("unexpected token", null, endOffset);
    }

    /** Error for a token the grammar does not allow here; unknown words are "unknown operator" as in the reference lexer. */
    static ModuleException unexpected(SExpr n) {
        if (n instanceof SExpr.Atom a && !Keywords.isKnown(a)) return error("unknown operator " + a.text(), n);
        return error("unexpected token", n);
    }

    static ModuleException error(String msg, SExpr at) {
        return ModuleException.malformed(msg, null, at == null ? -1 : at.offset());
    }
}
