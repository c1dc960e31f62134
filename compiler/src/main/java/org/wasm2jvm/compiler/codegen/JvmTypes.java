package org.wasm2jvm.compiler.codegen;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ValType;

/** How Wasm types map onto JVM types, descriptors and instructions. */
final class JvmTypes {
    private JvmTypes() {
    }

    static final String OBJECT = "java/lang/Object";
    static final String INSTANCE_BASE = "org/wasm2jvm/runtime/InstanceBase";
    static final String RT = "org/wasm2jvm/runtime/Rt";
    static final String MEM = "org/wasm2jvm/runtime/Mem";
    static final String MEMORY = "org/wasm2jvm/api/MemoryInstance";
    static final String TABLE = "org/wasm2jvm/api/TableInstance";
    static final String GLOBAL = "org/wasm2jvm/api/GlobalInstance";
    static final String FUNC_TYPE = "org/wasm2jvm/api/FuncType";
    static final String METHOD_HANDLE = "java/lang/invoke/MethodHandle";
    /** The memory's array and size, the last arguments of the {@code Mem} access helpers. */
    static final String MEMORY_ARGS = "[BI";

    static String desc(ValType t) {
        switch (t) {
            case I32: return "I";
            case I64: return "J";
            case F32: return "F";
            case F64: return "D";
            default: return "Ljava/lang/Object;";
        }
    }

    static String returnDesc(FuncType t) {
        switch (t.resultCount()) {
            case 0: return "V";
            case 1: return desc(t.result(0));
            default: return "[Ljava/lang/Object;";
        }
    }

    static String paramsDesc(FuncType t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.paramCount(); i++) sb.append(desc(t.param(i)));
        return sb.toString();
    }

    /**
     * Descriptor of a generated function method: Wasm params, then the instance. It returns the
     * first result; further results travel in the instance's scratch arrays
     * ({@code InstanceBase.mvBits/mvRefs}), so multi-value returns box nothing.
     */
    static String functionDesc(FuncType t, String instanceClass) {
        return "(" + paramsDesc(t) + "L" + instanceClass + ";)" + (t.resultCount() == 0 ? "V" : desc(t.result(0)));
    }

    /** Descriptor of the bridge that boxes a multi-value function's results for its method handle. */
    static String boxedBridgeDesc(FuncType t, String instanceClass) {
        return "(" + paramsDesc(t) + "L" + instanceClass + ";)[Ljava/lang/Object;";
    }

    /** Pushes scratch array of the instance in {@code instSlot} for result values of type {@code t}. */
    static void pushScratch(MethodVisitor mv, int instSlot, ValType t) {
        mv.visitVarInsn(Opcodes.ALOAD, instSlot);
        if (t.isRef()) {
            mv.visitFieldInsn(Opcodes.GETFIELD, INSTANCE_BASE, "mvRefs", "[Ljava/lang/Object;");
        } else {
            mv.visitFieldInsn(Opcodes.GETFIELD, INSTANCE_BASE, "mvBits", "[J");
        }
    }

    /** Stores the value in local {@code valueSlot} as extra result {@code k}. */
    static void storeScratch(MethodVisitor mv, int instSlot, ValType t, int k, int valueSlot) {
        pushScratch(mv, instSlot, t);
        pushInt(mv, k);
        mv.visitVarInsn(loadOp(t), valueSlot);
        if (t.isRef()) {
            mv.visitInsn(Opcodes.AASTORE);
        } else {
            toBits(mv, t);
            mv.visitInsn(Opcodes.LASTORE);
        }
    }

    /** Pushes extra result {@code k} of type {@code t}. */
    static void loadScratch(MethodVisitor mv, int instSlot, ValType t, int k) {
        pushScratch(mv, instSlot, t);
        pushInt(mv, k);
        if (t.isRef()) {
            mv.visitInsn(Opcodes.AALOAD);
        } else {
            mv.visitInsn(Opcodes.LALOAD);
            fromBits(mv, t);
        }
    }

    /** Descriptor a function has as a bound method handle (what invokeExact is called with). */
    static String handleDesc(FuncType t) {
        return "(" + paramsDesc(t) + ")" + returnDesc(t);
    }

    static int loadOp(ValType t) {
        return Type.getType(desc(t)).getOpcode(Opcodes.ILOAD);
    }

    static int storeOp(ValType t) {
        return Type.getType(desc(t)).getOpcode(Opcodes.ISTORE);
    }

    static int returnOp(ValType t) {
        return Type.getType(desc(t)).getOpcode(Opcodes.IRETURN);
    }

    static void pop(MethodVisitor mv, ValType t) {
        mv.visitInsn(t.slots() == 2 ? Opcodes.POP2 : Opcodes.POP);
    }

    static void pushZero(MethodVisitor mv, ValType t) {
        switch (t) {
            case I32: mv.visitInsn(Opcodes.ICONST_0); break;
            case I64: mv.visitInsn(Opcodes.LCONST_0); break;
            case F32: mv.visitInsn(Opcodes.FCONST_0); break;
            case F64: mv.visitInsn(Opcodes.DCONST_0); break;
            default: mv.visitInsn(Opcodes.ACONST_NULL); break;
        }
    }

    static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    static void box(MethodVisitor mv, ValType t) {
        switch (t) {
            case I32: mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false); break;
            case I64: mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false); break;
            case F32: mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "valueOf", "(F)Ljava/lang/Float;", false); break;
            case F64: mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "valueOf", "(D)Ljava/lang/Double;", false); break;
            default: break;
        }
    }

    static void unbox(MethodVisitor mv, ValType t) {
        switch (t) {
            case I32:
                mv.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/Integer");
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Integer", "intValue", "()I", false);
                break;
            case I64:
                mv.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/Long");
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Long", "longValue", "()J", false);
                break;
            case F32:
                mv.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/Float");
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Float", "floatValue", "()F", false);
                break;
            case F64:
                mv.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/Double");
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Double", "doubleValue", "()D", false);
                break;
            default:
                break;
        }
    }

    /** Raw bits (a long on the stack) to a value of numeric type {@code t}. */
    static void fromBits(MethodVisitor mv, ValType t) {
        switch (t) {
            case I32: mv.visitInsn(Opcodes.L2I); break;
            case I64: break;
            case F32:
                mv.visitInsn(Opcodes.L2I);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                break;
            case F64:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                break;
            default: throw new IllegalStateException("not numeric: " + t);
        }
    }

    /** A value of numeric type {@code t} to its raw bits as a long. */
    static void toBits(MethodVisitor mv, ValType t) {
        switch (t) {
            case I32: mv.visitInsn(Opcodes.I2L); break;
            case I64: break;
            case F32:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                mv.visitInsn(Opcodes.I2L);
                break;
            case F64:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                break;
            default: throw new IllegalStateException("not numeric: " + t);
        }
    }
}
