package org.wasm2jvm.bench.harness;

import java.nio.file.Path;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.wasm2jvm.bench.ProgramKernelBenchmark;

/**
 * One JMH fork of {@link ProgramKernelBenchmark}'s {@code bench_kernel}, as the harness runs it
 * (the steady-state table and {@code --metering-cost}): one fork, a 512 MB thread stack (deep
 * recursion in guest code), JMH's output kept in a file of the work folder.
 */
final class KernelFork {
    private KernelFork() {}

    /** The options every harness fork shares; callers add the iterations and any other parameter. */
    static ChainedOptionsBuilder options(HarnessPaths paths, String prog, String runtime, int size, String expected,
                                         Path output) {
        return new OptionsBuilder()
                .include(ProgramKernelBenchmark.class.getName() + ".kernel")
                .param("prog", prog).param("runtime", runtime).param("size", Integer.toString(size))
                .param("expected", expected).param("wasmDir", paths.wasmDir().toString())
                .forks(1).jvmArgsAppend("-Xss512m")
                .output(output.toString());
    }

    /** Runs the fork; its score in ms per call (the benchmark's OutputTimeUnit), or null when JMH gave none. */
    static Double run(ChainedOptionsBuilder options) throws RunnerException {
        for (RunResult r : new Runner(options.build()).run()) {
            return r.getPrimaryResult().getScore();
        }
        return null;
    }
}
