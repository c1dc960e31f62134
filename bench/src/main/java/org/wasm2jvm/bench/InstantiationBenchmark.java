package org.wasm2jvm.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.WasmFunction;
import org.wasm2jvm.api.WasmModule;

/**
 * Cost of {@code instantiate} for a module compiled once ("instantiate per request"): a small
 * module, and one with a 64 KiB active data segment and a 1000-entry table filled by an
 * element segment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InstantiationBenchmark {
    static final String SMALL = "(module (memory 1) (global $g (mut i32) (i32.const 0))\n"
            + "  (func (export \"inc\") (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g)))";

    static final int DATA_BYTES = 65536;
    static final int TABLE_SIZE = 1000;

    private WasmModule small;
    private WasmModule large;
    private final Imports imports = Imports.empty();

    @Setup
    public void setUp() {
        small = WasmModule.compile(SMALL.getBytes(StandardCharsets.UTF_8));
        large = WasmModule.compile(largeModule().getBytes(StandardCharsets.UTF_8));
        Instance s = small.instantiate(imports);
        check((int) s.function("inc").call()[0] == 1, "small module");
        Instance l = large.instantiate(imports);
        check(l.memory("mem").read(DATA_BYTES - 1, 1)[0] == dataByte(DATA_BYTES - 1), "data segment");
        check(l.table("tab").size() == TABLE_SIZE, "table size");
        WasmFunction last = (WasmFunction) l.table("tab").get(TABLE_SIZE - 1);
        check((int) last.call()[0] == (TABLE_SIZE - 1) % 10, "table entry");
    }

    @Benchmark
    public Instance small() {
        return small.instantiate(imports);
    }

    @Benchmark
    public Instance dataAndTable() {
        return large.instantiate(imports);
    }

    static byte dataByte(int i) {
        return (byte) ('a' + i % 26);
    }

    /** 64 KiB of data at address 0, and table[i] = function (i % 10), which returns its index. */
    static String largeModule() {
        StringBuilder sb = new StringBuilder("(module (memory (export \"mem\") 2)\n");
        sb.append("  (table (export \"tab\") ").append(TABLE_SIZE).append(" funcref)\n");
        for (int f = 0; f < 10; f++) sb.append("  (func $f").append(f).append(" (result i32) i32.const ").append(f).append(")\n");
        sb.append("  (elem (i32.const 0) func");
        for (int i = 0; i < TABLE_SIZE; i++) sb.append(" $f").append(i % 10);
        sb.append(")\n  (data (i32.const 0) \"");
        for (int i = 0; i < DATA_BYTES; i++) sb.append((char) dataByte(i));
        return sb.append("\"))").toString();
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError("wrong result: " + what);
    }
}
