package org.wasm2jvm.bench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The harness's command line: {@code wasm2jvm bench [options]}; see {@link #USAGE}. */
public final class BenchOptions {
    static final String USAGE = """
            usage: wasm2jvm bench [options]
              --quick               a few runs (3) of the study's small programs only; no JMH (minutes)
              --budget DURATION     time for the whole-process timings, e.g. 30m, 90s, 1h (default 30m; quick 5m)
              --runs N              runs per program and runtime (default: the manifest's, 3 with --quick)
              --only NAMES          comma-separated programs or run names (e.g. quicksort,fasta-small)
              --group small|study|scaled  only runs of this group
              --runtimes NAMES      comma-separated runtimes, PREFIX* allowed (default: every one found)
              --out DIR             results go to DIR/<UTC timestamp>/ (default: bench-results under --root)
              --config FILE         extra runtime command templates (see bench/README.md)
              --kernels / --no-kernels    steady-state kernel comparison: native --kernel and JMH (default: on unless --quick)
              --no-syscalls         skip the strace system-call table
              --metering-cost       only this: the cost of metering on each kernel, as pairs of JMH forks
                                    (off, on) back to back; writes metering.md (about 30 s a pair)
              --rounds N            pairs per kernel for --metering-cost (default 5, 2 with --quick)
              --root DIR            the wasm2jvm checkout (default: current directory)
              --manifest FILE  --wasm-dir DIR  --native-dir DIR  --data-dir DIR  --cli-jar FILE
                                    override the inputs (defaults under --root; natives and data are built when absent)
            """;

    private static final java.util.Set<String> VALUED = java.util.Set.of("--budget", "--runs", "--only", "--group",
            "--runtimes", "--out", "--config", "--root", "--manifest", "--wasm-dir", "--native-dir", "--data-dir", "--cli-jar",
            "--rounds");

    boolean quick;
    Duration budget;
    Integer runs;
    List<String> only = List.of();
    String group;
    List<String> runtimes = List.of();
    Path out;
    Path config;
    Boolean kernels;
    boolean syscalls = true;
    boolean meteringCost;
    Integer rounds;
    Path root = Path.of("").toAbsolutePath();
    Path manifest;
    Path wasmDir;
    Path nativeDir;
    Path dataDir;
    Path cliJar;
    boolean help;

    public static BenchOptions parse(String... argv) {
        BenchOptions o = new BenchOptions();
        List<String> a = new ArrayList<>(Arrays.asList(argv));
        for (int i = 0; i < a.size(); i++) {
            String arg = a.get(i);
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "-h", "--help" -> o.help = true;
                case "--quick" -> o.quick = true;
                case "--kernels" -> o.kernels = true;
                case "--no-kernels" -> o.kernels = false;
                case "--no-syscalls" -> o.syscalls = false;
                case "--metering-cost" -> o.meteringCost = true;
                default -> {
                    if (!VALUED.contains(arg)) {
                        throw new IllegalArgumentException(arg.startsWith("-") ? "unknown option " + arg : "unexpected argument " + arg);
                    }
                    if (value == null) {
                        if (i + 1 >= a.size()) throw new IllegalArgumentException(arg + " needs a value");
                        value = a.get(++i);
                    }
                    o.set(arg, value);
                }
            }
        }
        return o;
    }

    /** The value of a count option: a whole number of at least 1. */
    private static int positive(String option, String v) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + v);
        }
        if (n < 1) throw new IllegalArgumentException(option + " must be at least 1");
        return n;
    }

    private void set(String option, String v) {
        switch (option) {
            case "--budget" -> budget = duration(v);
            case "--runs" -> runs = positive(option, v);
            case "--rounds" -> rounds = positive(option, v);
            case "--only" -> only = list(v);
            case "--group" -> {
                if (!BenchRun.GROUPS.contains(v)) throw new IllegalArgumentException("--group must be small, study or scaled");
                group = v;
            }
            case "--runtimes" -> runtimes = list(v);
            case "--out" -> out = Path.of(v);
            case "--config" -> config = Path.of(v);
            case "--root" -> root = Path.of(v).toAbsolutePath();
            case "--manifest" -> manifest = Path.of(v);
            case "--wasm-dir" -> wasmDir = Path.of(v);
            case "--native-dir" -> nativeDir = Path.of(v);
            case "--data-dir" -> dataDir = Path.of(v);
            case "--cli-jar" -> cliJar = Path.of(v);
            default -> throw new IllegalArgumentException("unknown option " + option);
        }
    }

    private static List<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Parses {@code 90s}, {@code 30m}, {@code 1h}, {@code 500ms}; a bare number is seconds. */
    public static Duration duration(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            if (s.endsWith("s")) return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            if (s.endsWith("m")) return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            if (s.endsWith("h")) return Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
            return Duration.ofSeconds(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration " + v + " (use e.g. 90s, 30m, 1h)");
        }
    }

    Path effectiveOut() {
        return out != null ? out.toAbsolutePath() : root.resolve("bench-results");
    }

    Duration effectiveBudget() {
        return budget != null ? budget : quick ? Duration.ofMinutes(5) : Duration.ofMinutes(30);
    }

    int effectiveRounds() {
        return rounds != null ? rounds : quick ? 2 : 5;
    }

    boolean effectiveKernels() {
        return kernels != null ? kernels : !quick;
    }

    /** The run count for one manifest run. */
    int runsFor(BenchRun run) {
        if (runs != null) return runs;
        return quick ? Math.min(3, run.runs()) : run.runs();
    }
}
