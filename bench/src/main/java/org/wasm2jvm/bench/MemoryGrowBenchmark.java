package org.wasm2jvm.bench;

import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.WasmModule;

/**
 * What growing memory costs: a fresh instance grows its memory {@code pages} times by {@code step}
 * pages, writing one byte into every new page, the way a guest's {@code sbrk} grows memory under
 * malloc (dlmalloc asks for what it needs, often one page). With an array exactly the memory's
 * size every grow copies the whole memory, O(n^2) for page-at-a-time growth; MemoryInstance#grow
 * adds spare room once the copies add up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MemoryGrowBenchmark {
    private static final String WAT = "(module\n"
            + "  (memory 1)\n"
            + "  (func (export \"run\") (param $n i32) (param $step i32) (result i32) (local $i i32) (local $old i32)\n"
            + "    (block $done (loop $l\n"
            + "      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))\n"
            + "      (local.set $old (memory.grow (local.get $step)))\n"
            + "      (br_if $done (i32.lt_s (local.get $old) (i32.const 0)))\n"
            + "      (i32.store8 (i32.shl (local.get $old) (i32.const 16)) (i32.const 1))\n"
            + "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
            + "      (br $l)))\n"
            + "    memory.size))";

    /** How many grows. */
    @Param({"2000"})
    public int grows;

    /** Pages per grow. */
    @Param({"1", "8"})
    public int step;

    private WasmModule module;

    @Setup
    public void setUp() {
        module = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public int growPageByPage() throws Throwable {
        MethodHandle run = module.instantiate(Imports.empty()).function("run").handle();
        int pages = (int) run.invokeExact(grows, step);
        if (pages != 1 + grows * step) throw new AssertionError("memory.grow failed at " + pages + " pages");
        return pages;
    }
}
