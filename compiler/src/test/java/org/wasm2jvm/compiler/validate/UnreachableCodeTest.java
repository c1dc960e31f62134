package org.wasm2jvm.compiler.validate;

import static org.wasm2jvm.api.ValType.EXTERNREF;
import static org.wasm2jvm.api.ValType.F32;
import static org.wasm2jvm.api.ValType.F64;
import static org.wasm2jvm.api.ValType.I32;
import static org.wasm2jvm.api.ValType.I64;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.block;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.br;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.brIf;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.brTable;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.call;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.end;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.else_;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.f32;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.f64;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.globalGet;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.i32;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.i64;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.if_;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.localGet;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.localTee;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.loop;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.op;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.refNull;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.t;
import static org.wasm2jvm.compiler.validate.ValidationAssertions.assertInvalid;
import static org.wasm2jvm.compiler.validate.ValidationAssertions.assertValid;
import static org.wasm2jvm.compiler.validate.ValidationAssertions.fn;
import static org.wasm2jvm.model.Opcodes.DROP;
import static org.wasm2jvm.model.Opcodes.F32_EQ;
import static org.wasm2jvm.model.Opcodes.I32_ADD;
import static org.wasm2jvm.model.Opcodes.I32_EQZ;
import static org.wasm2jvm.model.Opcodes.I64_ADD;
import static org.wasm2jvm.model.Opcodes.I64_EQZ;
import static org.wasm2jvm.model.Opcodes.I64_EXTEND_I32_U;
import static org.wasm2jvm.model.Opcodes.REF_IS_NULL;
import static org.wasm2jvm.model.Opcodes.RETURN;
import static org.wasm2jvm.model.Opcodes.SELECT;
import static org.wasm2jvm.model.Opcodes.UNREACHABLE;

import org.junit.jupiter.api.Test;

/** The stack-polymorphic cases of unreached-valid.wast and unreached-invalid.wast. */
class UnreachableCodeTest {
    private static final String MISMATCH = "type mismatch";

    @Test
    void selectAfterUnreachableProducesAnUnknownOperand() {
        assertValid(fn(
                op(UNREACHABLE), op(SELECT),
                op(UNREACHABLE), i32(0), op(SELECT),
                op(UNREACHABLE), i32(0), i32(0), op(SELECT),
                op(UNREACHABLE), i32(0), i32(0), i32(0), op(SELECT),
                op(UNREACHABLE), f32(0), i32(0), op(SELECT),
                op(UNREACHABLE)));
        assertValid(fn(t(), t(I32), op(UNREACHABLE), op(SELECT), op(I32_ADD)));
        assertValid(fn(t(), t(I64), op(UNREACHABLE), i64(0), i32(0), op(SELECT), op(I64_ADD)));
        assertValid(fn(op(UNREACHABLE), op(SELECT), op(I32_EQZ), op(DROP)));
        assertValid(fn(op(UNREACHABLE), op(SELECT), op(REF_IS_NULL), op(DROP)));
    }

    @Test
    void selectTrapOperandsAreUnknown() {
        assertValid(fn(t(I32), t(I32), op(UNREACHABLE), i32(0), localGet(0), op(SELECT)));
        assertValid(fn(t(I32), t(I32), i32(0), op(UNREACHABLE), localGet(0), op(SELECT)));
    }

    @Test
    void brTableMeetsBottomTypesAfterUnreachable() {
        // meet-bottom: targets of types [f32] and [f64] accept the same unknown operand.
        assertValid(fn(block(F64), block(F32), op(UNREACHABLE), i32(1), brTable(0, 1, 1), end(),
                op(DROP), f64(0), end(), op(DROP)));
    }

    @Test
    void indicesAreStillCheckedInUnreachableCode() {
        assertInvalid(fn(op(UNREACHABLE), localGet(0), op(DROP)), "unknown local");
        assertInvalid(fn(op(UNREACHABLE), globalGet(0), op(DROP)), "unknown global");
        assertInvalid(fn(op(UNREACHABLE), call(1)), "unknown function");
        assertInvalid(fn(op(UNREACHABLE), br(1)), "unknown label");
    }

    @Test
    void concreteOperandsAreStillCheckedAfterUnreachable() {
        assertInvalid(fn(op(UNREACHABLE), i32(0), op(I64_EQZ), op(DROP)), MISMATCH);
        // type-poly-num-vs-num: select's result is the known operand's type.
        assertInvalid(fn(t(), t(I32), op(UNREACHABLE), i64(0), i32(0), op(SELECT)), MISMATCH);
        assertInvalid(fn(t(), t(I32), op(UNREACHABLE), i64(0), i32(0), op(SELECT),
                i32(0), i32(0), op(SELECT)), MISMATCH);
    }

    @Test
    void valuesLeftOverAfterUnreachableAreErrors() {
        assertInvalid(fn(op(UNREACHABLE), i32(0)), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), op(I32_EQZ)), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), i32(0), op(I32_ADD)), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), op(SELECT)), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), i32(0), op(SELECT)), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), i32(0), i32(0), op(SELECT)), MISMATCH);
    }

    @Test
    void polymorphismEndsWithTheFrame() {
        // A nested block's unreachable does not make the outer stack polymorphic.
        assertInvalid(fn(block(), op(UNREACHABLE), end(), block(), op(I32_EQZ), op(DROP), end()), MISMATCH);
        assertInvalid(fn(block(), op(UNREACHABLE), end(), f32(1), op(I32_EQZ), op(DROP)), MISMATCH);
        assertInvalid(fn(t(), t(I32), block(), op(UNREACHABLE), end(), f32(0)), MISMATCH);
        // A new block after unreachable starts with an empty, non-polymorphic stack.
        assertInvalid(fn(op(UNREACHABLE), block(), op(I32_EQZ), op(DROP), end()), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), loop(I32), op(I32_EQZ), end()), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), i32(0), if_(), op(I32_EQZ), op(DROP), end()), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), i32(0), if_(), else_(), op(I32_EQZ), op(DROP), end()), MISMATCH);
        assertInvalid(fn(i32(0), if_(), op(UNREACHABLE), else_(), op(I32_EQZ), op(DROP), end()), MISMATCH);
        // After an infinite loop the outer stack is not polymorphic either.
        assertInvalid(fn(loop(), br(0), end(), f32(1), op(I32_EQZ), op(DROP)), MISMATCH);
    }

    @Test
    void afterBreakOrReturnOnlyTheRemainingCodeIsPolymorphic() {
        assertInvalid(fn(block(), br(0), f32(1), op(I32_EQZ), op(DROP), end()), MISMATCH);
        assertInvalid(fn(block(), br(0), i32(1), op(F32_EQ), op(DROP), end()), MISMATCH);
        assertInvalid(fn(block(), br(0), i32(1), end()), MISMATCH);
        assertInvalid(fn(t(), t(I32), block(I32), i32(1), br(0), f32(0), end()), MISMATCH);
        assertInvalid(fn(t(), t(I32), loop(I32), i32(1), br(1), f32(0), end()), MISMATCH);
        assertInvalid(fn(op(RETURN), i32(1)), MISMATCH);
        assertInvalid(fn(t(), t(I32), i32(1), op(RETURN), f64(1), op(RETURN)), MISMATCH);
        assertInvalid(fn(t(), t(I32), block(I32), i32(1), br(0), f64(1), br(0), end()), MISMATCH);
        assertValid(fn(t(), t(I32), block(I32), i32(1), br(0), br(0), end()));
        assertValid(fn(t(), t(I32), i32(0), op(RETURN), op(I32_ADD)));
        assertInvalid(fn(t(), t(I32), op(RETURN)), MISMATCH);
    }

    @Test
    void valuesBelowANestedUnreachableBlockStayOnTheOuterStack() {
        assertInvalid(fn(block(), i32(3), block(), op(UNREACHABLE), end(), end()), MISMATCH);
        assertInvalid(fn(t(), t(I32), block(), block(), op(UNREACHABLE), end(), end()), MISMATCH);
        assertInvalid(fn(t(), t(I32), block(I64), i64(0), block(), op(UNREACHABLE), end(), end()), MISMATCH);
        assertInvalid(fn(t(), t(I32), block(I32), i64(0), block(), i32(0), br(1), end(), end()), MISMATCH);
    }

    @Test
    void brIfAfterUnreachablePushesTheLabelTypes() {
        assertInvalid(fn(block(), op(UNREACHABLE), f32(0), brIf(0), end()), MISMATCH);
        assertInvalid(fn(t(), t(I32), block(I32), block(), op(UNREACHABLE), i32(0), i32(0), brIf(1), end(),
                end()), MISMATCH);
        assertInvalid(fn(t(), t(I32), block(I32), op(UNREACHABLE), i32(0), i32(0), brIf(0), i32(0), end()),
                MISMATCH);
        // type-br_if-after-unreachable: br_if leaves an i64, not an unknown value.
        assertInvalid(fn(t(), t(I64), op(UNREACHABLE), brIf(0), op(I64_EXTEND_I32_U)), MISMATCH);
        assertValid(fn(t(), t(I64), op(UNREACHABLE), brIf(0)));
    }

    @Test
    void brTableOperandsAfterUnreachable() {
        assertInvalid(fn(block(), op(UNREACHABLE), f32(1), brTable(0), end()), MISMATCH);
        assertInvalid(fn(t(), t(I32), block(I32), op(UNREACHABLE), f32(0), i32(1), brTable(0), end()), MISMATCH);
        // type-br_table-label-num-vs-label-void-after-unreachable: arities 1 and 0 differ.
        assertInvalid(fn(block(), block(F32), op(UNREACHABLE), i32(1), brTable(0, 1, 0), end(), op(DROP), end()),
                MISMATCH);
        // meet-bottom with concrete operands: [i32] and [externref] targets.
        assertInvalid(fn(t(I32), t(EXTERNREF), block(EXTERNREF), block(I32), refNull(EXTERNREF), localGet(0),
                brTable(0, 1, 0), end(), op(DROP), refNull(EXTERNREF), end()), MISMATCH);
    }

    @Test
    void teeAndSelectAfterUnreachable() {
        assertInvalid(new ModuleBuilder().func(t(), t(), t(I32), op(UNREACHABLE), localTee(0)), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), i32(1), i64(1), i32(1), op(SELECT), op(DROP)), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), i64(1), i32(1), i32(1), op(SELECT), op(DROP)), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), i32(1), i32(1), i64(1), op(SELECT), op(DROP)), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), i32(1), i64(1), op(SELECT), op(DROP)), MISMATCH);
        assertInvalid(fn(op(UNREACHABLE), i64(1), op(SELECT), op(DROP)), MISMATCH);
        assertInvalid(fn(t(), t(I32), op(UNREACHABLE), i64(1), i32(1), op(SELECT)), MISMATCH);
    }

    @Test
    void loopLabelTakesParametersNotResults() {
        assertInvalid(fn(t(), t(I32), loop(), i32(0), br(0), end()), MISMATCH);
        assertInvalid(fn(t(), t(I32), loop(), br(0), end()), MISMATCH);
        assertValid(fn(t(), t(I32), loop(I32), br(0), end()));
    }
}
