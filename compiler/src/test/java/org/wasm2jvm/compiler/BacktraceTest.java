package org.wasm2jvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.TrapException;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.runtime.CompiledModule;
import org.wasm2jvm.runtime.WasmBacktrace;

/** A trap's Wasm backtrace names the functions on the way and the offset of each call/trap. */
class BacktraceTest {
    @Test
    void trapInNestedCallsListsEveryWasmFrame() {
        String wat = "(module (memory 1)\n"
                + "  (func $inner (param i32) (result i32) local.get 0 i32.load)\n"
                + "  (func $middle (param i32) (result i32) i32.const 1 drop local.get 0 call $inner)\n"
                + "  (func (export \"outer\") (param i32) (result i32) local.get 0 call $middle))";
        byte[] bin = org.wasm2jvm.compiler.text.WatParser.parseModule(wat);
        Module m = WasmCompiler.decode(bin);
        m.functionNames.put(0, "inner");
        m.functionNames.put(1, "middle");
        CompiledModule cm = WasmCompiler.compileModule(m);
        Instance inst = cm.instantiate(Imports.empty());
        TrapException t = assertThrows(TrapException.class, () -> inst.function("outer").call(70000));
        assertEquals("out of bounds memory access", t.getMessage());
        List<WasmBacktrace.Frame> frames = WasmBacktrace.of(t, cm);
        assertEquals(3, frames.size(), frames.toString());
        assertEquals(0, frames.get(0).function());
        assertEquals("inner", frames.get(0).name());
        assertEquals(1, frames.get(1).function());
        assertEquals(2, frames.get(2).function());
        // plain Java stack traces name the Wasm function too
        assertEquals(true, java.util.Arrays.stream(t.getStackTrace())
                .anyMatch(e -> e.getMethodName().equals("f0_inner") && e.getLineNumber() > 0), "f0_inner frame");
        // offsets point at the i32.load and at the two calls: find them in the binary
        assertEquals(0x28, bin[(int) frames.get(0).offset()] & 0xFF);
        assertEquals(0x10, bin[(int) frames.get(1).offset()] & 0xFF);
        assertEquals(0x10, bin[(int) frames.get(2).offset()] & 0xFF);
    }

    @Test
    void unrelatedExceptionHasNoWasmFrames() {
        CompiledModule cm = WasmCompiler.compileModule(WasmCompiler.decode("(module)".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), WasmBacktrace.of(new RuntimeException(), cm));
    }
}
