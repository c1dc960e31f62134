package org.wasm2jvm.compiler.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.GlobalInstance;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.TableInstance;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.api.WasmFunction;

class SpecTestModuleTest {
    @Test
    void exportsTheReferenceInterpretersSpectestModule() {
        Imports imports = SpecTestModule.addTo(new Imports(), null);
        GlobalInstance i32 = (GlobalInstance) imports.resolve("spectest", "global_i32");
        assertEquals(ValType.I32, i32.type());
        assertFalse(i32.mutable());
        assertEquals(666, i32.get());
        assertEquals(666L, ((GlobalInstance) imports.resolve("spectest", "global_i64")).get());
        assertEquals(666.6f, ((GlobalInstance) imports.resolve("spectest", "global_f32")).get());
        assertEquals(666.6, ((GlobalInstance) imports.resolve("spectest", "global_f64")).get());
        TableInstance table = (TableInstance) imports.resolve("spectest", "table");
        assertEquals(ValType.FUNCREF, table.elementType());
        assertEquals(10, table.size());
        assertEquals(20, table.max());
        MemoryInstance memory = (MemoryInstance) imports.resolve("spectest", "memory");
        assertEquals(1, memory.pages());
        assertEquals(2, memory.maxPages());
        WasmFunction print = (WasmFunction) imports.resolve("spectest", "print_i32_f32");
        assertEquals(FuncType.of(new ValType[] {ValType.I32, ValType.F32}), print.type());
        assertEquals(FuncType.of(new ValType[0]), ((WasmFunction) imports.resolve("spectest", "print")).type());
    }

    @Test
    void printFunctionsWriteToTheConfiguredStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Imports imports = SpecTestModule.addTo(new Imports(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        ((WasmFunction) imports.resolve("spectest", "print_i32")).call(42);
        ((WasmFunction) imports.resolve("spectest", "print_f64_f64")).call(1.5, 2.0);
        assertEquals("42 : i32\n1.5 : f64\n2.0 : f64\n", bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void printFunctionsDiscardOutputByDefault() {
        Imports imports = SpecTestModule.addTo(new Imports(), null);
        assertEquals(0, ((WasmFunction) imports.resolve("spectest", "print_i64")).call(1L).length);
    }

    @Test
    void eachScriptGetsItsOwnMemory() {
        Imports a = SpecTestModule.addTo(new Imports(), null);
        Imports b = SpecTestModule.addTo(new Imports(), null);
        ((MemoryInstance) a.resolve("spectest", "memory")).writeI32(0, 7);
        assertEquals(0, ((MemoryInstance) b.resolve("spectest", "memory")).readI32(0));
    }
}
