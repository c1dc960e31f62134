package org.wasm2jvm.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasm.Parser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.InstanceLimits;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.WasmFunction;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.wasi.WasiConfig;
import org.wasm2jvm.wasi.WasiPreview1;

/**
 * Steady state of each benchmark program's kernel inside one JVM: the exported
 * {@code int32 bench_kernel(int32 size)} called after warm-up, so the compiled code itself is
 * compared (wasm2jvm against Chicory's compiler and, optionally, its interpreter). Every call's
 * checksum is checked against {@code expected} (the native build's, from the harness), so a
 * wrong or dead-code-eliminated kernel cannot produce a time.
 *
 * <pre>java -jar bench/target/benchmarks.jar ProgramKernel -p prog=matmul -p size=200 -p expected=123
 *     -p wasmDir=testdata/wasm/bench -p runtime=wasm2jvm,chicory-compiler</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProgramKernelBenchmark {
    @Param({"quicksort"})
    public String prog;

    @Param({"wasm2jvm", "chicory-compiler"})
    public String runtime;

    @Param({"1000"})
    public int size;

    /** The native checksum for this size; "" checks that every call agrees with the first. */
    @Param({""})
    public String expected;

    @Param({"testdata/wasm/bench"})
    public String wasmDir;

    /**
     * wasm2jvm only: compile with {@code CompileOptions.metering} and run under a fuel budget and
     * deadline that are never reached, so "true" against "false" is the cost of metering.
     */
    @Param({"false"})
    public boolean metering;

    /**
     * wasm2jvm only: before the first call, grow the program's memory from the host a page at a
     * time until its array has spare room (MemoryInstance#grow), so the kernel runs with the
     * explicit size check that a guest growing its memory often gets; "true" against "false" is
     * what that shape costs.
     */
    @Param({"false"})
    public boolean spareRoom;

    private IntUnaryOperator kernel;
    private AutoCloseable wasi;
    private int checksum;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path wasm = Path.of(wasmDir, prog + ".wasm");
        if ((metering || spareRoom) && !runtime.equals("wasm2jvm")) {
            throw new IllegalArgumentException("metering and spareRoom are wasm2jvm options, not " + runtime + "'s");
        }
        kernel = switch (runtime) {
            case "wasm2jvm" -> wasm2jvm(wasm);
            case "chicory-compiler" -> chicory(wasm, true);
            case "chicory-interpreter" -> chicory(wasm, false);
            default -> throw new IllegalArgumentException("unknown runtime " + runtime);
        };
        checksum = kernel.applyAsInt(size);
        if (!expected.isEmpty() && checksum != (int) Long.parseLong(expected)) {
            throw new IllegalStateException(prog + " under " + runtime + ": checksum " + checksum + ", native " + expected);
        }
    }

    private IntUnaryOperator wasm2jvm(Path wasm) throws IOException {
        WasmModule module = WasmModule.compile(Files.readAllBytes(wasm),
                CompileOptions.builder().metering(metering).build());
        InstanceLimits limits = metering
                ? InstanceLimits.builder().fuel(Long.MAX_VALUE / 2).deadline(Duration.ofDays(1)).build()
                : InstanceLimits.none();
        WasiPreview1 w = new WasiPreview1(WasiConfig.builder().stdout(OutputStream.nullOutputStream())
                .stderr(OutputStream.nullOutputStream()).build());
        wasi = w;
        Instance instance = module.instantiate(w.addTo(Imports.empty()), limits);
        w.bind(instance);
        if (spareRoom) {
            MemoryInstance memory = instance.memory("memory");
            for (int i = 0; i < 64 && memory.bytes.length == memory.size; i++) memory.grow(1);
            if (memory.bytes.length == memory.size) throw new IllegalStateException("no spare room after 64 grows");
        }
        WasmFunction f = (WasmFunction) instance.exports().get("bench_kernel");
        return n -> (int) f.call(n)[0];
    }

    private IntUnaryOperator chicory(Path wasm, boolean compiled) {
        com.dylibso.chicory.wasm.WasmModule module = Parser.parse(wasm);
        com.dylibso.chicory.wasi.WasiPreview1 w = com.dylibso.chicory.wasi.WasiPreview1.builder()
                .withOptions(WasiOptions.builder().withStdout(OutputStream.nullOutputStream())
                        .withStderr(OutputStream.nullOutputStream()).build()).build();
        wasi = w;
        com.dylibso.chicory.runtime.Instance.Builder b = com.dylibso.chicory.runtime.Instance.builder(module)
                .withImportValues(ImportValues.builder().addFunction(w.toHostFunctions()).build()).withStart(false);
        if (compiled) b.withMachineFactory(MachineFactoryCompiler.compile(module));
        ExportFunction f = b.build().export("bench_kernel");
        return n -> (int) f.apply(n)[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        wasi.close();
    }

    @Benchmark
    public int kernel() {
        int got = kernel.applyAsInt(size);
        if (got != checksum) throw new IllegalStateException(prog + " under " + runtime + ": checksum changed to " + got);
        return got; // returned, so JMH's blackhole consumes it
    }
}
