package org.wasm2jvm.compiler.validate;

import static org.wasm2jvm.compiler.validate.OperandTypes.F32;
import static org.wasm2jvm.compiler.validate.OperandTypes.F64;
import static org.wasm2jvm.compiler.validate.OperandTypes.I32;
import static org.wasm2jvm.compiler.validate.OperandTypes.I64;

/**
 * Operand and result types of the numeric instructions without immediates (tests, comparisons,
 * unary and binary operators, conversions), packed into one int per opcode so that checking
 * them is a table lookup: bits 0-3 operand type, 4-7 second operand type (0 for unary),
 * 8-11 result type.
 *
 * @see <a href="https://webassembly.github.io/spec/core/valid/instructions.html#numeric-instructions">Spec 3.3.1 Numeric Instructions</a>
 */
final class NumericSignatures {
    private NumericSignatures() {
    }

    private static final int FIRST = 0x45, LAST = 0xC4, SAT_FIRST = 0xFC00, SAT_LAST = 0xFC07;
    private static final int[] PLAIN = new int[LAST - FIRST + 1];
    private static final int[] SAT = new int[SAT_LAST - SAT_FIRST + 1];

    private static int unary(int in, int out) {
        return in | out << 8;
    }

    private static int binary(int in, int out) {
        return in | in << 4 | out << 8;
    }

    private static void range(int from, int to, int sig) {
        for (int op = from; op <= to; op++) PLAIN[op - FIRST] = sig;
    }

    static {
        range(0x45, 0x45, unary(I32, I32));
        range(0x46, 0x4F, binary(I32, I32));
        range(0x50, 0x50, unary(I64, I32));
        range(0x51, 0x5A, binary(I64, I32));
        range(0x5B, 0x60, binary(F32, I32));
        range(0x61, 0x66, binary(F64, I32));
        range(0x67, 0x69, unary(I32, I32));
        range(0x6A, 0x78, binary(I32, I32));
        range(0x79, 0x7B, unary(I64, I64));
        range(0x7C, 0x8A, binary(I64, I64));
        range(0x8B, 0x91, unary(F32, F32));
        range(0x92, 0x98, binary(F32, F32));
        range(0x99, 0x9F, unary(F64, F64));
        range(0xA0, 0xA6, binary(F64, F64));
        range(0xA7, 0xA7, unary(I64, I32));
        range(0xA8, 0xA9, unary(F32, I32));
        range(0xAA, 0xAB, unary(F64, I32));
        range(0xAC, 0xAD, unary(I32, I64));
        range(0xAE, 0xAF, unary(F32, I64));
        range(0xB0, 0xB1, unary(F64, I64));
        range(0xB2, 0xB3, unary(I32, F32));
        range(0xB4, 0xB5, unary(I64, F32));
        range(0xB6, 0xB6, unary(F64, F32));
        range(0xB7, 0xB8, unary(I32, F64));
        range(0xB9, 0xBA, unary(I64, F64));
        range(0xBB, 0xBB, unary(F32, F64));
        range(0xBC, 0xBC, unary(F32, I32));
        range(0xBD, 0xBD, unary(F64, I64));
        range(0xBE, 0xBE, unary(I32, F32));
        range(0xBF, 0xBF, unary(I64, F64));
        range(0xC0, 0xC1, unary(I32, I32));
        range(0xC2, 0xC4, unary(I64, I64));
        SAT[0] = SAT[1] = unary(F32, I32);
        SAT[2] = SAT[3] = unary(F64, I32);
        SAT[4] = SAT[5] = unary(F32, I64);
        SAT[6] = SAT[7] = unary(F64, I64);
    }

    /** The packed signature of {@code opcode}, or 0 if it is not such a numeric instruction. */
    static int of(int opcode) {
        if (opcode >= FIRST && opcode <= LAST) return PLAIN[opcode - FIRST];
        if (opcode >= SAT_FIRST && opcode <= SAT_LAST) return SAT[opcode - SAT_FIRST];
        return 0;
    }

    static int operand(int sig) {
        return sig & 0xF;
    }

    /** The second operand's type, 0 for unary operators. */
    static int secondOperand(int sig) {
        return sig >>> 4 & 0xF;
    }

    static int result(int sig) {
        return sig >>> 8 & 0xF;
    }
}
