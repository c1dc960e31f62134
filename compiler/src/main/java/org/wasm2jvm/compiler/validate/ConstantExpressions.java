package org.wasm2jvm.compiler.validate;

import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Opcodes;

/**
 * Validates constant expressions (global initialisers, segment offsets, element items): only
 * {@code t.const}, {@code ref.null}, {@code ref.func} and {@code global.get} of an immutable
 * global, producing exactly one value of the expected type.
 *
 * <p>In Wasm 2.0 these expressions are validated in the context C' whose globals are only the
 * imported ones, so {@code global.get} of a defined global is an "unknown global".
 * Like the reference interpreter, constness is checked for the whole expression before types.
 *
 * @see <a href="https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions">Spec 3.3.10 Constant Expressions</a>
 * @see <a href="https://webassembly.github.io/spec/core/valid/modules.html#valid-module">Spec 3.4.10 Modules (context C')</a>
 */
final class ConstantExpressions {
    private ConstantExpressions() {
    }

    /** Checks {@code expr} (without its final {@code end}) produces one value of type {@code expected}. */
    static void validate(ValidationContext ctx, Instruction[] expr, ValType expected, String section, long fallbackOffset) {
        for (Instruction in : expr) {
            long offset = in.offset >= 0 ? in.offset : fallbackOffset;
            switch (in.opcode) {
                case Opcodes.I32_CONST: case Opcodes.I64_CONST: case Opcodes.F32_CONST: case Opcodes.F64_CONST:
                case Opcodes.REF_NULL: case Opcodes.REF_FUNC:
                    break;
                case Opcodes.GLOBAL_GET: {
                    int g = importedGlobal(ctx, in.a, section, offset);
                    if (ctx.globalMutable[g]) {
                        throw ModuleException.invalid("constant expression required", section, offset);
                    }
                    break;
                }
                default:
                    throw ModuleException.invalid("constant expression required", section, offset);
            }
        }
        int count = 0;
        byte type = OperandTypes.UNKNOWN;
        for (Instruction in : expr) {
            long offset = in.offset >= 0 ? in.offset : fallbackOffset;
            switch (in.opcode) {
                case Opcodes.I32_CONST: type = OperandTypes.I32; break;
                case Opcodes.I64_CONST: type = OperandTypes.I64; break;
                case Opcodes.F32_CONST: type = OperandTypes.F32; break;
                case Opcodes.F64_CONST: type = OperandTypes.F64; break;
                case Opcodes.REF_NULL: type = refType(in.a, section, offset); break;
                case Opcodes.REF_FUNC:
                    ctx.func(in.a, section, offset);
                    type = OperandTypes.FUNCREF;
                    break;
                default: type = ctx.globalTypes[(int) in.a]; break;
            }
            count++;
        }
        byte want = OperandTypes.code(expected);
        if (count != 1 || type != want) {
            long offset = expr.length > 0 && expr[0].offset >= 0 ? expr[0].offset : fallbackOffset;
            throw ModuleException.invalid("type mismatch: constant expression must produce ["
                    + expected + "] but produces " + (count == 1 ? "[" + OperandTypes.name(type) + "]" : count + " values"),
                    section, offset);
        }
    }

    private static int importedGlobal(ValidationContext ctx, long idx, String section, long offset) {
        if (idx < 0 || idx >= ctx.importedGlobals) {
            throw ModuleException.invalid("unknown global " + ValidationContext.index(idx), section, offset);
        }
        return (int) idx;
    }

    private static byte refType(long code, String section, long offset) {
        if (code == ValType.FUNCREF.code) return OperandTypes.FUNCREF;
        if (code == ValType.EXTERNREF.code) return OperandTypes.EXTERNREF;
        throw ModuleException.malformed("malformed reference type", section, offset);
    }
}
