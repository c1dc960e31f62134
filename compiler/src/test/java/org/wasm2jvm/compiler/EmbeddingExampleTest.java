package org.wasm2jvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.*;

/** The README's embedding example, and the API's error types. */
class EmbeddingExampleTest {
    private static final String WAT = "(module\n"
            + "  (import \"env\" \"log\" (func $log (param i32)))\n"
            + "  (memory (export \"memory\") 1)\n"
            + "  (func (export \"add\") (param i32 i32) (result i32)\n"
            + "    local.get 0 local.get 1 i32.add\n"
            + "    call $log\n"
            + "    i32.const 16 local.get 0 local.get 1 i32.add i32.store\n"
            + "    i32.const 16 i32.load)\n"
            + "  (func (export \"div\") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_u))";

    @Test
    void compileInstantiateCall() {
        WasmModule module = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8));
        List<Object> logged = new ArrayList<>();
        HostFunction log = HostFunction.of(FuncType.of(new ValType[] {ValType.I32}), args -> {
            logged.add(args[0]);
            return null;
        });
        Instance instance = module.instantiate(Imports.empty().function("env", "log", log));
        assertEquals(5, (int) instance.function("add").call(2, 3)[0]);
        assertEquals(List.of(5), logged);
        assertEquals(5, instance.memory("memory").readI32(16));

        // instances of one module are independent
        Instance other = module.instantiate(Imports.empty().function("env", "log", log));
        other.function("add").call(40, 2);
        assertEquals(42, other.memory("memory").readI32(16));
        assertEquals(5, instance.memory("memory").readI32(16));
    }

    @Test
    void errorsHaveTheirOwnTypes() {
        WasmModule module = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8));
        LinkException link = assertThrows(LinkException.class, () -> module.instantiate(Imports.empty()));
        assertTrue(link.getMessage().startsWith("unknown import \"env\" \"log\""), link.getMessage());

        HostFunction log = HostFunction.of(FuncType.of(new ValType[] {ValType.I32}), args -> null);
        Instance instance = module.instantiate(Imports.empty().function("env", "log", log));
        TrapException trap = assertThrows(TrapException.class, () -> instance.function("div").call(1, 0));
        assertEquals("integer divide by zero", trap.getMessage());

        ModuleException bad = assertThrows(ModuleException.class,
                () -> WasmModule.compile(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}));
        assertEquals(ModuleException.Kind.MALFORMED, bad.kind());
        assertTrue(bad.getMessage().startsWith("unknown binary version"), bad.getMessage());
    }

    @Test
    void deepRecursionIsATrap() {
        WasmModule module = WasmModule.compile(
                "(module (func $f (export \"f\") (param i32) (result i32) local.get 0 i32.const 1 i32.add call $f))"
                        .getBytes(StandardCharsets.UTF_8));
        Instance instance = module.instantiate(Imports.empty());
        TrapException trap = assertThrows(TrapException.class, () -> instance.function("f").call(0));
        assertEquals("call stack exhausted", trap.getMessage());
    }
}
