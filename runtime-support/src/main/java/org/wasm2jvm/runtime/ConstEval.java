package org.wasm2jvm.runtime;

import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Opcodes;

/**
 * Evaluates constant expressions (global initialisers, segment offsets, element items) at
 * instantiation. Numbers come back as raw bits in a long, references as objects.
 *
 * @see <a href="https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions">Spec 3.3.10 Constant Expressions</a>
 */
final class ConstEval {
    private ConstEval() {
    }

    /** Result of an evaluation: {@code bits} for numbers, {@code ref} for references. */
    static final class Value {
        long bits;
        Object ref;
    }

    static Value eval(Instruction[] expr, InstanceBase inst) {
        long[] stack = new long[expr.length + 1];
        Object[] refs = new Object[expr.length + 1];
        int sp = 0;
        for (Instruction in : expr) {
            switch (in.opcode) {
                case Opcodes.I32_CONST: stack[sp++] = (int) in.a; break;
                case Opcodes.I64_CONST:
                case Opcodes.F32_CONST:
                case Opcodes.F64_CONST: stack[sp++] = in.a; break;
                case Opcodes.REF_NULL: refs[sp++] = null; break;
                case Opcodes.REF_FUNC: refs[sp++] = inst.func((int) in.a); break;
                case Opcodes.GLOBAL_GET: {
                    int g = (int) in.a;
                    stack[sp] = inst.globalBits[g];
                    refs[sp++] = inst.globalRefs[g];
                    break;
                }
                // extended constant expressions (Wasm 3.0)
                case Opcodes.I32_ADD: sp--; stack[sp - 1] = (int) (stack[sp - 1] + stack[sp]); break;
                case Opcodes.I32_SUB: sp--; stack[sp - 1] = (int) (stack[sp - 1] - stack[sp]); break;
                case Opcodes.I32_MUL: sp--; stack[sp - 1] = (int) stack[sp - 1] * (int) stack[sp]; break;
                case Opcodes.I64_ADD: sp--; stack[sp - 1] = stack[sp - 1] + stack[sp]; break;
                case Opcodes.I64_SUB: sp--; stack[sp - 1] = stack[sp - 1] - stack[sp]; break;
                case Opcodes.I64_MUL: sp--; stack[sp - 1] = stack[sp - 1] * stack[sp]; break;
                case Opcodes.END: break;
                default:
                    throw new IllegalStateException("not a constant instruction: " + Opcodes.name(in.opcode));
            }
        }
        Value v = new Value();
        v.bits = stack[sp - 1];
        v.ref = refs[sp - 1];
        return v;
    }

    static int evalI32(Instruction[] expr, InstanceBase inst) {
        return (int) eval(expr, inst).bits;
    }

    static Object boxed(ValType t, Value v) {
        switch (t) {
            case I32: return (int) v.bits;
            case I64: return v.bits;
            case F32: return Float.intBitsToFloat((int) v.bits);
            case F64: return Double.longBitsToDouble(v.bits);
            default: return v.ref;
        }
    }
}
