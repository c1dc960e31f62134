package org.wasm2jvm.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.TimeValue;
import org.wasm2jvm.bench.ProgramKernelBenchmark;

/**
 * Steady state, one table: each kernel natively ({@code prog --kernel SIZE REPS}) and inside one
 * JVM under JMH ({@link ProgramKernelBenchmark}) for wasm2jvm and Chicory's compiler, all
 * checked against the native checksum.
 */
final class KernelComparison {
    static final List<String> JVM_RUNTIMES = List.of("wasm2jvm", "chicory-compiler");

    record Row(String prog, int size, Integer checksum, Double nativeMs, Map<String, Double> jvmMs, String note) {
    }

    private final HarnessPaths paths;
    private final PrintStream progress;

    KernelComparison(HarnessPaths paths, PrintStream progress) {
        this.paths = paths;
        this.progress = progress;
    }

    static int defaultSize(String prog) throws IOException {
        Properties p = new Properties();
        try (InputStream in = KernelComparison.class.getResourceAsStream("kernel-sizes.properties")) {
            p.load(in);
        }
        return Integer.parseInt(p.getProperty(prog, "0").strip());
    }

    /** The kernels among {@code runs}, each program once with its {@code bench_kernel} size (0: none known). */
    static Map<String, Integer> kernelSizes(List<BenchRun> runs) throws IOException {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (BenchRun r : runs) {   // a size given in the manifest wins over the default
            if (r.kernel() && sizes.getOrDefault(r.prog(), 0) <= 0) {
                sizes.put(r.prog(), r.kernelSize() > 0 ? r.kernelSize() : defaultSize(r.prog()));
            }
        }
        return sizes;
    }

    List<Row> measure(List<BenchRun> runs, boolean withNative) throws IOException, InterruptedException {
        Map<String, Integer> sizes = kernelSizes(runs);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Integer> e : sizes.entrySet()) {
            String prog = e.getKey();
            int size = e.getValue();
            if (size <= 0) {
                rows.add(new Row(prog, 0, null, null, Map.of(), "no kernel size (manifest or kernel-sizes.properties)"));
                continue;
            }
            Integer checksum = null;
            Double nativeMs = null;
            String note = "";
            if (withNative) {
                try {
                    NativeKernel.Result n = nativeKernel(prog, size);
                    checksum = n.checksum();
                    nativeMs = n.nsPerCall() / 1e6;
                } catch (IOException | IllegalArgumentException ex) {
                    note = "native: " + ex.getMessage();
                }
            }
            Map<String, Double> jvm = new LinkedHashMap<>();
            for (String rt : JVM_RUNTIMES) {
                progress.println("kernel " + prog + " (size " + size + ") under " + rt + " (JMH) ...");
                Double ms = jmh(prog, rt, size, checksum);
                if (ms != null) jvm.put(rt, ms);
                else note = (note.isEmpty() ? "" : note + "; ") + rt + " failed (see jmh output)";
            }
            rows.add(new Row(prog, size, checksum, nativeMs, jvm, note));
        }
        return rows;
    }

    /** Runs the native kernel once to time it, then enough repetitions for about two seconds. */
    private NativeKernel.Result nativeKernel(String prog, int size) throws IOException, InterruptedException {
        NativeKernel.Result once = runNative(prog, size, 1);
        long reps = Math.max(1, Math.min(10_000, (long) (2e9 / Math.max(1, once.nsPerCall()))));
        NativeKernel.Result many = runNative(prog, size, reps);
        if (many.checksum() != once.checksum()) throw new IOException("checksum differs between runs");
        return many;
    }

    /** The native build's checksum of {@code bench_kernel(size)}: one call. */
    int nativeChecksum(String prog, int size) throws IOException, InterruptedException {
        return runNative(prog, size, 1).checksum();
    }

    private NativeKernel.Result runNative(String prog, int size, long reps) throws IOException, InterruptedException {
        ProcessTimer.Outcome o = ProcessTimer.run(List.of(paths.nativeBinary(prog).toString(), "--kernel",
                Integer.toString(size), Long.toString(reps)), paths.workDir(), null, 300_000_000_000L);
        if (!o.ok()) throw new IOException(prog + " --kernel exited " + o.exitCode());
        return NativeKernel.parse(o.stdoutHead());
    }

    private Double jmh(String prog, String runtime, int size, Integer checksum) {
        try {
            return KernelFork.run(KernelFork.options(paths, prog, runtime, size, checksum == null ? "" : checksum.toString(),
                            paths.workDir().resolve("jmh-" + prog + "-" + runtime + ".txt"))
                    .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(2)));
        } catch (RunnerException | RuntimeException e) {
            return null;
        }
    }

    static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder("| kernel | size | checksum | native ms | ");
        s.append(String.join(" ms | ", JVM_RUNTIMES)).append(" ms | wasm2jvm / native | chicory-compiler / wasm2jvm | note |\n");
        s.append("|---|---:|---:|---:|").append("---:|".repeat(JVM_RUNTIMES.size())).append("---:|---:|---|\n");
        for (Row r : rows) {
            s.append("| ").append(r.prog()).append(" | ").append(r.size()).append(" | ")
                    .append(r.checksum() == null ? "–" : r.checksum()).append(" | ")
                    .append(r.nativeMs() == null ? "–" : fmt(r.nativeMs())).append(" | ");
            for (String rt : JVM_RUNTIMES) s.append(r.jvmMs().containsKey(rt) ? fmt(r.jvmMs().get(rt)) : "–").append(" | ");
            Double w = r.jvmMs().get("wasm2jvm");
            Double c = r.jvmMs().get("chicory-compiler");
            s.append(w != null && r.nativeMs() != null ? String.format(Locale.ROOT, "%.2f×", w / r.nativeMs()) : "–").append(" | ");
            s.append(w != null && c != null ? String.format(Locale.ROOT, "%.2f×", c / w) : "–").append(" | ");
            s.append(r.note()).append(" |\n");
        }
        return s.toString();
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.3f", ms);
    }
}
