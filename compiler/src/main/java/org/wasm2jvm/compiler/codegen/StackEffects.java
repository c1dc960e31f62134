package org.wasm2jvm.compiler.codegen;

import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.model.Opcodes;

/** Net operand-stack effect (pushes minus pops) of non-control instructions. */
final class StackEffects {
    private StackEffects() {
    }

    static int delta(Module m, Instruction in) {
        int op = in.opcode;
        switch (op) {
            case Opcodes.NOP: case Opcodes.DATA_DROP: case Opcodes.ELEM_DROP: return 0;
            case Opcodes.BR_IF: return -1;
            case Opcodes.DROP: return -1;
            case Opcodes.SELECT: case Opcodes.SELECT_T: return -2;
            case Opcodes.LOCAL_GET: case Opcodes.GLOBAL_GET: return 1;
            case Opcodes.LOCAL_SET: case Opcodes.GLOBAL_SET: return -1;
            case Opcodes.LOCAL_TEE: return 0;
            case Opcodes.TABLE_GET: return 0;
            case Opcodes.TABLE_SET: return -2;
            case Opcodes.MEMORY_SIZE: case Opcodes.TABLE_SIZE: return 1;
            case Opcodes.MEMORY_GROW: return 0;
            case Opcodes.TABLE_GROW: return -1;
            case Opcodes.I32_CONST: case Opcodes.I64_CONST: case Opcodes.F32_CONST: case Opcodes.F64_CONST:
            case Opcodes.REF_NULL: case Opcodes.REF_FUNC:
                return 1;
            case Opcodes.REF_IS_NULL: return 0;
            case Opcodes.MEMORY_INIT: case Opcodes.MEMORY_COPY: case Opcodes.MEMORY_FILL:
            case Opcodes.TABLE_INIT: case Opcodes.TABLE_COPY: case Opcodes.TABLE_FILL:
                return -3;
            case Opcodes.CALL: {
                FuncType t = m.functionType((int) in.a);
                return t.resultCount() - t.paramCount();
            }
            case Opcodes.CALL_INDIRECT: {
                FuncType t = m.types.get((int) in.a);
                return t.resultCount() - t.paramCount() - 1;
            }
            default:
                break;
        }
        if (op >= Opcodes.I32_LOAD && op <= Opcodes.I64_LOAD32_U) return 0;
        if (op >= Opcodes.I32_STORE && op <= Opcodes.I64_STORE32) return -2;
        if (op == Opcodes.I32_EQZ || op == Opcodes.I64_EQZ) return 0;
        if ((op >= Opcodes.I32_EQ && op <= Opcodes.I32_GE_U) || (op >= Opcodes.I64_EQ && op <= Opcodes.F64_GE)) return -1;
        if ((op >= Opcodes.I32_CLZ && op <= Opcodes.I32_POPCNT) || (op >= Opcodes.I64_CLZ && op <= Opcodes.I64_POPCNT)
                || (op >= Opcodes.F32_ABS && op <= Opcodes.F32_SQRT) || (op >= Opcodes.F64_ABS && op <= Opcodes.F64_SQRT)) {
            return 0;
        }
        if ((op >= Opcodes.I32_ADD && op <= Opcodes.I32_ROTR) || (op >= Opcodes.I64_ADD && op <= Opcodes.I64_ROTR)
                || (op >= Opcodes.F32_ADD && op <= Opcodes.F32_COPYSIGN) || (op >= Opcodes.F64_ADD && op <= Opcodes.F64_COPYSIGN)) {
            return -1;
        }
        // conversions, extensions, saturating truncations: one in, one out
        return 0;
    }
}
