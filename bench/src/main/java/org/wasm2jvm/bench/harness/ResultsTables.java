package org.wasm2jvm.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The whole-process results as tables: a Markdown "best execution times" table shaped like the
 * study's (benchmarks down, runtimes across, best time in ms), a spread table (median with
 * p10–p90 and the run count), ratios to native with geometric means, and the CSV of everything.
 */
public final class ResultsTables {
    private final List<PairResult> results;
    private final List<String> runtimes;
    private final List<String> runNames = new ArrayList<>();
    private final Map<String, PairResult> byKey = new LinkedHashMap<>();

    public ResultsTables(List<PairResult> results, List<String> runtimes) {
        this.results = results;
        this.runtimes = runtimes;
        for (PairResult r : results) {
            if (!runNames.contains(r.run().name())) runNames.add(r.run().name());
            byKey.put(r.run().name() + "\u0000" + r.runtime(), r);
        }
    }

    Optional<PairResult> get(String run, String runtime) {
        return Optional.ofNullable(byKey.get(run + "\u0000" + runtime));
    }

    public String bestTable() {
        StringBuilder s = header("benchmark");
        for (String run : runNames) {
            s.append("| ").append(run);
            for (String rt : runtimes) {
                s.append(" | ").append(get(run, rt).map(r -> r.status() == PairResult.Status.OK
                        ? ms(r.stats().bestMillis()) : r.status().toString()).orElse("–"));
            }
            s.append(" |\n");
        }
        return s.toString();
    }

    public String spreadTable() {
        StringBuilder s = header("benchmark");
        for (String run : runNames) {
            s.append("| ").append(run);
            for (String rt : runtimes) {
                s.append(" | ").append(get(run, rt).map(r -> r.stats() == null ? r.status().toString()
                        : String.format(Locale.ROOT, "%s (%s–%s) ×%d", ms(r.stats().medianMillis()), ms(r.stats().p10() / 1e6),
                                ms(r.stats().p90() / 1e6), r.stats().count())).orElse("–"));
            }
            s.append(" |\n");
        }
        return s.toString();
    }

    /** Best time over native's best, per run, with the geometric mean per runtime and group. */
    public String ratioTable() {
        StringBuilder s = header("benchmark");
        for (String run : runNames) {
            s.append("| ").append(run);
            for (String rt : runtimes) s.append(" | ").append(ratio(run, rt).map(ResultsTables::x).orElse("–"));
            s.append(" |\n");
        }
        for (String group : BenchRun.GROUPS) {
            if (results.stream().noneMatch(r -> r.run().group().equals(group))) continue;
            s.append("| **geomean ").append(group).append("**");
            for (String rt : runtimes) s.append(" | ").append(geomean(rt, group).map(v -> "**" + x(v) + "**").orElse("–"));
            s.append(" |\n");
        }
        return s.toString();
    }

    Optional<Double> ratio(String run, String runtime) {
        Optional<PairResult> n = get(run, "native").filter(r -> r.status() == PairResult.Status.OK);
        Optional<PairResult> r = get(run, runtime).filter(p -> p.status() == PairResult.Status.OK);
        if (n.isEmpty() || r.isEmpty()) return Optional.empty();
        return Optional.of((double) r.get().stats().best() / n.get().stats().best());
    }

    /** Geometric mean of the ratios to native over a group's runs; empty when any run lacks one. */
    Optional<Double> geomean(String runtime, String group) {
        double logSum = 0;
        int n = 0;
        for (String run : runNames) {
            boolean inGroup = results.stream().anyMatch(r -> r.run().name().equals(run) && r.run().group().equals(group));
            if (!inGroup) continue;
            Optional<Double> q = ratio(run, runtime);
            if (q.isEmpty()) return Optional.empty();
            logSum += Math.log(q.get());
            n++;
        }
        return n == 0 ? Optional.empty() : Optional.of(Math.exp(logSum / n));
    }

    public String csv() {
        StringBuilder s = new StringBuilder("benchmark,prog,group,runtime,status,runs,best_ms,median_ms,p10_ms,p90_ms,mad_ms,"
                + "best_ratio_to_native,detail\n");
        for (PairResult r : results) {
            Stats st = r.status() == PairResult.Status.OK ? r.stats() : null;
            s.append(String.join(",", r.run().name(), r.run().prog(), r.run().group(), r.runtime(), r.status().toString(),
                    st == null ? "" : Integer.toString(st.count()),
                    st == null ? "" : num(st.bestMillis()), st == null ? "" : num(st.medianMillis()),
                    st == null ? "" : num(st.p10() / 1e6), st == null ? "" : num(st.p90() / 1e6), st == null ? "" : num(st.mad() / 1e6),
                    ratio(r.run().name(), r.runtime()).map(v -> String.format(Locale.ROOT, "%.4f", v)).orElse(""),
                    csvField(r.detail() == null ? "" : r.detail())));
            s.append('\n');
        }
        return s.toString();
    }

    private StringBuilder header(String first) {
        StringBuilder s = new StringBuilder("| ").append(first);
        for (String rt : runtimes) s.append(" | ").append(rt);
        s.append(" |\n|---");
        for (int i = 0; i < runtimes.size(); i++) s.append("|---:");
        s.append("|\n");
        return s;
    }

    static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String x(double v) {
        return String.format(Locale.ROOT, "%.2f×", v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
