package org.wasm2jvm.compiler.validate;

import org.wasm2jvm.api.ValType;

/**
 * Operand types of the validation algorithm as small ints, so the operand stack is a plain
 * {@code byte[]}: {@link #UNKNOWN} is the algorithm's "Unknown" type produced by a
 * stack-polymorphic instruction; every other code is {@code ValType.ordinal() + 1}.
 *
 * @see <a href="https://webassembly.github.io/spec/core/appendix/algorithm.html#data-structures">Spec C.1 Data Structures</a>
 */
final class OperandTypes {
    private OperandTypes() {
    }

    static final byte UNKNOWN = 0;
    static final byte I32 = code(ValType.I32);
    static final byte I64 = code(ValType.I64);
    static final byte F32 = code(ValType.F32);
    static final byte F64 = code(ValType.F64);
    static final byte V128 = code(ValType.V128);
    static final byte FUNCREF = code(ValType.FUNCREF);
    static final byte EXTERNREF = code(ValType.EXTERNREF);

    static final byte[] NONE = {};

    private static final ValType[] VALUES = ValType.values();
    /** One shared single-element array per type, for value-type block types. */
    private static final byte[][] SINGLE = new byte[VALUES.length + 1][];

    static {
        for (int i = 0; i < SINGLE.length; i++) SINGLE[i] = new byte[] {(byte) i};
    }

    static byte code(ValType t) {
        return (byte) (t.ordinal() + 1);
    }

    static byte[] codes(ValType[] ts) {
        if (ts.length == 0) return NONE;
        if (ts.length == 1) return SINGLE[code(ts[0])];
        byte[] r = new byte[ts.length];
        for (int i = 0; i < ts.length; i++) r[i] = code(ts[i]);
        return r;
    }

    /** The shared (do not modify) one-element array holding {@code t}. */
    static byte[] single(byte t) {
        return SINGLE[t];
    }

    static boolean isNumeric(int t) {
        return t == I32 || t == I64 || t == F32 || t == F64;
    }

    static boolean isRef(int t) {
        return t == FUNCREF || t == EXTERNREF;
    }

    static String name(int t) {
        return t == UNKNOWN ? "unknown" : VALUES[t - 1].toString();
    }

    static String names(byte[] ts) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ts.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(name(ts[i]));
        }
        return sb.append(']').toString();
    }
}
