package org.wasm2jvm.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.HostFunction;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.api.WasmModule;

/**
 * Multi-value results: direct calls pass extra results through the instance's scratch arrays,
 * imports and exports box them at the method-handle boundary, call_indirect unboxes.
 */
class MultiValueTest {
    private static final String WAT = "(module\n"
            + "  (import \"env\" \"split\" (func $split (param i64) (result i32 i32)))\n"
            + "  (type $three (func (param i32) (result i64 f64 externref)))\n"
            + "  (table 1 funcref) (elem (i32.const 0) $three)\n"
            + "  (func $three (type $three) (param i32) (result i64 f64 externref)\n"
            + "    (i64.extend_i32_s (local.get 0)) (f64.convert_i32_s (local.get 0)) (ref.null extern))\n"
            + "  (func $swap (param i32 f32) (result f32 i32) local.get 1 local.get 0)\n"
            + "  (func (export \"direct\") (param i32) (result i64)\n"
            + "    (local $a i64) (local $b f64)\n"
            + "    (call $three (local.get 0)) (drop) (local.set $b) (local.set $a)\n"
            + "    (call $swap (i32.const 7) (f32.const 1.5)) (drop) (drop)\n"
            + "    (i64.add (local.get $a) (i64.trunc_f64_s (local.get $b))))\n"
            + "  (func (export \"host\") (param i64) (result i32) (call $split (local.get 0)) i32.sub)\n"
            + "  (func (export \"indirect\") (param i32) (result f64) (local $d f64)\n"
            + "    (call_indirect (type $three) (local.get 0) (i32.const 0)) (drop) (local.set $d)\n"
            + "    (f64.convert_i64_s) (local.get $d) (f64.add))\n"
            + "  (func (export \"three\") (param i32) (result i64 f64 externref) (call $three (local.get 0))))";

    @Test
    void resultsTravelThroughEveryKindOfCall() {
        HostFunction split = HostFunction.of(
                FuncType.of(new ValType[] {ValType.I64}, ValType.I32, ValType.I32),
                args -> new Object[] {(int) ((Long) args[0] >>> 32), (int) (long) (Long) args[0]});
        Instance inst = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8))
                .instantiate(Imports.empty().function("env", "split", split));
        assertEquals(42L, inst.function("direct").call(21)[0]);
        assertEquals(5 - 3, inst.function("host").call((5L << 32) | 3L)[0]);
        assertEquals(18.0, inst.function("indirect").call(9)[0]);
        assertArrayEquals(new Object[] {-4L, -4.0, null}, inst.function("three").call(-4));
    }
}
