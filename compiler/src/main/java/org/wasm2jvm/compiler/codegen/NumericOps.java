package org.wasm2jvm.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;
import static org.wasm2jvm.compiler.codegen.JvmTypes.RT;

import java.util.function.Consumer;
import org.objectweb.asm.MethodVisitor;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.Opcodes;

/**
 * Arithmetic, bitwise and conversion instructions (comparisons are in {@link FunctionCompiler},
 * which fuses them with branches). Each becomes a JVM instruction where the JVM's semantics
 * match the spec exactly, otherwise a call to a small static helper in {@code Rt}.
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/numerics.html">Spec 4.3 Numerics</a>
 */
final class NumericOps {
    private NumericOps() {
    }

    private static final ValType I = ValType.I32, L = ValType.I64, F = ValType.F32, D = ValType.F64;

    static void emit(MethodVisitor mv, int op) {
        switch (op) {
            case Opcodes.I32_CLZ: jdk(mv, "java/lang/Integer", "numberOfLeadingZeros", "(I)I"); break;
            case Opcodes.I32_CTZ: jdk(mv, "java/lang/Integer", "numberOfTrailingZeros", "(I)I"); break;
            case Opcodes.I32_POPCNT: jdk(mv, "java/lang/Integer", "bitCount", "(I)I"); break;
            case Opcodes.I32_ADD: mv.visitInsn(IADD); break;
            case Opcodes.I32_SUB: mv.visitInsn(ISUB); break;
            case Opcodes.I32_MUL: mv.visitInsn(IMUL); break;
            case Opcodes.I32_DIV_S: rt(mv, "i32DivS", "(II)I"); break;
            case Opcodes.I32_DIV_U: rt(mv, "i32DivU", "(II)I"); break;
            case Opcodes.I32_REM_S: rt(mv, "i32RemS", "(II)I"); break;
            case Opcodes.I32_REM_U: rt(mv, "i32RemU", "(II)I"); break;
            case Opcodes.I32_AND: mv.visitInsn(IAND); break;
            case Opcodes.I32_OR: mv.visitInsn(IOR); break;
            case Opcodes.I32_XOR: mv.visitInsn(IXOR); break;
            // JVM shifts take the count modulo the width, exactly as Wasm does.
            case Opcodes.I32_SHL: mv.visitInsn(ISHL); break;
            case Opcodes.I32_SHR_S: mv.visitInsn(ISHR); break;
            case Opcodes.I32_SHR_U: mv.visitInsn(IUSHR); break;
            case Opcodes.I32_ROTL: jdk(mv, "java/lang/Integer", "rotateLeft", "(II)I"); break;
            case Opcodes.I32_ROTR: jdk(mv, "java/lang/Integer", "rotateRight", "(II)I"); break;

            case Opcodes.I64_CLZ: jdk(mv, "java/lang/Long", "numberOfLeadingZeros", "(J)I"); mv.visitInsn(I2L); break;
            case Opcodes.I64_CTZ: jdk(mv, "java/lang/Long", "numberOfTrailingZeros", "(J)I"); mv.visitInsn(I2L); break;
            case Opcodes.I64_POPCNT: jdk(mv, "java/lang/Long", "bitCount", "(J)I"); mv.visitInsn(I2L); break;
            case Opcodes.I64_ADD: mv.visitInsn(LADD); break;
            case Opcodes.I64_SUB: mv.visitInsn(LSUB); break;
            case Opcodes.I64_MUL: mv.visitInsn(LMUL); break;
            case Opcodes.I64_DIV_S: rt(mv, "i64DivS", "(JJ)J"); break;
            case Opcodes.I64_DIV_U: rt(mv, "i64DivU", "(JJ)J"); break;
            case Opcodes.I64_REM_S: rt(mv, "i64RemS", "(JJ)J"); break;
            case Opcodes.I64_REM_U: rt(mv, "i64RemU", "(JJ)J"); break;
            case Opcodes.I64_AND: mv.visitInsn(LAND); break;
            case Opcodes.I64_OR: mv.visitInsn(LOR); break;
            case Opcodes.I64_XOR: mv.visitInsn(LXOR); break;
            case Opcodes.I64_SHL: mv.visitInsn(L2I); mv.visitInsn(LSHL); break;
            case Opcodes.I64_SHR_S: mv.visitInsn(L2I); mv.visitInsn(LSHR); break;
            case Opcodes.I64_SHR_U: mv.visitInsn(L2I); mv.visitInsn(LUSHR); break;
            case Opcodes.I64_ROTL: mv.visitInsn(L2I); jdk(mv, "java/lang/Long", "rotateLeft", "(JI)J"); break;
            case Opcodes.I64_ROTR: mv.visitInsn(L2I); jdk(mv, "java/lang/Long", "rotateRight", "(JI)J"); break;

            case Opcodes.F32_ABS: rt(mv, "f32Abs", "(F)F"); break;
            case Opcodes.F32_NEG: rt(mv, "f32Neg", "(F)F"); break;
            case Opcodes.F32_CEIL: rt(mv, "f32Ceil", "(F)F"); break;
            case Opcodes.F32_FLOOR: rt(mv, "f32Floor", "(F)F"); break;
            case Opcodes.F32_TRUNC: rt(mv, "f32Trunc", "(F)F"); break;
            case Opcodes.F32_NEAREST: rt(mv, "f32Nearest", "(F)F"); break;
            case Opcodes.F32_SQRT: rt(mv, "f32Sqrt", "(F)F"); break;
            case Opcodes.F32_ADD: mv.visitInsn(FADD); break;
            case Opcodes.F32_SUB: mv.visitInsn(FSUB); break;
            case Opcodes.F32_MUL: mv.visitInsn(FMUL); break;
            case Opcodes.F32_DIV: mv.visitInsn(FDIV); break;
            case Opcodes.F32_MIN: rt(mv, "f32Min", "(FF)F"); break;
            case Opcodes.F32_MAX: rt(mv, "f32Max", "(FF)F"); break;
            case Opcodes.F32_COPYSIGN: rt(mv, "f32Copysign", "(FF)F"); break;

            case Opcodes.F64_ABS: rt(mv, "f64Abs", "(D)D"); break;
            case Opcodes.F64_NEG: rt(mv, "f64Neg", "(D)D"); break;
            case Opcodes.F64_CEIL: rt(mv, "f64Ceil", "(D)D"); break;
            case Opcodes.F64_FLOOR: rt(mv, "f64Floor", "(D)D"); break;
            case Opcodes.F64_TRUNC: rt(mv, "f64Trunc", "(D)D"); break;
            case Opcodes.F64_NEAREST: rt(mv, "f64Nearest", "(D)D"); break;
            case Opcodes.F64_SQRT: jdk(mv, "java/lang/Math", "sqrt", "(D)D"); break;
            case Opcodes.F64_ADD: mv.visitInsn(DADD); break;
            case Opcodes.F64_SUB: mv.visitInsn(DSUB); break;
            case Opcodes.F64_MUL: mv.visitInsn(DMUL); break;
            case Opcodes.F64_DIV: mv.visitInsn(DDIV); break;
            case Opcodes.F64_MIN: rt(mv, "f64Min", "(DD)D"); break;
            case Opcodes.F64_MAX: rt(mv, "f64Max", "(DD)D"); break;
            case Opcodes.F64_COPYSIGN: rt(mv, "f64Copysign", "(DD)D"); break;

            case Opcodes.I32_WRAP_I64: mv.visitInsn(L2I); break;
            case Opcodes.I32_TRUNC_F32_S: rt(mv, "i32TruncF32S", "(F)I"); break;
            case Opcodes.I32_TRUNC_F32_U: rt(mv, "i32TruncF32U", "(F)I"); break;
            case Opcodes.I32_TRUNC_F64_S: rt(mv, "i32TruncF64S", "(D)I"); break;
            case Opcodes.I32_TRUNC_F64_U: rt(mv, "i32TruncF64U", "(D)I"); break;
            case Opcodes.I64_EXTEND_I32_S: mv.visitInsn(I2L); break;
            case Opcodes.I64_EXTEND_I32_U: jdk(mv, "java/lang/Integer", "toUnsignedLong", "(I)J"); break;
            case Opcodes.I64_TRUNC_F32_S: rt(mv, "i64TruncF32S", "(F)J"); break;
            case Opcodes.I64_TRUNC_F32_U: rt(mv, "i64TruncF32U", "(F)J"); break;
            case Opcodes.I64_TRUNC_F64_S: rt(mv, "i64TruncF64S", "(D)J"); break;
            case Opcodes.I64_TRUNC_F64_U: rt(mv, "i64TruncF64U", "(D)J"); break;
            case Opcodes.F32_CONVERT_I32_S: mv.visitInsn(I2F); break;
            case Opcodes.F32_CONVERT_I32_U: rt(mv, "f32ConvertI32U", "(I)F"); break;
            case Opcodes.F32_CONVERT_I64_S: mv.visitInsn(L2F); break;
            case Opcodes.F32_CONVERT_I64_U: rt(mv, "f32ConvertI64U", "(J)F"); break;
            case Opcodes.F32_DEMOTE_F64: mv.visitInsn(D2F); break;
            case Opcodes.F64_CONVERT_I32_S: mv.visitInsn(I2D); break;
            case Opcodes.F64_CONVERT_I32_U: rt(mv, "f64ConvertI32U", "(I)D"); break;
            case Opcodes.F64_CONVERT_I64_S: mv.visitInsn(L2D); break;
            case Opcodes.F64_CONVERT_I64_U: rt(mv, "f64ConvertI64U", "(J)D"); break;
            case Opcodes.F64_PROMOTE_F32: mv.visitInsn(F2D); break;
            case Opcodes.I32_REINTERPRET_F32: jdk(mv, "java/lang/Float", "floatToRawIntBits", "(F)I"); break;
            case Opcodes.I64_REINTERPRET_F64: jdk(mv, "java/lang/Double", "doubleToRawLongBits", "(D)J"); break;
            case Opcodes.F32_REINTERPRET_I32: jdk(mv, "java/lang/Float", "intBitsToFloat", "(I)F"); break;
            case Opcodes.F64_REINTERPRET_I64: jdk(mv, "java/lang/Double", "longBitsToDouble", "(J)D"); break;
            case Opcodes.I32_EXTEND8_S: mv.visitInsn(I2B); break;
            case Opcodes.I32_EXTEND16_S: mv.visitInsn(I2S); break;
            case Opcodes.I64_EXTEND8_S: mv.visitInsn(L2I); mv.visitInsn(I2B); mv.visitInsn(I2L); break;
            case Opcodes.I64_EXTEND16_S: mv.visitInsn(L2I); mv.visitInsn(I2S); mv.visitInsn(I2L); break;
            case Opcodes.I64_EXTEND32_S: mv.visitInsn(L2I); mv.visitInsn(I2L); break;

            // Saturating signed conversions are exactly the JVM's casts (NaN -> 0, clamp).
            case Opcodes.I32_TRUNC_SAT_F32_S: mv.visitInsn(F2I); break;
            case Opcodes.I32_TRUNC_SAT_F32_U: rt(mv, "i32TruncSatF32U", "(F)I"); break;
            case Opcodes.I32_TRUNC_SAT_F64_S: mv.visitInsn(D2I); break;
            case Opcodes.I32_TRUNC_SAT_F64_U: rt(mv, "i32TruncSatF64U", "(D)I"); break;
            case Opcodes.I64_TRUNC_SAT_F32_S: mv.visitInsn(F2L); break;
            case Opcodes.I64_TRUNC_SAT_F32_U: rt(mv, "i64TruncSatF32U", "(F)J"); break;
            case Opcodes.I64_TRUNC_SAT_F64_S: mv.visitInsn(D2L); break;
            case Opcodes.I64_TRUNC_SAT_F64_U: rt(mv, "i64TruncSatF64U", "(D)J"); break;
            default:
                throw new UnsupportedOperationException("no code generation for " + Opcodes.name(op));
        }
    }

    /** Pops the operand types and pushes the result type of a numeric instruction. */
    static void applyStackEffect(int op, Runnable pop, Consumer<ValType> push) {
        ValType[] sig = signature(op);
        for (int i = 1; i < sig.length; i++) pop.run();
        push.accept(sig[0]);
    }

    /** {result, operand types...}. */
    private static ValType[] signature(int op) {
        if (op >= Opcodes.I32_CLZ && op <= Opcodes.I32_POPCNT) return new ValType[] {I, I};
        if (op >= Opcodes.I32_ADD && op <= Opcodes.I32_ROTR) return new ValType[] {I, I, I};
        if (op >= Opcodes.I64_CLZ && op <= Opcodes.I64_POPCNT) return new ValType[] {L, L};
        if (op >= Opcodes.I64_ADD && op <= Opcodes.I64_ROTR) return new ValType[] {L, L, L};
        if (op >= Opcodes.F32_ABS && op <= Opcodes.F32_SQRT) return new ValType[] {F, F};
        if (op >= Opcodes.F32_ADD && op <= Opcodes.F32_COPYSIGN) return new ValType[] {F, F, F};
        if (op >= Opcodes.F64_ABS && op <= Opcodes.F64_SQRT) return new ValType[] {D, D};
        if (op >= Opcodes.F64_ADD && op <= Opcodes.F64_COPYSIGN) return new ValType[] {D, D, D};
        switch (op) {
            case Opcodes.I32_WRAP_I64: return new ValType[] {I, L};
            case Opcodes.I32_TRUNC_F32_S: case Opcodes.I32_TRUNC_F32_U: case Opcodes.I32_REINTERPRET_F32:
            case Opcodes.I32_TRUNC_SAT_F32_S: case Opcodes.I32_TRUNC_SAT_F32_U:
                return new ValType[] {I, F};
            case Opcodes.I32_TRUNC_F64_S: case Opcodes.I32_TRUNC_F64_U:
            case Opcodes.I32_TRUNC_SAT_F64_S: case Opcodes.I32_TRUNC_SAT_F64_U:
                return new ValType[] {I, D};
            case Opcodes.I64_EXTEND_I32_S: case Opcodes.I64_EXTEND_I32_U: return new ValType[] {L, I};
            case Opcodes.I64_TRUNC_F32_S: case Opcodes.I64_TRUNC_F32_U:
            case Opcodes.I64_TRUNC_SAT_F32_S: case Opcodes.I64_TRUNC_SAT_F32_U:
                return new ValType[] {L, F};
            case Opcodes.I64_TRUNC_F64_S: case Opcodes.I64_TRUNC_F64_U: case Opcodes.I64_REINTERPRET_F64:
            case Opcodes.I64_TRUNC_SAT_F64_S: case Opcodes.I64_TRUNC_SAT_F64_U:
                return new ValType[] {L, D};
            case Opcodes.F32_CONVERT_I32_S: case Opcodes.F32_CONVERT_I32_U: case Opcodes.F32_REINTERPRET_I32:
                return new ValType[] {F, I};
            case Opcodes.F32_CONVERT_I64_S: case Opcodes.F32_CONVERT_I64_U: return new ValType[] {F, L};
            case Opcodes.F32_DEMOTE_F64: return new ValType[] {F, D};
            case Opcodes.F64_CONVERT_I32_S: case Opcodes.F64_CONVERT_I32_U: return new ValType[] {D, I};
            case Opcodes.F64_CONVERT_I64_S: case Opcodes.F64_CONVERT_I64_U: case Opcodes.F64_REINTERPRET_I64:
                return new ValType[] {D, L};
            case Opcodes.F64_PROMOTE_F32: return new ValType[] {D, F};
            case Opcodes.I32_EXTEND8_S: case Opcodes.I32_EXTEND16_S: return new ValType[] {I, I};
            case Opcodes.I64_EXTEND8_S: case Opcodes.I64_EXTEND16_S: case Opcodes.I64_EXTEND32_S:
                return new ValType[] {L, L};
            default:
                throw new UnsupportedOperationException("no code generation for " + Opcodes.name(op));
        }
    }

    private static void rt(MethodVisitor mv, String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, RT, name, desc, false);
    }

    private static void jdk(MethodVisitor mv, String owner, String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
    }
}
