package org.wasm2jvm.compiler.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wasm2jvm.api.ValType.EXTERNREF;
import static org.wasm2jvm.api.ValType.F32;
import static org.wasm2jvm.api.ValType.FUNCREF;
import static org.wasm2jvm.api.ValType.I32;
import static org.wasm2jvm.api.ValType.I64;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.expr;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.f32;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.globalGet;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.i32;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.i64;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.localGet;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.op;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.refFunc;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.Ins.refNull;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.t;
import static org.wasm2jvm.compiler.validate.ValidationAssertions.assertInvalid;
import static org.wasm2jvm.compiler.validate.ValidationAssertions.assertValid;
import static org.wasm2jvm.model.Opcodes.F32_NEG;
import static org.wasm2jvm.model.Opcodes.I32_CTZ;
import static org.wasm2jvm.model.Opcodes.NOP;

import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.model.ExternKind;
import org.wasm2jvm.model.SegmentMode;

/** Module-level rules of spec 3.4: types, limits, constant expressions, segments, start, exports. */
class ModuleValidationTest {
    private static final String CONST = "constant expression required";

    @Test
    void emptyModuleIsValid() {
        assertValid(new ModuleBuilder());
    }

    @Test
    void functionTypeIndices() {
        assertInvalid(new ModuleBuilder().funcOfType(42, t()), "unknown type 42");
        assertInvalid(new ModuleBuilder().importFunc(43), "unknown type 43");
        ModuleException e = assertInvalid(new ModuleBuilder().importFunc(1), "unknown type");
        assertEquals("import", e.section());
    }

    @Test
    void globalInitialisersAreConstant() {
        assertValid(new ModuleBuilder().importGlobal(I32, false).global(I32, false, globalGet(0))
                .global(FUNCREF, true, refNull(FUNCREF)).global(F32, false, f32(1)));
        assertInvalid(new ModuleBuilder().global(F32, false, f32(0), op(F32_NEG)), CONST);
        assertInvalid(new ModuleBuilder().global(F32, false, localGet(0)), CONST);
        assertInvalid(new ModuleBuilder().global(I32, false, i32(0), op(NOP)), CONST);
        assertInvalid(new ModuleBuilder().global(I32, false, i32(0), op(I32_CTZ)), CONST);
        assertInvalid(new ModuleBuilder().global(I32, false, op(NOP)), CONST);
        // Only imported immutable globals may be read.
        assertInvalid(new ModuleBuilder().importGlobal(I32, true).global(I32, false, globalGet(0)), CONST);
        assertInvalid(new ModuleBuilder().global(I32, false, globalGet(0)), "unknown global 0");
        assertInvalid(new ModuleBuilder().global(I32, false, i32(0)).global(I32, false, globalGet(0)),
                "unknown global 0");
    }

    @Test
    void globalInitialiserTypes() {
        assertInvalid(new ModuleBuilder().global(I32, false, i64(0)), "type mismatch");
        assertInvalid(new ModuleBuilder().global(I32, false), "type mismatch");
        assertInvalid(new ModuleBuilder().global(I32, false, i32(0), i32(0)), "type mismatch");
        assertInvalid(new ModuleBuilder().importGlobal(I64, false).global(I32, false, globalGet(0)), "type mismatch");
        assertInvalid(new ModuleBuilder().global(EXTERNREF, false, refNull(FUNCREF)), "type mismatch");
        assertInvalid(new ModuleBuilder().importFunc(t()).global(FUNCREF, false, refFunc(7)), "unknown function 7");
    }

    @Test
    void memoryLimits() {
        assertValid(new ModuleBuilder().memory(0, 65536));
        String tooLarge = "memory size must be at most 65536 pages (4GiB)";
        assertInvalid(new ModuleBuilder().memory(65537, -1), tooLarge);
        assertInvalid(new ModuleBuilder().memory(4294967295L, -1), tooLarge);
        assertInvalid(new ModuleBuilder().memory(0, 2147483648L), tooLarge);
        assertInvalid(new ModuleBuilder().memory(1, 0), "size minimum must not be greater than maximum");
        assertInvalid(new ModuleBuilder().importMemory(2, 1), "size minimum must not be greater than maximum");
    }

    @Test
    void tableLimits() {
        assertValid(new ModuleBuilder().table(FUNCREF, 0, 0xFFFF_FFFFL));
        assertInvalid(new ModuleBuilder().table(FUNCREF, 1, 0), "size minimum must not be greater than maximum");
        assertInvalid(new ModuleBuilder().table(FUNCREF, 0xFFFF_FFFFL, 0),
                "size minimum must not be greater than maximum");
        assertInvalid(new ModuleBuilder().importTable(EXTERNREF, 3, 2), "size minimum must not be greater than maximum");
    }

    @Test
    void atMostOneMemory() {
        assertValid(new ModuleBuilder().importMemory(1, -1));
        assertInvalid(new ModuleBuilder().memory(0, -1).memory(0, -1), "multiple memories");
        assertInvalid(new ModuleBuilder().importMemory(1, -1).memory(0, -1), "multiple memories");
        assertInvalid(new ModuleBuilder().importMemory(1, -1).importMemory(1, -1), "multiple memories");
    }

    @Test
    void multipleTablesAreAllowed() {
        assertValid(new ModuleBuilder().importTable(FUNCREF, 1, -1).table(EXTERNREF).table(FUNCREF));
    }

    @Test
    void activeElementSegments() {
        assertValid(new ModuleBuilder().table(FUNCREF).func()
                .activeElem(0, expr(i32(0)), FUNCREF, expr(refFunc(0)), expr(refNull(FUNCREF))));
        assertInvalid(new ModuleBuilder().func().activeElem(0, expr(i32(0)), FUNCREF, expr(refFunc(0))),
                "unknown table 0");
        assertInvalid(new ModuleBuilder().table(FUNCREF).activeElem(0, expr(i64(0)), FUNCREF), "type mismatch");
        assertInvalid(new ModuleBuilder().table(FUNCREF).activeElem(0, expr(i32(0), op(I32_CTZ)), FUNCREF), CONST);
        assertInvalid(new ModuleBuilder().table(FUNCREF).activeElem(0, expr(op(NOP)), FUNCREF), CONST);
        // The segment type must match the table.
        assertInvalid(new ModuleBuilder().table(EXTERNREF).activeElem(0, expr(i32(0)), FUNCREF), "type mismatch");
        // Offsets see only imported immutable globals.
        assertValid(new ModuleBuilder().importGlobal(I32, false).table(FUNCREF)
                .activeElem(0, expr(globalGet(0)), FUNCREF));
        assertInvalid(new ModuleBuilder().table(FUNCREF).global(I32, false, i32(0))
                .activeElem(0, expr(globalGet(0)), FUNCREF), "unknown global");
        assertInvalid(new ModuleBuilder().importGlobal(I32, true).table(FUNCREF)
                .activeElem(0, expr(globalGet(0)), FUNCREF), CONST);
    }

    @Test
    void elementItems() {
        assertValid(new ModuleBuilder().elem(SegmentMode.PASSIVE, EXTERNREF, expr(refNull(EXTERNREF))));
        assertInvalid(new ModuleBuilder().elem(SegmentMode.PASSIVE, EXTERNREF, expr(refNull(FUNCREF))),
                "type mismatch");
        assertInvalid(new ModuleBuilder().func().elem(SegmentMode.PASSIVE, FUNCREF, expr(op(0x10, 0))), CONST);
        assertInvalid(new ModuleBuilder().elem(SegmentMode.DECLARATIVE, FUNCREF, expr(refFunc(0))),
                "unknown function 0");
    }

    @Test
    void dataSegments() {
        assertValid(new ModuleBuilder().memory().activeData(0, i32(0)).passiveData());
        assertValid(new ModuleBuilder().passiveData());
        assertInvalid(new ModuleBuilder().activeData(0, i32(0)), "unknown memory 0");
        assertInvalid(new ModuleBuilder().memory().activeData(1, i32(0)), "unknown memory 1");
        assertInvalid(new ModuleBuilder().memory().activeData(0, i64(0)), "type mismatch");
        assertInvalid(new ModuleBuilder().memory().activeData(0, i32(0), i32(0)), "type mismatch");
        assertInvalid(new ModuleBuilder().memory().activeData(0, op(NOP)), CONST);
        assertInvalid(new ModuleBuilder().memory().activeData(0, globalGet(0)), "unknown global 0");
        assertInvalid(new ModuleBuilder().importGlobal(I32, false).memory().activeData(0, globalGet(1)),
                "unknown global 1");
        assertInvalid(new ModuleBuilder().importGlobal(I32, true).memory().activeData(0, globalGet(0)), CONST);
    }

    @Test
    void startFunction() {
        assertValid(new ModuleBuilder().func().start(0));
        assertInvalid(new ModuleBuilder().func().start(1), "unknown function 1");
        assertInvalid(new ModuleBuilder().func(t(), t(I32), i32(0)).start(0), "start function");
        assertInvalid(new ModuleBuilder().func(t(I32), t()).start(0), "start function");
    }

    @Test
    void exports() {
        assertValid(new ModuleBuilder().func().table(FUNCREF).memory().global(I32, false, i32(0))
                .export("a", ExternKind.FUNCTION, 0).export("b", ExternKind.TABLE, 0)
                .export("c", ExternKind.MEMORY, 0).export("d", ExternKind.GLOBAL, 0));
        assertInvalid(new ModuleBuilder().export("a", ExternKind.FUNCTION, 0), "unknown function 0");
        assertInvalid(new ModuleBuilder().importFunc(t(I32)).export("a", ExternKind.FUNCTION, 1),
                "unknown function 1");
        assertInvalid(new ModuleBuilder().table(FUNCREF).export("a", ExternKind.TABLE, 1), "unknown table 1");
        assertInvalid(new ModuleBuilder().export("a", ExternKind.MEMORY, 0), "unknown memory 0");
        assertInvalid(new ModuleBuilder().export("a", ExternKind.GLOBAL, 0), "unknown global 0");
        assertInvalid(new ModuleBuilder().func().global(I32, false, i32(0))
                .export("a", ExternKind.FUNCTION, 0).export("a", ExternKind.GLOBAL, 0), "duplicate export name");
    }

    @Test
    void exportedFunctionsAreDeclaredForRefFunc() {
        assertValid(new ModuleBuilder().func(t(), t(FUNCREF), refFunc(0)).export("f", ExternKind.FUNCTION, 0));
    }

    @Test
    void codeCountMustMatchFunctionCount() {
        ModuleBuilder b = new ModuleBuilder().func();
        b.m.functions.add(0);
        ModuleException e = org.junit.jupiter.api.Assertions.assertThrows(ModuleException.class,
                () -> ModuleValidator.validate(b.build()));
        assertEquals(ModuleException.Kind.MALFORMED, e.kind());
    }
}
