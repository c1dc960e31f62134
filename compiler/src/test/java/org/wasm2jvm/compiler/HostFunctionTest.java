package org.wasm2jvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.*;
import org.wasm2jvm.runtime.CompiledModule;
import org.wasm2jvm.runtime.WasmBacktrace;

/** Typed host functions (no boxing), link-time signature checks, and exceptions thrown by host code. */
public class HostFunctionTest {
    private static final FuncType I64_TO_I64 = FuncType.of(new ValType[] {ValType.I64}, ValType.I64);
    private static final FuncType I32X3_TO_I32 = FuncType.of(new ValType[] {ValType.I32, ValType.I32, ValType.I32}, ValType.I32);

    /** A shape java.util.function does not have. */
    @FunctionalInterface
    public interface IntTernary {
        int apply(int a, int b, int c);
    }

    public static long mix(long x) {
        return x * 31 + 7;
    }

    private static WasmModule compile(String wat) {
        return WasmModule.compile(wat.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void typedHostFunctionsOfEveryForm() {
        WasmModule m = compile("(module\n"
                + "  (import \"env\" \"add\" (func $add (param i32 i32) (result i32)))\n"
                + "  (import \"env\" \"mix\" (func $mix (param i64) (result i64)))\n"
                + "  (import \"env\" \"sum3\" (func $sum3 (param i32 i32 i32) (result i32)))\n"
                + "  (import \"env\" \"sink\" (func $sink (param i32)))\n"
                + "  (import \"env\" \"seven\" (func $seven (result i32)))\n"
                + "  (func (export \"run\") (result i64)\n"
                + "    (call $sink (call $sum3 (call $add (i32.const 1) (i32.const 2)) (call $seven) (i32.const 10)))\n"
                + "    (call $mix (i64.const 1))))");
        List<Integer> sunk = new ArrayList<>();
        Instance inst = m.instantiate(Imports.empty()
                .function("env", "add", HostFunction.intIntToInt((a, b) -> a + b))
                .function("env", "mix", HostFunction.fromStatic(HostFunctionTest.class, "mix", I64_TO_I64))
                .function("env", "sum3", HostFunction.fromLambda(I32X3_TO_I32, (IntTernary) (a, b, c) -> a + b + c))
                .function("env", "sink", HostFunction.intToVoid(sunk::add))
                .function("env", "seven", HostFunction.toInt(() -> 7)));
        assertEquals(38L, inst.function("run").call()[0]);
        assertEquals(List.of(20), sunk);
    }

    @Test
    void wrongHostMethodIsRefusedWhenBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostFunction.fromStatic(HostFunctionTest.class, "mix", I32X3_TO_I32));
        assertTrue(e.getMessage().contains("HostFunctionTest.mix(int,int,int)int"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HostFunction.fromLambda(I64_TO_I64, (IntTernary) (a, b, c) -> a));
    }

    @Test
    void signatureMismatchIsALinkErrorNamingTheImport() {
        WasmModule m = compile("(module (import \"env\" \"add\" (func (param i64 i64) (result i64))))");
        LinkException e = assertThrows(LinkException.class, () -> m.instantiate(Imports.empty()
                .function("env", "add", HostFunction.intIntToInt((a, b) -> a + b))));
        assertEquals("incompatible import type \"env\" \"add\": expected (func (param i64 i64) (result i64)), "
                + "got (func (param i32 i32) (result i32))", e.getMessage());
    }

    private static final String CALLER = "(module\n"
            + "  (import \"env\" \"host\" (func $host (param i32)))\n"
            + "  (memory 1)\n"
            + "  (func $middle (param i32) local.get 0 call $host)\n"
            + "  (func (export \"outer\") (param i32) (i32.store (i32.const 0) (i32.const 1)) local.get 0 call $middle))";

    @Test
    void hostExceptionReachesTheEmbedderUnchangedWithWasmFrames() {
        for (boolean metering : new boolean[] {false, true}) {
            CompiledModule cm = (CompiledModule) WasmModule.compile(CALLER.getBytes(StandardCharsets.UTF_8),
                    CompileOptions.builder().metering(metering).build());
            IllegalStateException[] thrown = new IllegalStateException[1];
            Instance inst = cm.instantiate(Imports.empty().function("env", "host", HostFunction.intToVoid(x -> {
                // created here, as host code does, so that its stack trace includes the Wasm frames
                if (x == 1) throw thrown[0] = new IllegalStateException("boom");
            })));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> inst.function("outer").call(1));
            assertSame(thrown[0], e);
            List<WasmBacktrace.Frame> frames = WasmBacktrace.of(e, cm);
            assertEquals(2, frames.size(), frames.toString());
            assertEquals(1, frames.get(0).function()); // $middle (after the import)
            assertEquals(2, frames.get(1).function()); // outer
            inst.function("outer").call(0); // the instance is still usable
        }
    }

    @Test
    void boxedHostExceptionAlsoUnchanged() {
        CompiledModule cm = (CompiledModule) compile(CALLER);
        UnsupportedOperationException boom = new UnsupportedOperationException("no");
        Instance inst = cm.instantiate(Imports.empty().function("env", "host",
                HostFunction.of(FuncType.of(new ValType[] {ValType.I32}), args -> {
                    throw boom;
                })));
        assertSame(boom, assertThrows(UnsupportedOperationException.class, () -> inst.function("outer").call(1)));
    }

    @Test
    void hostCanRaiseATrapOnPurpose() {
        WasmModule m = compile(CALLER);
        Instance inst = m.instantiate(Imports.empty().function("env", "host", HostFunction.intToVoid(x -> {
            throw new TrapException("guest asked for " + x);
        })));
        TrapException t = assertThrows(TrapException.class, () -> inst.function("outer").call(5));
        assertEquals("guest asked for 5", t.getMessage());
    }

    @Test
    void hostIndexErrorIsNotMistakenForAMemoryTrap() {
        WasmModule m = compile(CALLER);
        int[] small = new int[1];
        for (HostFunction f : new HostFunction[] {
                HostFunction.intToVoid(x -> small[x] = 1),
                HostFunction.of(FuncType.of(new ValType[] {ValType.I32}), args -> {
                    small[(Integer) args[0]] = 1;
                    return null;
                })}) {
            Instance inst = m.instantiate(Imports.empty().function("env", "host", f));
            HostFunction.HostException e = assertThrows(HostFunction.HostException.class, () -> inst.function("outer").call(3));
            assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause());
        }
    }
}
