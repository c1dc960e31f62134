package org.wasm2jvm.compiler.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wasm2jvm.api.ValType.EXTERNREF;
import static org.wasm2jvm.api.ValType.F32;
import static org.wasm2jvm.api.ValType.F64;
import static org.wasm2jvm.api.ValType.FUNCREF;
import static org.wasm2jvm.api.ValType.I32;
import static org.wasm2jvm.api.ValType.I64;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.block;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.blockType;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.br;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.brIf;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.brTable;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.call;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.callIndirect;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.else_;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.end;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.expr;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.f32;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.f64;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.globalGet;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.globalSet;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.i32;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.i64;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.ifType;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.if_;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.localGet;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.localSet;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.localTee;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.loop;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.loopType;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.mem;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.op;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.refFunc;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.refNull;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.selectT;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.t;
import static org.wasm2jvm.compiler.validate.ValidationAssertions.assertInvalid;
import static org.wasm2jvm.compiler.validate.ValidationAssertions.assertValid;
import static org.wasm2jvm.compiler.validate.ValidationAssertions.fn;
import static org.wasm2jvm.model.Opcodes.DATA_DROP;
import static org.wasm2jvm.model.Opcodes.DROP;
import static org.wasm2jvm.model.Opcodes.ELEM_DROP;
import static org.wasm2jvm.model.Opcodes.F32_ADD;
import static org.wasm2jvm.model.Opcodes.F32_LOAD;
import static org.wasm2jvm.model.Opcodes.F64_STORE;
import static org.wasm2jvm.model.Opcodes.I32_ADD;
import static org.wasm2jvm.model.Opcodes.I32_EQZ;
import static org.wasm2jvm.model.Opcodes.I32_LOAD;
import static org.wasm2jvm.model.Opcodes.I32_LOAD8_S;
import static org.wasm2jvm.model.Opcodes.I32_TRUNC_SAT_F64_U;
import static org.wasm2jvm.model.Opcodes.I64_EXTEND32_S;
import static org.wasm2jvm.model.Opcodes.I64_EXTEND_I32_S;
import static org.wasm2jvm.model.Opcodes.I64_LOAD;
import static org.wasm2jvm.model.Opcodes.I64_LOAD32_U;
import static org.wasm2jvm.model.Opcodes.I64_STORE16;
import static org.wasm2jvm.model.Opcodes.MEMORY_COPY;
import static org.wasm2jvm.model.Opcodes.MEMORY_FILL;
import static org.wasm2jvm.model.Opcodes.MEMORY_GROW;
import static org.wasm2jvm.model.Opcodes.MEMORY_INIT;
import static org.wasm2jvm.model.Opcodes.MEMORY_SIZE;
import static org.wasm2jvm.model.Opcodes.NOP;
import static org.wasm2jvm.model.Opcodes.REF_IS_NULL;
import static org.wasm2jvm.model.Opcodes.RETURN;
import static org.wasm2jvm.model.Opcodes.SELECT;
import static org.wasm2jvm.model.Opcodes.TABLE_COPY;
import static org.wasm2jvm.model.Opcodes.TABLE_FILL;
import static org.wasm2jvm.model.Opcodes.TABLE_GET;
import static org.wasm2jvm.model.Opcodes.TABLE_GROW;
import static org.wasm2jvm.model.Opcodes.TABLE_INIT;
import static org.wasm2jvm.model.Opcodes.TABLE_SET;
import static org.wasm2jvm.model.Opcodes.TABLE_SIZE;

import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.model.SegmentMode;

/** One valid and one invalid case per instruction rule of spec 3.3. */
class InstructionValidationTest {
    private static final String MISMATCH = "type mismatch";

    @Test
    void numericOperandsAndResults() {
        assertValid(fn(t(), t(I32), i32(1), i32(2), op(I32_ADD)));
        assertValid(fn(t(), t(I64), i32(1), op(I64_EXTEND_I32_S)));
        assertValid(fn(t(), t(I32), f64(1), op(I32_TRUNC_SAT_F64_U)));
        assertInvalid(fn(t(), t(I32), i32(1), i64(2), op(I32_ADD)), MISMATCH);
        assertInvalid(fn(t(), t(I32), i32(1), op(I32_ADD)), MISMATCH);
        assertInvalid(fn(t(), t(F32), i32(1), f32(2), op(F32_ADD)), MISMATCH);
        assertValid(fn(t(), t(I64), i64(1), op(I64_EXTEND32_S)));
        assertInvalid(fn(t(), t(I64), i32(1), op(I64_EXTEND32_S)), MISMATCH);
    }

    @Test
    void errorCarriesSectionAndInstructionOffset() {
        ModuleBuilder b = fn(t(), t(I32), i64(1));
        long offset = b.m.codes.get(0).code()[1].offset;   // the function's end pops the i64
        ModuleException e = assertInvalid(b, MISMATCH);
        assertEquals("code", e.section());
        assertEquals(offset, e.offset());
    }

    @Test
    void functionResults() {
        assertValid(fn(t(), t(I32, I64), i32(1), i64(2)));
        assertInvalid(fn(t(), t(I32, I64), i64(1), i32(2)), MISMATCH);
        assertInvalid(fn(t(), t(I32), i32(1), i32(2)), MISMATCH);
        assertInvalid(fn(t(), t(I32)), MISMATCH);
    }

    @Test
    void locals() {
        assertValid(new ModuleBuilder().func(t(I32), t(I64), t(F32, I64),
                localGet(0), localSet(0), f32(1), localTee(1), op(DROP), localGet(2)));
        assertInvalid(new ModuleBuilder().func(t(I32), t(), t(I64), localGet(2), op(DROP)), "unknown local 2");
        assertInvalid(new ModuleBuilder().func(t(I32), t(), t(I64), i32(0), localSet(1)), MISMATCH);
        assertInvalid(new ModuleBuilder().func(t(I32), t(I32), t(), f32(0), localTee(0)), MISMATCH);
        assertInvalid(new ModuleBuilder().func(t(), t(), t(I32, I64), localGet(714324343), op(DROP)),
                "unknown local");
    }

    @Test
    void globals() {
        ModuleBuilder b = new ModuleBuilder().importGlobal(I32, false).global(F32, true, f32(0));
        b.func(t(), t(F32), globalGet(0), op(DROP), f32(1), globalSet(1), globalGet(1));
        assertValid(b);
        assertInvalid(new ModuleBuilder().global(F32, false, f32(0)).func(t(), t(), f32(1), globalSet(0)),
                "global is immutable");
        assertInvalid(new ModuleBuilder().importGlobal(I32, false).func(t(), t(), i32(1), globalSet(0)),
                "global is immutable");
        assertInvalid(new ModuleBuilder().global(F32, true, f32(0)).func(t(), t(), i32(1), globalSet(0)),
                MISMATCH);
        assertInvalid(new ModuleBuilder().global(I32, false, i32(0)).func(t(), t(I32), globalGet(1)),
                "unknown global 1");
    }

    @Test
    void blocksTakeParamsAndProduceResults() {
        ModuleBuilder b = new ModuleBuilder();
        int pair = b.type(t(I32), I32, I64);
        b.func(t(), t(I32, I64), i32(1), blockType(pair), i64(2), end());
        assertValid(b);
        ModuleBuilder bad = new ModuleBuilder();
        int p = bad.type(t(I32), I32, I64);
        bad.func(t(), t(I32, I64), blockType(p), i64(2), end());
        assertInvalid(bad, MISMATCH);
        assertInvalid(fn(t(), t(I32), block(I32), end()), MISMATCH);
        assertInvalid(fn(t(), t(I32), block(I32), i32(1), i32(2), end()), MISMATCH);
        // A block cannot reach the values below it.
        assertInvalid(fn(t(), t(I32), i32(1), block(I32), op(I32_EQZ), end()), MISMATCH);
        assertInvalid(fn(blockType(7), end()), "unknown type");
    }

    @Test
    void loopLabelIsItsParameters() {
        ModuleBuilder b = new ModuleBuilder();
        int loopT = b.type(t(I32), I32);
        // The branch back carries the loop's parameter.
        b.func(t(), t(I32), i32(3), loopType(loopT), i32(1), op(I32_ADD), i32(0), brIf(0), end());
        assertValid(b);
        // A loop label carries no values when the loop has no parameters, whatever its results.
        assertValid(fn(t(), t(I32), loop(I32), i32(0), br(0), end()));
        ModuleBuilder bad = new ModuleBuilder();
        int badT = bad.type(t(I32), I32);
        bad.func(t(), t(I32), i32(3), loopType(badT), f32(1), br(0), end());
        assertInvalid(bad, MISMATCH);
    }

    @Test
    void ifElse() {
        assertValid(fn(t(), t(I32), i32(1), if_(I32), i32(1), else_(), i32(2), end()));
        assertValid(fn(i32(1), if_(), end()));
        assertInvalid(fn(t(), t(I32), f32(1), if_(I32), i32(1), else_(), i32(2), end()), MISMATCH);
        assertInvalid(fn(t(), t(I32), i32(1), if_(I32), i32(1), else_(), f32(2), end()), MISMATCH);
        assertInvalid(fn(t(), t(I32), i32(1), if_(I32), else_(), i32(2), end()), MISMATCH);
        // Without else the implicit empty else must produce the results.
        assertInvalid(fn(t(), t(I32), i32(1), if_(I32), i32(1), end()), MISMATCH);
        ModuleBuilder b = new ModuleBuilder();
        int same = b.type(t(I32), I32);
        b.func(t(), t(I32), i32(5), i32(1), ifType(same), i32(1), op(I32_ADD), end());
        assertValid(b);
        ModuleBuilder bad = new ModuleBuilder();
        int grow = bad.type(t(I32), I32, I32);
        bad.func(t(), t(I32, I32), i32(5), i32(1), ifType(grow), i32(1), end());
        assertInvalid(bad, MISMATCH);
    }

    @Test
    void branches() {
        assertValid(fn(t(), t(I32), block(I32), i32(1), i32(0), brIf(0), op(DROP), i32(2), end()));
        assertValid(fn(t(), t(I32), i32(1), br(0)));
        assertInvalid(fn(t(), t(I32), block(I32), i64(1), br(0), end()), MISMATCH);
        assertInvalid(fn(block(), i64(1), brIf(0), end()), MISMATCH);
        assertInvalid(fn(block(), br(2), end()), "unknown label 2");
        assertInvalid(fn(br(1)), "unknown label 1");
        assertValid(fn(block(), br(1), end()));
    }

    @Test
    void brTableTargetsMustAgree() {
        assertValid(fn(t(I32), t(I32), block(I32), block(I32), i32(7), localGet(0), brTable(0, 1, 0), end(), end()));
        assertValid(fn(t(I32), t(), block(), loop(), localGet(0), brTable(0, 1, 2), end(), end()));
        // Arities differ.
        assertInvalid(fn(t(I32), t(), block(), block(I32), i32(7), localGet(0), brTable(0, 1), end(), op(DROP),
                end()), MISMATCH);
        // Same arity, different types.
        assertInvalid(fn(t(I32), t(), block(F32), block(I32), i32(7), localGet(0), brTable(0, 1), end(), op(DROP),
                f32(0), end(), op(DROP)), MISMATCH);
        assertInvalid(fn(t(I32), t(), block(), localGet(0), brTable(0, 3), end()), "unknown label");
        assertInvalid(fn(block(), i64(0), brTable(0), end()), MISMATCH);
    }

    @Test
    void returnUsesFunctionResults() {
        assertValid(fn(t(), t(I32), block(), i32(1), op(RETURN), end(), i32(2)));
        assertInvalid(fn(t(), t(I32), block(), i64(1), op(RETURN), end(), i32(2)), MISMATCH);
    }

    @Test
    void calls() {
        ModuleBuilder b = new ModuleBuilder().importFunc(t(I32, I64), F32);
        b.func(t(), t(F32), i32(1), i64(2), call(0));
        assertValid(b);
        ModuleBuilder bad = new ModuleBuilder().importFunc(t(I32, I64), F32);
        bad.func(t(), t(F32), i64(2), i32(1), call(0));
        assertInvalid(bad, MISMATCH);
        assertInvalid(fn(call(1)), "unknown function 1");
        assertInvalid(fn(call(1012321300)), "unknown function");
    }

    @Test
    void callIndirectNeedsAFuncrefTable() {
        ModuleBuilder b = new ModuleBuilder().table(FUNCREF);
        int ty = b.type(t(I32), I64);
        b.func(t(), t(I64), i32(1), i32(0), callIndirect(ty, 0));
        assertValid(b);
        ModuleBuilder noTable = new ModuleBuilder();
        int ty2 = noTable.type(t());
        noTable.func(t(), t(), i32(0), callIndirect(ty2, 0));
        assertInvalid(noTable, "unknown table");
        assertInvalid(new ModuleBuilder().table(FUNCREF).func(t(), t(), i32(0), callIndirect(5, 0)),
                "unknown type");
        ModuleBuilder externTable = new ModuleBuilder().table(EXTERNREF);
        int ty3 = externTable.type(t());
        externTable.func(t(), t(), i32(0), callIndirect(ty3, 0));
        assertInvalid(externTable, MISMATCH);
        ModuleBuilder noIndex = new ModuleBuilder().table(FUNCREF);
        int ty4 = noIndex.type(t());
        noIndex.func(t(), t(), i64(0), callIndirect(ty4, 0));
        assertInvalid(noIndex, MISMATCH);
    }

    @Test
    void untypedSelectIsNumericOnly() {
        assertValid(fn(t(), t(F64), f64(1), f64(2), i32(0), op(SELECT)));
        assertInvalid(fn(t(), t(F64), f64(1), f32(2), i32(0), op(SELECT)), MISMATCH);
        assertInvalid(fn(t(), t(F64), f64(1), f64(2), i64(0), op(SELECT)), MISMATCH);
        assertInvalid(fn(t(), t(FUNCREF), refNull(FUNCREF), refNull(FUNCREF), i32(0), op(SELECT)), MISMATCH);
        assertInvalid(fn(t(), t(EXTERNREF), op(0x00), refNull(EXTERNREF), i32(0), op(SELECT)), MISMATCH);
    }

    @Test
    void typedSelect() {
        assertValid(fn(t(), t(FUNCREF), refNull(FUNCREF), refNull(FUNCREF), i32(0), selectT(FUNCREF)));
        assertValid(fn(t(), t(I32), i32(1), i32(2), i32(0), selectT(I32)));
        assertInvalid(fn(t(), t(I32), i32(1), i64(2), i32(0), selectT(I32)), MISMATCH);
        assertInvalid(fn(t(), t(EXTERNREF), refNull(FUNCREF), refNull(FUNCREF), i32(0), selectT(EXTERNREF)),
                MISMATCH);
        assertInvalid(fn(op(NOP), op(NOP), i32(1), selectT()), "invalid result arity");
        assertInvalid(fn(t(), t(I32, I32), i32(0), i32(0), i32(0), i32(0), i32(1), selectT(I32, I32)),
                "invalid result arity");
    }

    @Test
    void memoryInstructionsNeedAMemory() {
        ModuleBuilder b = new ModuleBuilder().memory();
        b.func(t(), t(F32), i32(0), f64(1), mem(F64_STORE, 3), i32(0), i64(1), mem(I64_STORE16, 1),
                op(MEMORY_SIZE, 0), op(MEMORY_GROW, 0), op(DROP), i32(0), mem(F32_LOAD, 2));
        assertValid(b);
        assertInvalid(fn(t(), t(F32), i32(0), mem(F32_LOAD, 2)), "unknown memory 0");
        assertInvalid(fn(t(), t(I32), op(MEMORY_SIZE, 0)), "unknown memory");
        assertInvalid(new ModuleBuilder().memory().func(t(), t(I32), i64(0), mem(I32_LOAD, 2)), MISMATCH);
        assertInvalid(new ModuleBuilder().memory().func(t(), t(), i32(0), i32(1), mem(F64_STORE, 3)), MISMATCH);
    }

    @Test
    void alignmentMustNotExceedNatural() {
        assertValid(new ModuleBuilder().memory().func(t(), t(I64), i32(0), mem(I64_LOAD, 3)));
        assertValid(new ModuleBuilder().memory().func(t(), t(I32), i32(0), mem(I32_LOAD8_S, 0)));
        String msg = "alignment must not be larger than natural";
        assertInvalid(new ModuleBuilder().memory().func(t(), t(I32), i32(0), mem(I32_LOAD8_S, 1)), msg);
        assertInvalid(new ModuleBuilder().memory().func(t(), t(I64), i32(0), mem(I64_LOAD32_U, 3)), msg);
        assertInvalid(new ModuleBuilder().memory().func(t(), t(I64), i32(0), mem(I64_LOAD, 4)), msg);
        assertInvalid(new ModuleBuilder().memory().func(t(), t(), i32(0), i64(0), mem(I64_STORE16, 2)), msg);
    }

    @Test
    void bulkMemory() {
        ModuleBuilder b = new ModuleBuilder().memory().passiveData().dataCount(1);
        b.func(t(), t(), i32(0), i32(0), i32(1), op(MEMORY_INIT, 0, 0), op(DATA_DROP, 0),
                i32(0), i32(0), i32(1), op(MEMORY_COPY, 0, 0), i32(0), i32(0), i32(1), op(MEMORY_FILL, 0));
        assertValid(b);
        assertInvalid(fn(i32(0), i32(0), i32(1), op(MEMORY_INIT, 1, 0)), "unknown memory 0");
        assertInvalid(new ModuleBuilder().memory().passiveData()
                .func(t(), t(), i32(0), i32(0), i32(1), op(MEMORY_INIT, 1, 0)), "unknown data segment 1");
        assertInvalid(fn(op(DATA_DROP, 0)), "unknown data segment");
        assertInvalid(fn(i32(0), i32(0), i32(1), op(MEMORY_COPY, 0, 0)), "unknown memory 0");
        assertInvalid(fn(i32(0), i32(0), i32(1), op(MEMORY_FILL, 0)), "unknown memory 0");
        assertInvalid(new ModuleBuilder().memory().func(t(), t(), i32(0), i64(0), i32(1), op(MEMORY_FILL, 0)),
                MISMATCH);
    }

    @Test
    void tables() {
        ModuleBuilder b = new ModuleBuilder().table(FUNCREF).table(EXTERNREF);
        b.func(t(), t(I32), i32(0), op(TABLE_GET, 1), op(DROP), i32(0), refNull(FUNCREF), op(TABLE_SET, 0),
                refNull(EXTERNREF), i32(1), op(TABLE_GROW, 1), op(DROP),
                i32(0), refNull(EXTERNREF), i32(1), op(TABLE_FILL, 1), op(TABLE_SIZE, 0));
        assertValid(b);
        assertInvalid(new ModuleBuilder().table(FUNCREF).func(t(), t(EXTERNREF), i32(0), op(TABLE_GET, 0)),
                MISMATCH);
        assertInvalid(new ModuleBuilder().table(FUNCREF).func(t(), t(), i32(0), refNull(EXTERNREF),
                op(TABLE_SET, 0)), MISMATCH);
        assertInvalid(new ModuleBuilder().table(FUNCREF).func(t(), t(I32), refNull(FUNCREF), i64(1),
                op(TABLE_GROW, 0)), MISMATCH);
        assertInvalid(fn(t(), t(I32), op(TABLE_SIZE, 0)), "unknown table 0");
        assertInvalid(new ModuleBuilder().table(FUNCREF).func(t(), t(), i32(0), refNull(FUNCREF), i32(1),
                op(TABLE_FILL, 1)), "unknown table 1");
    }

    @Test
    void tableInitAndCopy() {
        ModuleBuilder b = new ModuleBuilder().table(FUNCREF).table(EXTERNREF).table(FUNCREF)
                .elem(SegmentMode.PASSIVE, FUNCREF, expr(refNull(FUNCREF)));
        b.func(t(), t(), i32(0), i32(0), i32(1), op(TABLE_INIT, 0, 2), op(ELEM_DROP, 0),
                i32(0), i32(0), i32(1), op(TABLE_COPY, 2, 0));
        assertValid(b);
        assertInvalid(new ModuleBuilder().table(EXTERNREF).elem(SegmentMode.PASSIVE, FUNCREF, expr(refNull(FUNCREF)))
                .func(t(), t(), i32(0), i32(0), i32(1), op(TABLE_INIT, 0, 0)), MISMATCH);
        assertInvalid(new ModuleBuilder().table(EXTERNREF).table(FUNCREF)
                .func(t(), t(), i32(0), i32(0), i32(1), op(TABLE_COPY, 0, 1)), MISMATCH);
        // The table is looked up before the segment.
        assertInvalid(fn(i32(12), i32(1), i32(1), op(TABLE_INIT, 4, 0)), "unknown table 0");
        assertInvalid(new ModuleBuilder().table(FUNCREF).func(t(), t(), i32(0), i32(0), i32(1), op(TABLE_INIT, 0, 0)),
                "unknown elem segment 0");
        assertInvalid(fn(op(ELEM_DROP, 4)), "unknown elem segment 4");
    }

    @Test
    void references() {
        ModuleBuilder b = new ModuleBuilder().func().export("f", org.wasm2jvm.model.ExternKind.FUNCTION, 0);
        b.func(t(), t(I32), refFunc(0), op(REF_IS_NULL));
        assertValid(b);
        assertInvalid(fn(t(), t(I32), i32(0), op(REF_IS_NULL)), MISMATCH);
        assertInvalid(fn(t(), t(EXTERNREF), refNull(FUNCREF)), MISMATCH);
        // Not referenced outside function bodies: undeclared.
        assertInvalid(new ModuleBuilder().func(t(), t(), refFunc(0), op(DROP)), "undeclared function reference");
        assertInvalid(new ModuleBuilder().start(0).func(t(), t(), refFunc(0), op(DROP)),
                "undeclared function reference");
        assertInvalid(fn(refFunc(3), op(DROP)), "unknown function 3");
        // Declared by an element segment, including a declarative one, or a global.
        assertValid(new ModuleBuilder().elem(SegmentMode.DECLARATIVE, FUNCREF, expr(refFunc(0)))
                .func(t(), t(), refFunc(0), op(DROP)));
        assertValid(new ModuleBuilder().global(FUNCREF, false, refFunc(0))
                .func(t(), t(), refFunc(0), op(DROP)));
    }

    @Test
    void deepNestingAndTallStacksGrowTheStacks() {
        int depth = 1000;
        java.util.List<org.wasm2jvm.model.Instruction> body = new java.util.ArrayList<>();
        for (int i = 0; i < depth; i++) body.add(block(I32));
        for (int i = 0; i < depth; i++) body.add(i32(i));
        for (int i = 2; i < depth; i++) body.add(op(I32_ADD));   // leaves a value and the index
        body.add(brTable(0, depth / 2, depth - 1));
        for (int i = 0; i < depth; i++) body.add(end());
        assertValid(fn(t(), t(I32), body.toArray(new org.wasm2jvm.model.Instruction[0])));
        body.add(op(DROP));
        body.add(op(DROP));
        assertInvalid(fn(t(), t(I32), body.toArray(new org.wasm2jvm.model.Instruction[0])), MISMATCH);
    }

    @Test
    void structuralErrorsAreMalformed() {
        ModuleBuilder b = fn(end());   // the body then has an instruction after its final end
        ModuleException e = org.junit.jupiter.api.Assertions.assertThrows(ModuleException.class,
                () -> ModuleValidator.validate(b.build()));
        assertEquals(ModuleException.Kind.MALFORMED, e.kind());
    }
}
