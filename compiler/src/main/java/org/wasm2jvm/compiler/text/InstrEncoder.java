package org.wasm2jvm.compiler.text;

import java.util.ArrayList;
import java.util.List;

import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.Opcodes;

/**
 * Encodes instruction sequences, flat and folded, of a function body or constant expression into
 * their binary form, resolving labels and locals.
 *
 * @see <a href="https://webassembly.github.io/spec/core/text/instructions.html">Spec 6.5 Instructions</a>
 */
final class InstrEncoder {
    private final ModuleScope scope;
    private final IdSpace locals;
    private final ByteSink out;
    /** Enclosing block labels, innermost last; null for unnamed ones. */
    private final List<String> labels = new ArrayList<>();
    /** Opcode of each enclosing flat block, to check {@code else} placement. */
    private final List<Integer> blockOps = new ArrayList<>();
    /** Number of labels enclosing the instruction sequence being encoded. */
    private int seqBase;

    /**
     * @param locals the function's locals, or null in constant expressions
     */
    InstrEncoder(ModuleScope scope, IdSpace locals, ByteSink out) {
        this.scope = scope;
        this.locals = locals != null ? locals : new IdSpace("local", "local");
        this.out = out;
    }

    /** Encodes instructions up to the end of {@code it}; flat blocks must all be closed. */
    void instrs(Items it) {
        seq(it, out);
    }

    /**
     * An instruction sequence that ends with its enclosing list: flat blocks opened in it must
     * close in it, and it cannot close blocks opened outside.
     */
    private void seq(Items it, ByteSink sink) {
        int savedBase = seqBase;
        seqBase = labels.size();
        while (!it.atEnd()) instr(it, sink);
        if (labels.size() != seqBase) throw it.unexpectedEnd();
        seqBase = savedBase;
    }

    private void instr(Items it, ByteSink sink) {
        SExpr n = it.next();
        if (n instanceof SExpr.Group g) {
            folded(g, sink);
            return;
        }
        SExpr.Atom a = (SExpr.Atom) n;
        if (a.kind() != SExpr.AtomKind.KEYWORD) throw Items.unexpected(a);
        switch (a.text()) {
            case "block", "loop", "if" -> {
                int op = Opcodes.byName(a.text());
                String label = it.optId();
                sink.u8(op);
                blockType(it, sink);
                labels.add(label);
                blockOps.add(op);
            }
            case "else" -> {
                if (blockOps.size() <= seqBase || blockOps.get(blockOps.size() - 1) != Opcodes.IF) throw Items.unexpected(a);
                checkEndLabel(it);
                blockOps.set(blockOps.size() - 1, Opcodes.ELSE);
                sink.u8(Opcodes.ELSE);
            }
            case "end" -> {
                if (blockOps.size() <= seqBase) throw Items.unexpected(a);
                checkEndLabel(it);
                labels.remove(labels.size() - 1);
                blockOps.remove(blockOps.size() - 1);
                sink.u8(Opcodes.END);
            }
            default -> plain(a, it, sink);
        }
    }

    /** {@code end $l} / {@code else $l} must repeat the block's own label. */
    private void checkEndLabel(Items it) {
        if (!it.peekId()) return;
        SExpr at = it.peek();
        String id = it.optId();
        if (!id.equals(labels.get(labels.size() - 1))) throw Items.error("mismatching label", at);
    }

    /** @see <a href="https://webassembly.github.io/spec/core/text/instructions.html#folded-instructions">Folded instructions</a> */
    private void folded(SExpr.Group g, ByteSink sink) {
        if (g.items().isEmpty()) throw Items.error("unexpected token", g);
        SExpr headNode = g.items().get(0);
        if (!(headNode instanceof SExpr.Atom head) || head.kind() != SExpr.AtomKind.KEYWORD) {
            throw Items.unexpected(headNode);
        }
        Items it = Items.body(g);
        switch (head.text()) {
            case "block", "loop" -> {
                String label = it.optId();
                sink.u8(Opcodes.byName(head.text()));
                blockType(it, sink);
                labels.add(label);
                blockOps.add(-1);
                seq(it, sink);
                labels.remove(labels.size() - 1);
                blockOps.remove(blockOps.size() - 1);
                sink.u8(Opcodes.END);
            }
            case "if" -> {
                String label = it.optId();
                ByteSink bt = new ByteSink();
                blockType(it, bt);
                while (it.peekGroup() && !it.peekGroup("then")) folded((SExpr.Group) it.next(), sink);
                Items then = Items.body(it.nextGroup("then"));
                sink.u8(Opcodes.IF);
                sink.append(bt);
                labels.add(label);
                blockOps.add(-1);
                seq(then, sink);
                if (it.peekGroup("else")) {
                    Items els = Items.body((SExpr.Group) it.next());
                    sink.u8(Opcodes.ELSE);
                    seq(els, sink);
                }
                it.end();
                labels.remove(labels.size() - 1);
                blockOps.remove(blockOps.size() - 1);
                sink.u8(Opcodes.END);
            }
            default -> {
                ByteSink self = new ByteSink();
                plain(head, it, self);
                while (!it.atEnd()) {
                    SExpr operand = it.next();
                    if (!(operand instanceof SExpr.Group og)) throw Items.unexpected(operand);
                    folded(og, sink);
                }
                sink.append(self);
            }
        }
    }

    /**
     * {@code blocktype ::= (result t)? | typeuse}: the value-type shorthand when there are no
     * parameters and at most one result, else a type index.
     *
     * @see <a href="https://webassembly.github.io/spec/core/text/instructions.html#control-instructions">Control instructions</a>
     */
    private void blockType(Items it, ByteSink sink) {
        if (!it.peekGroup("type") && !it.peekGroup("param")) {
            List<ValType> rs = new ArrayList<>();
            ModuleScope.results(it, rs);
            if (rs.isEmpty()) {
                sink.u8(0x40);
                return;
            }
            if (rs.size() == 1) {
                sink.u8(rs.get(0).code);
                return;
            }
            sink.s64(scope.findOrInsert(new FuncType(new ValType[0], rs.toArray(ValType[]::new))));
            return;
        }
        ModuleScope.TypeUse tu = scope.typeUse(it, false);
        sink.s64(tu.index());
    }

    private long label(Items it) {
        SExpr.Atom a = it.nextAtom();
        if (a.kind() == SExpr.AtomKind.ID) {
            int i = labels.lastIndexOf(a.text());
            if (i < 0) throw Items.error("unknown label " + a.text(), a);
            return labels.size() - 1 - i;
        }
        if (a.kind() != SExpr.AtomKind.KEYWORD) throw Items.unexpected(a);
        return Items.u32(a.text(), a);
    }

    private static long optIndex(Items it, IdSpace space) {
        return IdSpace.peekIndex(it) ? space.resolve(it.nextAtom()) : 0;
    }

    /** An i32 or i64 literal; out-of-range values are the reference parser's "constant out of range". */
    private static long integerConstant(SExpr.Atom a, boolean wide) {
        try {
            return wide ? WatNumbers.parseI64(a.text()) : WatNumbers.parseI32(a.text());
        } catch (WatNumbers.NotANumber e) {
            throw Items.unexpected(a);
        } catch (WatNumbers.OutOfRange e) {
            throw Items.error("constant out of range", a);
        }
    }

    /** A plain instruction and its immediates. */
    private void plain(SExpr.Atom name, Items it, ByteSink sink) {
        String text = name.text();
        int op = text.equals("select_t") ? -1 : Opcodes.byName(text);
        if (op < 0 || op == Opcodes.ELSE || op == Opcodes.END || op == Opcodes.BLOCK || op == Opcodes.LOOP
                || op == Opcodes.IF) {
            throw Items.unexpected(name);
        }
        switch (Opcodes.immediate(op)) {
            case NONE -> {
                if (op == Opcodes.SELECT && it.peekGroup("result")) {
                    List<ValType> rs = new ArrayList<>();
                    ModuleScope.results(it, rs);
                    sink.u8(Opcodes.SELECT_T);
                    sink.u32(rs.size());
                    for (ValType t : rs) sink.u8(t.code);
                } else {
                    sink.opcode(op);
                }
            }
            case LABEL -> {
                long l = label(it);
                sink.u8(op);
                sink.u32(l);
            }
            case BR_TABLE -> {
                List<Long> ls = new ArrayList<>();
                ls.add(label(it));
                while (IdSpace.peekIndex(it)) ls.add(label(it));
                sink.u8(op);
                sink.u32(ls.size() - 1);
                for (long l : ls) sink.u32(l);
            }
            case FUNC -> {
                long f = scope.funcs.resolve(it.nextAtom());
                sink.u8(op);
                sink.u32(f);
            }
            case CALL_INDIRECT -> {
                long table = optIndex(it, scope.tables);
                long type = scope.typeUse(it, false).index();
                sink.u8(op);
                sink.u32(type);
                sink.u32(table);
            }
            case LOCAL -> {
                long l = locals.resolve(it.nextAtom());
                sink.u8(op);
                sink.u32(l);
            }
            case GLOBAL -> {
                long g = scope.globals.resolve(it.nextAtom());
                sink.u8(op);
                sink.u32(g);
            }
            case TABLE -> {
                long t = optIndex(it, scope.tables);
                sink.opcode(op);
                sink.u32(t);
            }
            case MEMARG -> memarg(op, it, sink);
            case MEMORY -> {
                sink.opcode(op);
                sink.u8(0);
            }
            case I32, I64 -> {
                long v = integerConstant(it.nextAtom(), Opcodes.immediate(op) == Opcodes.Imm.I64);
                sink.u8(op);
                sink.s64(v);
            }
            case F32 -> {
                int bits = (int) floatBits(it.nextAtom(), WatNumbers.Format.F32);
                sink.u8(op);
                sink.f32(bits);
            }
            case F64 -> {
                long bits = floatBits(it.nextAtom(), WatNumbers.Format.F64);
                sink.u8(op);
                sink.f64(bits);
            }
            case REF_TYPE -> {
                SExpr.Atom a = it.nextAtom();
                int code;
                if (a.isKeyword("func")) code = ValType.FUNCREF.code;
                else if (a.isKeyword("extern")) code = ValType.EXTERNREF.code;
                else throw Items.unexpected(a);
                sink.u8(op);
                sink.u8(code);
            }
            case DATA_MEMORY -> {
                long d = scope.datas.resolve(it.nextAtom());
                scope.usesDataCount = true;
                sink.opcode(op);
                sink.u32(d);
                sink.u8(0);
            }
            case DATA -> {
                long d = scope.datas.resolve(it.nextAtom());
                scope.usesDataCount = true;
                sink.opcode(op);
                sink.u32(d);
            }
            case MEMORY_MEMORY -> {
                sink.opcode(op);
                sink.u8(0);
                sink.u8(0);
            }
            case ELEM_TABLE -> {
                SExpr.Atom first = it.nextAtom();
                long table = 0;
                long elem;
                if (IdSpace.peekIndex(it)) {
                    table = scope.tables.resolve(first);
                    elem = scope.elems.resolve(it.nextAtom());
                } else {
                    elem = scope.elems.resolve(first);
                }
                sink.opcode(op);
                sink.u32(elem);
                sink.u32(table);
            }
            case ELEM -> {
                long e = scope.elems.resolve(it.nextAtom());
                sink.opcode(op);
                sink.u32(e);
            }
            case TABLE_TABLE -> {
                long dst = 0;
                long src = 0;
                if (IdSpace.peekIndex(it)) {
                    dst = scope.tables.resolve(it.nextAtom());
                    src = scope.tables.resolve(it.nextAtom());
                }
                sink.opcode(op);
                sink.u32(dst);
                sink.u32(src);
            }
            default -> throw Items.unexpected(name);
        }
    }

    static long floatBits(SExpr.Atom a, WatNumbers.Format f) {
        if (a.kind() != SExpr.AtomKind.KEYWORD) throw Items.unexpected(a);
        try {
            return WatNumbers.parseFloat(a.text(), f);
        } catch (WatNumbers.NotANumber e) {
            throw Items.unexpected(a);
        } catch (WatNumbers.OutOfRange e) {
            throw Items.error("constant out of range", a);
        }
    }

    /**
     * {@code memarg ::= offset=u32? align=u32?}; the alignment must be a power of two and is
     * encoded as its exponent.
     */
    private static void memarg(int op, Items it, ByteSink sink) {
        long offset = 0;
        int alignExp = Opcodes.naturalAlignment(op);
        if (it.peek() instanceof SExpr.Atom a && a.kind() == SExpr.AtomKind.KEYWORD && a.text().startsWith("offset=")) {
            it.next();
            offset = memargValue(a, "offset=".length());
        }
        if (it.peek() instanceof SExpr.Atom a && a.kind() == SExpr.AtomKind.KEYWORD && a.text().startsWith("align=")) {
            it.next();
            long align = memargValue(a, "align=".length());
            if (align == 0 || (align & (align - 1)) != 0) throw Items.error("alignment", a);
            alignExp = Long.numberOfTrailingZeros(align);
        }
        sink.u8(op);
        sink.u32(alignExp);
        sink.u32(offset);
    }

    private static long memargValue(SExpr.Atom a, int from) {
        String v = a.text().substring(from);
        if (v.isEmpty() || !Character.isDigit(v.charAt(0))) throw ModuleException.malformed("unknown operator " + a.text(), null, a.offset());
        return Items.u32(v, a);
    }
}
