package org.wasm2jvm.bench.harness;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** results.md: what ran where, the tables, the targets as measured, and the other sections. */
final class Report {
    private Report() {
    }

    static String markdown(ZonedDateTime started, BenchOptions o, List<BenchRun> runs, List<Runtime> runtimes,
                           Map<String, String> skipped, ResultsTables t, Double emptyJvmMs, String extra,
                           List<KernelComparison.Row> kernels) {
        StringBuilder s = new StringBuilder("# wasm2jvm benchmark results\n\n");
        s.append(String.format(Locale.ROOT, "Run %s (UTC) on %s %s, %d cores, Java %s; %s mode, whole-process budget %s.%n%n",
                BenchMain.timestamp(started), System.getProperty("os.name"), System.getProperty("os.arch"),
                java.lang.Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                o.quick ? "quick" : "full", o.effectiveBudget()));
        s.append("The programs are our C ports of the study's benchmarks (built with clang -O2 for wasm32-wasi and gcc -O2 "
                + "natively from the same source), not the study's TinyGo binaries: no Go GC or scheduler, so the figures "
                + "are not comparable one to one with the study's. The study's own published figures are not shown: "
                + "we did not find them in a form we could cite.\n\n");
        s.append("Whole process: wall time from launch to exit of each process, stdout and exit status checked against "
                + "the native build (a mismatch is FAILED and not timed). Chart: `chart.svg`; every figure: `results.csv`.\n\n");
        s.append("## Best execution times (ms)\n\n").append(t.bestTable()).append('\n');
        s.append("## Median (p10–p90) ×runs (ms)\n\n").append(t.spreadTable()).append('\n');
        s.append("## Best time relative to native\n\n").append(t.ratioTable()).append('\n');
        s.append("## Runtimes\n\n");
        for (Runtime rt : runtimes) s.append("- **").append(rt.name()).append("**: ").append(rt.description()).append('\n');
        skipped.forEach((k, v) -> s.append("- ").append(k).append(": skipped — ").append(v).append('\n'));
        s.append('\n');
        s.append("## Targets (measured, not asserted)\n\n");
        targets(s, runs, runtimes, t, emptyJvmMs, kernels);
        s.append('\n').append(extra);
        if (!kernels.isEmpty()) s.append("## Steady-state kernels (JMH, one JVM)\n\n").append(KernelComparison.table(kernels)).append('\n');
        s.append("Other tables: `sizes.md`, `syscalls.md`").append(kernels.isEmpty() ? "" : ", `kernels.md`").append(".\n");
        return s.toString();
    }

    private static void targets(StringBuilder s, List<BenchRun> runs, List<Runtime> runtimes, ResultsTables t,
                                Double emptyJvmMs, List<KernelComparison.Row> kernels) {
        for (Runtime rt : runtimes) {
            if (!rt.name().startsWith("wasm2jvm")) continue;
            t.geomean(rt.name(), "scaled").ifPresent(g -> s.append(String.format(Locale.ROOT,
                    "- Whole process, scaled programs, %s: geomean %.2f× native (target ≤ 2×): %s%n", rt.name(), g,
                    g <= 2 ? "met" : "not met")));
        }
        if (emptyJvmMs != null) {
            s.append(String.format(Locale.ROOT, "- `java` running an empty main: best %s ms.%n", ResultsTables.ms(emptyJvmMs)));
            if (runtimes.stream().anyMatch(r -> r.name().equals("wasm2jvm-aot"))) {
                double worst = 0;
                String which = null;
                for (BenchRun r : runs) {
                    if (!r.group().equals("small")) continue;
                    Optional<PairResult> p = t.get(r.name(), "wasm2jvm-aot").filter(x -> x.status() == PairResult.Status.OK);
                    if (p.isPresent() && p.get().stats().bestMillis() / emptyJvmMs > worst) {
                        worst = p.get().stats().bestMillis() / emptyJvmMs;
                        which = r.name();
                    }
                }
                if (which != null) {
                    s.append(String.format(Locale.ROOT, "- Study's small programs, AOT jar: at most %.2f× the empty JVM (%s; "
                            + "target ≤ 2×): %s%n", worst, which, worst <= 2 ? "met" : "not met"));
                }
            }
        }
        double logSum = 0;
        int n = 0;
        double minChicory = Double.MAX_VALUE;
        for (KernelComparison.Row r : kernels) {
            Double w = r.jvmMs().get("wasm2jvm");
            if (w != null && r.nativeMs() != null) {
                logSum += Math.log(w / r.nativeMs());
                n++;
            }
            Double c = r.jvmMs().get("chicory-compiler");
            if (w != null && c != null) minChicory = Math.min(minChicory, c / w);
        }
        if (n > 0) {
            double g = Math.exp(logSum / n);
            s.append(String.format(Locale.ROOT, "- Steady state, wasm2jvm vs native: geomean %.2f× over %d kernels (target ≤ 1.3×): %s%n",
                    g, n, g <= 1.3 ? "met" : "not met"));
        }
        if (minChicory != Double.MAX_VALUE) {
            s.append(String.format(Locale.ROOT, "- Steady state, Chicory's compiler / wasm2jvm: at least %.2f× on every kernel "
                    + "(target ≥ 2×): %s%n", minChicory, minChicory >= 2 ? "met" : "not met"));
        }
        s.append("- Generated methods over 8,000 bytes: see below.\n");
    }
}
