package org.wasm2jvm.bench;

import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.InstanceLimits;
import org.wasm2jvm.api.WasmModule;

/**
 * Cost of metering: each kernel compiled without and with {@code CompileOptions.metering}. The
 * metered instance runs under a (never reached) fuel budget and deadline, so the slow path
 * refilling fuel slices and reading the interrupt/deadline signal is part of what is measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MeteringBenchmark {
    @Param({"SIEVE", "MATMUL", "FIB"})
    public Kernels kernel;

    @Param({"false", "true"})
    public boolean metering;

    private MethodHandle run;
    private int input;

    @Setup
    public void setUp() throws Throwable {
        WasmModule module = WasmModule.compile(kernel.wat.getBytes(StandardCharsets.UTF_8),
                CompileOptions.builder().metering(metering).build());
        InstanceLimits limits = metering
                ? InstanceLimits.builder().fuel(Long.MAX_VALUE / 2).deadline(Duration.ofDays(1)).build()
                : InstanceLimits.none();
        Instance instance = module.instantiate(Imports.empty(), limits);
        run = instance.function("run").handle();
        input = kernel.input;
        int expected = kernel.reference(input);
        int actual = (int) run.invokeExact(input);
        if (actual != expected) {
            throw new AssertionError(kernel + ": expected " + expected + ", got " + actual);
        }
    }

    @Benchmark
    public int kernel() throws Throwable {
        return (int) run.invokeExact(input);
    }
}
