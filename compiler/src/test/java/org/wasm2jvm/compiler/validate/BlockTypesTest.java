package org.wasm2jvm.compiler.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.wasm2jvm.api.ValType.EXTERNREF;
import static org.wasm2jvm.api.ValType.F64;
import static org.wasm2jvm.api.ValType.I32;
import static org.wasm2jvm.api.ValType.I64;
import static org.wasm2jvm.compiler.validate.ModuleBuilder.t;

import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.Module;

class BlockTypesTest {
    @Test
    void emptyBlockType() {
        Module m = new Module();
        assertArrayEquals(new ValType[0], BlockTypes.blockParams(m, -64));
        assertArrayEquals(new ValType[0], BlockTypes.blockResults(m, -64));
    }

    @Test
    void valueTypeShorthand() {
        Module m = new Module();
        assertArrayEquals(t(I32), BlockTypes.blockResults(m, -1));
        assertArrayEquals(t(I64), BlockTypes.blockResults(m, -2));
        assertArrayEquals(t(F64), BlockTypes.blockResults(m, -4));
        assertArrayEquals(t(EXTERNREF), BlockTypes.blockResults(m, -17));
        assertArrayEquals(new ValType[0], BlockTypes.blockParams(m, -17));
    }

    @Test
    void typeIndex() {
        ModuleBuilder b = new ModuleBuilder();
        b.type(t());
        int idx = b.type(t(I32, I64), F64, I32);
        assertArrayEquals(t(I32, I64), BlockTypes.blockParams(b.m, idx));
        assertArrayEquals(t(F64, I32), BlockTypes.blockResults(b.m, idx));
    }

    @Test
    void unknownTypeIndex() {
        ModuleException e = assertThrows(ModuleException.class, () -> BlockTypes.blockResults(new Module(), 3));
        assertEquals(ModuleException.Kind.INVALID, e.kind());
        assertEquals("unknown type 3", e.reason());
    }
}
