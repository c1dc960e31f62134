package org.wasm2jvm.bench.harness;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-process mode: every run under every runtime, N times each within the budget. Each
 * process's stdout and exit status are checked against the reference (the native build's, or
 * the first runtime that ran it when there is no native build); a mismatch is FAILED, not timed.
 */
final class WholeProcessTimer {
    private final HarnessPaths paths;
    private final BenchOptions options;
    private final PrintStream progress;
    private final boolean tty;
    /** Reference output per run name: stdout hash and exit status. */
    private final Map<String, String> reference = new HashMap<>();
    private final Map<String, String> referenceFrom = new HashMap<>();

    WholeProcessTimer(HarnessPaths paths, BenchOptions options, PrintStream progress, boolean tty) {
        this.paths = paths;
        this.options = options;
        this.progress = progress;
        this.tty = tty;
    }

    List<PairResult> measure(List<BenchRun> runs, List<Runtime> runtimes) throws InterruptedException {
        int total = runs.size() * runtimes.size();
        BudgetPlanner planner = new BudgetPlanner(options.effectiveBudget().toNanos(), total, System.nanoTime());
        List<PairResult> results = new ArrayList<>();
        int index = 0;
        for (BenchRun run : runs) {
            for (Runtime rt : runtimes) {
                index++;
                long share = planner.nextShare(System.nanoTime());
                String label = String.format(Locale.ROOT, "[%d/%d] %-18s %-20s", index, total, run.name(), rt.name());
                PairResult r = measure(run, rt, share, options.runsFor(run), label);
                results.add(r);
                progress.println((tty ? "\r" : "") + label + " " + summary(r));
            }
        }
        return results;
    }

    private PairResult measure(BenchRun run, Runtime rt, long share, int requested, String label)
            throws InterruptedException {
        List<String> command;
        try {
            command = rt.command(run);
        } catch (java.io.IOException e) {
            return new PairResult(run, rt.name(), PairResult.Status.ERROR, null, e.getMessage());
        }
        Path stdin = run.stdin() == null ? null : paths.dataDir().resolve(run.stdin());
        long timeout = BudgetPlanner.timeout(share);
        List<Long> samples = new ArrayList<>();
        int planned = requested;
        for (int i = 0; i < planned; i++) {
            ProcessTimer.Outcome o;
            try {
                o = ProcessTimer.run(command, paths.workDir(), stdin, timeout);
            } catch (java.io.IOException e) {
                return new PairResult(run, rt.name(), PairResult.Status.ERROR, null, "cannot start: " + e.getMessage());
            }
            if (o.timedOut()) {
                return new PairResult(run, rt.name(), PairResult.Status.TIMEOUT, samples.isEmpty() ? null : Stats.of(samples),
                        String.format(Locale.ROOT, "killed after %.0f s", timeout / 1e9));
            }
            String got = o.exitCode() + ":" + o.stdoutSha256();
            String want = reference.get(run.name());
            if (want == null) {
                reference.put(run.name(), got);
                referenceFrom.put(run.name(), rt.name());
            } else if (!want.equals(got)) {
                String why = o.exitCode() != Integer.parseInt(want.substring(0, want.indexOf(':')))
                        ? "exit " + o.exitCode() + " (" + AotJarRuntime.lastLine(o.stderrTail()) + ")"
                        : "stdout differs from " + referenceFrom.get(run.name()) + "'s";
                return new PairResult(run, rt.name(), PairResult.Status.FAILED, null, why);
            }
            samples.add(o.nanos());
            if (i == 0) planned = BudgetPlanner.plannedRuns(share, o.nanos(), requested);
            if (tty) progress.print("\r" + label + " " + progressText(samples, planned));
        }
        String note = planned < requested ? planned + " of " + requested + " runs (budget)" : "";
        if (referenceFrom.get(run.name()).equals(rt.name()) && !rt.name().equals("native")) {
            note = (note.isEmpty() ? "" : note + "; ") + "output reference (no native run)";
        }
        return new PairResult(run, rt.name(), PairResult.Status.OK, Stats.of(samples), note);
    }

    private static String progressText(List<Long> samples, int planned) {
        Stats s = Stats.of(samples);
        return String.format(Locale.ROOT, "%d/%d runs  best %.1f ms  median %.1f ms", samples.size(), planned,
                s.bestMillis(), s.medianMillis());
    }

    static String summary(PairResult r) {
        return switch (r.status()) {
            case OK -> String.format(Locale.ROOT, "%d runs  best %.1f ms  median %.1f ms%s", r.stats().count(),
                    r.stats().bestMillis(), r.stats().medianMillis(), r.detail().isEmpty() ? "" : "  (" + r.detail() + ")");
            default -> r.status() + ": " + r.detail();
        };
    }
}
