package org.wasm2jvm.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.TimeValue;
import org.wasm2jvm.bench.ProgramKernelBenchmark;

/**
 * {@code wasm2jvm bench --metering-cost}: what {@code CompileOptions.metering} costs on each
 * benchmark kernel, measured as <em>pairs</em> of JMH forks of {@link ProgramKernelBenchmark}
 * (metering off, metering on) run back to back, the order swapped from one round to the next.
 * On a shared machine the speed of the box drifts by more than the cost being measured, and a
 * JVM's compiled code varies from fork to fork; JMH's own {@code -p metering=false,true} runs all
 * forks of one value before the other, so drift lands on one side. Pairing puts both sides in
 * the same minute, and the headline figure is the median over rounds of {@code on / off} within a
 * round. See bench/README.md, "Metering cost".
 */
final class MeteringCost {
    /** Runs one JMH fork of a kernel; returns its score in ms per call. */
    interface ForkRunner {
        double run(String prog, int size, String expected, boolean metering, int round) throws IOException;
    }

    /**
     * One kernel's forks, in round order ({@code off.get(r)} and {@code on.get(r)} ran back to
     * back); empty lists with a note when it could not be measured.
     */
    record Row(String prog, int size, List<Double> off, List<Double> on, String note) {
        double offMedian() {
            return median(off);
        }

        double onMedian() {
            return median(on);
        }

        /** {@code on / off} of each round. */
        double[] pairRatios() {
            double[] r = new double[Math.min(off.size(), on.size())];
            for (int i = 0; i < r.length; i++) r[i] = on.get(i) / off.get(i);
            return r;
        }

        /** The cost as a fraction: the median over rounds of {@code on / off}, minus one. */
        double pairedCost() {
            return median(Arrays.stream(pairRatios()).boxed().toList()) - 1;
        }
    }

    /** Sizes of the JMH forks: warm-up and measurement iterations and their length. */
    record ForkShape(int warmups, TimeValue warmupTime, int iterations, TimeValue iterationTime) {
        static final ForkShape FULL = new ForkShape(3, TimeValue.seconds(2), 3, TimeValue.seconds(2));
        static final ForkShape QUICK = new ForkShape(2, TimeValue.seconds(1), 2, TimeValue.seconds(1));
    }

    private final PrintStream progress;
    private final int rounds;
    private final ForkRunner forks;

    MeteringCost(PrintStream progress, int rounds, ForkRunner forks) {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be at least 1");
        this.progress = progress;
        this.rounds = rounds;
        this.forks = forks;
    }

    /**
     * Measures every kernel of {@code sizes} (program → {@code bench_kernel} size), checking each
     * call against {@code checksums} where one is known (the native build's).
     */
    List<Row> measure(Map<String, Integer> sizes, Map<String, Integer> checksums) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Integer> e : sizes.entrySet()) {
            String prog = e.getKey();
            int size = e.getValue();
            if (size <= 0) {
                rows.add(new Row(prog, 0, List.of(), List.of(), "no kernel size (manifest or kernel-sizes.properties)"));
                continue;
            }
            Integer sum = checksums.get(prog);
            String expected = sum == null ? "" : sum.toString();
            List<Double> off = new ArrayList<>();
            List<Double> on = new ArrayList<>();
            String note = sum == null ? "not checked against a native checksum" : "";
            try {
                for (int r = 0; r < rounds; r++) {
                    if (Thread.interrupted()) throw new InterruptedException();
                    // the order alternates, so that a fork that runs second (a warmer, or busier, box) favours neither side
                    boolean onFirst = r % 2 == 1;
                    for (boolean metering : onFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                        progress.printf(Locale.ROOT, "metering cost: %s (size %d), round %d of %d, metering %s ...%n",
                                prog, size, r + 1, rounds, metering ? "on" : "off");
                        (metering ? on : off).add(forks.run(prog, size, expected, metering, r));
                    }
                }
            } catch (IOException ex) {
                rows.add(new Row(prog, size, List.of(), List.of(), ex.getMessage()));
                continue;
            }
            rows.add(new Row(prog, size, off, on, note));
        }
        return rows;
    }

    /** The Markdown table of {@code rows}, with the aim (at most 5 %) checked on the paired figure. */
    static String table(List<Row> rows, int rounds, String jvm) {
        StringBuilder s = new StringBuilder();
        s.append("# Metering cost (JMH, paired forks)\n\n");
        s.append(String.format(Locale.ROOT, "%d rounds per kernel on %s; each round one JMH fork of `ProgramKernelBenchmark` "
                + "with `metering=false` and one with `metering=true`, back to back, the order swapped every round. "
                + "*Paired cost*: the median over rounds of on / off within a round (the range in brackets); *cost of "
                + "medians*: median of the on forks over median of the off forks.%n%n", rounds, jvm));
        s.append("| kernel | size | off ms (median) | on ms (median) | paired cost [min, max] | cost of medians | off forks | on forks | note |\n");
        s.append("|---|---:|---:|---:|---:|---:|---|---|---|\n");
        int measured = 0;
        int withinAim = 0;
        for (Row r : rows) {
            s.append("| ").append(r.prog()).append(" | ").append(r.size()).append(" | ");
            if (r.off().isEmpty() || r.on().isEmpty()) {
                s.append("– | – | – | – | – | – | ").append(r.note()).append(" |\n");
                continue;
            }
            double[] ratios = r.pairRatios();
            double min = Arrays.stream(ratios).min().orElseThrow() - 1;
            double max = Arrays.stream(ratios).max().orElseThrow() - 1;
            double paired = r.pairedCost();
            measured++;
            if (Math.round(paired * 1000) <= 50) withinAim++;   // as printed: to a tenth of a percent
            s.append(fmt(r.offMedian())).append(" | ").append(fmt(r.onMedian())).append(" | ")
                    .append(percent(paired)).append(" [").append(percent(min)).append(", ").append(percent(max)).append("] | ")
                    .append(percent(r.onMedian() / r.offMedian() - 1)).append(" | ")
                    .append(list(r.off())).append(" | ").append(list(r.on())).append(" | ").append(r.note()).append(" |\n");
        }
        s.append(String.format(Locale.ROOT, "%nWithin the aim of at most +5 %% (paired cost): %d of %d kernels.%n",
                withinAim, measured));
        return s.toString();
    }

    /** The fork runner used by the harness: JMH's Runner, one fork per call, output kept in the work folder. */
    static ForkRunner jmh(HarnessPaths paths, ForkShape shape) {
        return (prog, size, expected, metering, round) -> {
            Double score;
            try {
                score = KernelFork.run(KernelFork.options(paths, prog, "wasm2jvm", size, expected,
                                paths.workDir().resolve(String.format(Locale.ROOT, "jmh-metering-%s-%d-%s.txt", prog,
                                        round + 1, metering ? "on" : "off")))
                        .param("metering", Boolean.toString(metering))
                        .warmupIterations(shape.warmups()).warmupTime(shape.warmupTime())
                        .measurementIterations(shape.iterations()).measurementTime(shape.iterationTime()));
            } catch (RunnerException | RuntimeException e) {
                throw new IOException("JMH failed for " + prog + " (metering " + metering + "): " + e.getMessage()
                        + "; see " + paths.workDir(), e);
            }
            if (score == null) throw new IOException("JMH gave no result for " + prog + " (metering " + metering + ")");
            return score;
        };
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("no values");
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return Stats.percentile(sorted, 0.5);
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
    }

    private static String list(List<Double> ms) {
        return String.join(", ", ms.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
    }
}
