package org.wasm2jvm.bench.harness;

import java.util.List;

/**
 * One line of {@code testdata/bench/benchmarks.tsv}: a program run with fixed arguments.
 *
 * @param name      unique run name, e.g. {@code quicksort-10}
 * @param prog      program name: {@code <prog>.wasm} and the native binary {@code <prog>}
 * @param group     {@code small} (the study's small programs), {@code study} (its other programs and sizes)
 *                  or {@code scaled} (larger inputs of ours)
 * @param args      argv[1..]; {@code {data}} stands for the guest path of the data directory
 * @param stdin     a file in the data directory fed to stdin, or null
 * @param needsData whether the data directory is preopened as {@link #GUEST_DATA}
 * @param runs      default whole-process run count
 * @param kernel    whether the program is a CPU-bound kernel exporting {@code bench_kernel}
 * @param kernelSize the kernel size when the manifest gives a number instead of {@code yes}, else 0
 */
public record BenchRun(String name, String prog, String group, List<String> args, String stdin,
                       boolean needsData, int runs, boolean kernel, int kernelSize) {
    /** The manifest\'s groups, in report order. */
    public static final java.util.List<String> GROUPS = java.util.List.of("small", "study", "scaled");

    /** Where every runtime shows the data directory to the guest. */
    public static final String GUEST_DATA = "/data";

    /** The arguments with {@code {data}} replaced by {@code dataPath} (the guest path, or a host path for natives). */
    public List<String> args(String dataPath) {
        return args.stream().map(a -> a.replace("{data}", dataPath)).toList();
    }
}
