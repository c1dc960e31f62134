package org.wasm2jvm.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One harness run: prepares inputs, times every pair, then writes every table into the results folder. */
final class Harness {
    private final BenchOptions o;
    private final PrintStream progress;
    private final StringBuilder extra = new StringBuilder();

    Harness(BenchOptions options, PrintStream progress) {
        this.o = options;
        this.progress = progress;
    }

    Path run() throws IOException, InterruptedException {
        ZonedDateTime started = ZonedDateTime.now();
        Path outDir = o.effectiveOut().resolve(BenchMain.timestamp(started));
        Path work = outDir.resolve("work");
        Files.createDirectories(work);
        Path manifest = o.manifest != null ? o.manifest : o.root.resolve("testdata/bench/benchmarks.tsv");
        if (!Files.isRegularFile(manifest)) throw new IOException("no benchmark manifest at " + manifest);
        List<BenchRun> runs = BenchMain.select(Manifest.read(manifest), o);
        if (runs.isEmpty()) throw new IllegalArgumentException("no benchmark run matches the selection");
        Path wasmDir = o.wasmDir != null ? o.wasmDir : o.root.resolve("testdata/wasm/bench");
        Path cliJar = o.cliJar != null ? o.cliJar : o.root.resolve("cli/target/wasm2jvm.jar");
        Path nativeDir = o.nativeDir != null ? o.nativeDir : buildNatives(work.resolve("native"));
        boolean needsData = !o.meteringCost && runs.stream().anyMatch(r -> r.needsData() || r.stdin() != null);
        Path dataDir = o.dataDir != null ? o.dataDir : needsData ? generateData(o.effectiveOut().resolve(".cache/data"))
                : Files.createDirectories(work.resolve("data"));
        HarnessPaths paths = new HarnessPaths(cliJar.toAbsolutePath(), wasmDir.toAbsolutePath(),
                nativeDir == null ? null : nativeDir.toAbsolutePath(), dataDir.toAbsolutePath(), work);

        if (o.meteringCost) return meteringCost(runs, paths, outDir);

        CliFeatures cli = CliFeatures.probe(paths.cliJar());
        List<Runtime> available = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Runtime rt : Runtimes.discover(paths, cli, o.config, childClassPath())) {
            if (!o.runtimes.isEmpty() && o.runtimes.stream().noneMatch(w -> matches(w, rt.name()))) continue;
            String why = rt.unavailableReason();
            if (why == null) available.add(rt);
            else skipped.put(rt.name(), why);
        }
        for (String wanted : o.runtimes) {
            if (available.stream().noneMatch(r -> matches(wanted, r.name()))
                    && skipped.keySet().stream().noneMatch(k -> matches(wanted, k))) {
                throw new IllegalArgumentException("unknown runtime " + wanted);
            }
        }
        if (available.isEmpty()) throw new IllegalArgumentException("no runtime available: " + skipped);
        progress.printf(Locale.ROOT, "%d runs x %d runtimes (%s), budget %s; skipped: %s%n", runs.size(), available.size(),
                String.join(", ", available.stream().map(Runtime::name).toList()), o.effectiveBudget(),
                skipped.isEmpty() ? "none" : String.join(", ", skipped.keySet()));

        List<PairResult> results = new WholeProcessTimer(paths, o, progress, System.console() != null)
                .measure(runs, available);
        List<String> names = available.stream().map(Runtime::name).toList();
        ResultsTables tables = new ResultsTables(results, names);
        BenchMain.write(outDir.resolve("results.csv"), tables.csv());
        BenchMain.write(outDir.resolve("chart.svg"), SvgChart.render("wasm2jvm benchmarks, " + BenchMain.timestamp(started),
                results, names));

        Double emptyJvmMs = emptyJvmMillis(paths);
        methodSizes(paths, runs, cli);
        BenchMain.write(outDir.resolve("sizes.md"), Sizes.table(paths, runs, available));
        if (o.syscalls) BenchMain.write(outDir.resolve("syscalls.md"), syscalls(paths, runs, available, results, cli));
        List<KernelComparison.Row> kernels = List.of();
        if (o.effectiveKernels() && runs.stream().anyMatch(BenchRun::kernel)) {
            kernels = new KernelComparison(paths, progress).measure(runs, available.stream().anyMatch(r -> r.name().equals("native")));
            BenchMain.write(outDir.resolve("kernels.md"), "# Steady-state kernels (JMH, one JVM)\n\n" + KernelComparison.table(kernels));
        }
        BenchMain.write(outDir.resolve("results.md"), Report.markdown(started, o, runs, available, skipped, tables,
                emptyJvmMs, extra.toString(), kernels));
        return outDir;
    }

    /** {@code --metering-cost}: pairs of JMH forks per kernel, metering off and on; writes metering.md. */
    private Path meteringCost(List<BenchRun> runs, HarnessPaths paths, Path outDir) throws IOException, InterruptedException {
        Map<String, Integer> sizes = KernelComparison.kernelSizes(runs);
        if (sizes.isEmpty()) throw new IllegalArgumentException("no kernel run matches the selection");
        Map<String, Integer> checksums = new LinkedHashMap<>();
        if (paths.nativeDir() != null) {
            KernelComparison natives = new KernelComparison(paths, progress);
            for (Map.Entry<String, Integer> e : sizes.entrySet()) {
                if (e.getValue() <= 0) continue;
                try {
                    checksums.put(e.getKey(), natives.nativeChecksum(e.getKey(), e.getValue()));
                } catch (IOException | IllegalArgumentException ex) {
                    progress.println("native " + e.getKey() + ": " + ex.getMessage() + "; its kernel is checked for consistency only");
                }
            }
        }
        int rounds = o.effectiveRounds();
        MeteringCost.ForkShape shape = o.quick ? MeteringCost.ForkShape.QUICK : MeteringCost.ForkShape.FULL;
        List<MeteringCost.Row> rows = new MeteringCost(progress, rounds, MeteringCost.jmh(paths, shape))
                .measure(sizes, checksums);
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String table = MeteringCost.table(rows, rounds, jvm);
        BenchMain.write(outDir.resolve("metering.md"), table);
        System.out.print(table);
        return outDir;
    }

    /** A {@code --runtimes} entry: a name, or a prefix ending in {@code *} ({@code wasm2jvm*}). */
    static boolean matches(String wanted, String name) {
        return wanted.endsWith("*") ? name.startsWith(wanted.substring(0, wanted.length() - 1)) : wanted.equals(name);
    }

    /** Builds the gcc -O2 natives with testdata/bench/build-native.sh; null (native skipped) when that fails. */
    private Path buildNatives(Path dir) throws InterruptedException, IOException {
        Path script = o.root.resolve("testdata/bench/build-native.sh");
        if (!Files.isRegularFile(script)) {
            progress.println("native: no " + script + "; native runs skipped");
            return null;
        }
        progress.println("building natives with " + script + " ...");
        ProcessTimer.Outcome r = ProcessTimer.run(List.of("bash", script.toString(), dir.toString()), o.root, null,
                600_000_000_000L);
        if (!r.ok()) {
            progress.println("native: build-native.sh failed (" + AotJarRuntime.lastLine(r.stderrTail()) + "); native runs skipped");
            return null;
        }
        return dir;
    }

    /** Generates the data files once into a cache beside the results (they are large and deterministic). */
    private Path generateData(Path dir) throws IOException, InterruptedException {
        Path done = dir.resolve(".complete");
        if (Files.exists(done)) return dir;
        Path script = o.root.resolve("testdata/bench/gen-data.sh");
        if (!Files.isRegularFile(script)) throw new IOException("no " + script + " to generate the data (use --data-dir)");
        progress.println("generating data with " + script + " into " + dir + " (once) ...");
        Files.createDirectories(dir);
        ProcessTimer.Outcome r = ProcessTimer.run(List.of("bash", script.toString(), dir.toString()), o.root, null,
                3_600_000_000_000L);
        if (!r.ok()) throw new IOException("gen-data.sh failed: " + AotJarRuntime.lastLine(r.stderrTail()));
        Files.writeString(done, "");
        return dir;
    }

    /** Best of 10 starts of a JVM that runs an empty main: the floor for every JVM runtime. */
    private Double emptyJvmMillis(HarnessPaths paths) throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            try {
                ProcessTimer.Outcome out = ProcessTimer.run(emptyJvm(), paths.workDir(), null, 60_000_000_000L);
                if (!out.ok()) return null;
                best = Math.min(best, out.nanos());
            } catch (IOException e) {
                return null;
            }
        }
        return best / 1e6;
    }

    private static List<String> emptyJvm() {
        return List.of(HarnessPaths.java(), "-cp", childClassPath(), EmptyMain.class.getName());
    }

    /**
     * This JVM's class path with every entry made absolute: child JVMs run in other directories,
     * so a relative {@code -cp bench/target/benchmarks.jar} would not find the harness there.
     */
    static String childClassPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.isEmpty()) entries.add(Path.of(e).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Dumps each program's generated classes (one eager run) and reports methods over HotSpot's 8,000-byte limit. */
    private void methodSizes(HarnessPaths paths, List<BenchRun> runs, CliFeatures cli) throws InterruptedException {
        extra.append("## Generated method sizes\n\n");
        if (!cli.present()) {
            extra.append("Skipped: no wasm2jvm CLI jar.\n\n");
            return;
        }
        extra.append("Each program run once with `-Dwasm2jvm.dump` (eager compilation when available) and every "
                + "generated method's bytecode length read from the class files. HotSpot does not JIT-compile methods over "
                + MethodSizeCheck.HUGE_METHOD_LIMIT + " bytes.\n\n| program | classes' methods | largest method | bytes | over "
                + MethodSizeCheck.HUGE_METHOD_LIMIT + " |\n|---|---:|---|---:|---:|\n");
        Wasm2JvmRuntime rt = new Wasm2JvmRuntime(paths, cli, cli.compileModes() ? "eager" : null);
        Set<String> seen = new LinkedHashSet<>();
        int over = 0;
        for (BenchRun run : runs) {
            if (!seen.add(run.prog())) continue;
            Path dump = paths.workDir().resolve("dump").resolve(run.prog());
            try {
                Files.createDirectories(dump);
                Path stdin = run.stdin() == null ? null : paths.dataDir().resolve(run.stdin());
                ProcessTimer.run(rt.command(run, List.of("-Dwasm2jvm.dump=" + dump)), paths.workDir(), stdin, 600_000_000_000L);
                List<MethodSizeCheck.MethodSize> sizes = MethodSizeCheck.scan(dump);
                if (sizes.isEmpty()) {
                    extra.append("| ").append(run.prog()).append(" | 0 | (no classes dumped) | – | – |\n");
                    continue;
                }
                long big = sizes.stream().filter(m -> m.codeBytes() > MethodSizeCheck.HUGE_METHOD_LIMIT).count();
                over += (int) big;
                MethodSizeCheck.MethodSize top = sizes.get(0);
                extra.append("| ").append(run.prog()).append(" | ").append(sizes.size()).append(" | `")
                        .append(top.className()).append('.').append(top.method().replaceAll("\\(.*", "")).append("` | ")
                        .append(top.codeBytes()).append(" | ").append(big).append(" |\n");
            } catch (IOException e) {
                extra.append("| ").append(run.prog()).append(" | – | error: ").append(e.getMessage()).append(" | – | – |\n");
            }
        }
        extra.append('\n').append(over == 0 ? "**No generated method is over " + MethodSizeCheck.HUGE_METHOD_LIMIT + " bytes.**"
                : "**" + over + " generated method(s) over " + MethodSizeCheck.HUGE_METHOD_LIMIT + " bytes: HotSpot leaves them interpreted.**")
                .append("\n\n");
    }

    /** strace -f -c once per study run and runtime, minus an empty process of the same kind; plus WASI call counts. */
    private String syscalls(HarnessPaths paths, List<BenchRun> runs, List<Runtime> runtimes, List<PairResult> results,
                            CliFeatures cli) throws IOException, InterruptedException {
        StringBuilder s = new StringBuilder("# System calls\n\n");
        SyscallCounter counter = new SyscallCounter(paths.workDir());
        if (!counter.available()) {
            s.append("Skipped: `strace` is not installed.\n");
        } else {
            Map<Runtime.Baseline, Long> base = new LinkedHashMap<>();
            base.put(Runtime.Baseline.JVM, counter.count(emptyJvm(), null, 60_000_000_000L));
            Path node = HarnessPaths.onPath("node");
            if (node != null) base.put(Runtime.Baseline.NODE, counter.count(List.of(node.toString(), "-e", ""), null, 60_000_000_000L));
            Path empty = emptyNative(paths.workDir());
            if (empty != null) base.put(Runtime.Baseline.NATIVE, counter.count(List.of(empty.toString()), null, 60_000_000_000L));
            s.append("`strace -f -c` (all threads), one run each, of the study's small programs. Each cell: calls of the run "
                    + "minus calls of an empty process of the same kind (native: an empty C program; JVM runtimes: `java` "
                    + "running an empty main; node: `node -e ''`); raw count in brackets. Baselines: ");
            base.forEach((k, v) -> s.append(k.name().toLowerCase(Locale.ROOT)).append(' ').append(v).append("; "));
            s.append("\n\n| benchmark");
            for (Runtime rt : runtimes) s.append(" | ").append(rt.name());
            s.append(" |\n|---").append("|---:".repeat(runtimes.size())).append("|\n");
            for (BenchRun run : runs) {
                if (!run.group().equals("small")) continue;
                s.append("| ").append(run.name());
                for (Runtime rt : runtimes) {
                    boolean ok = results.stream().anyMatch(r -> r.run() == run && r.runtime().equals(rt.name())
                            && r.status() == PairResult.Status.OK);
                    String cell = "–";
                    if (ok) {
                        Path stdin = run.stdin() == null ? null : paths.dataDir().resolve(run.stdin());
                        long n = counter.count(rt.command(run), stdin, 600_000_000_000L);
                        Long b = base.get(rt.baseline());
                        cell = n < 0 ? "failed" : b == null || b < 0 ? n + " (no baseline)" : (n - b) + " (" + n + ")";
                    }
                    s.append(" | ").append(cell);
                }
                s.append(" |\n");
            }
        }
        s.append("\n## WASI calls (wasm2jvm run --stats=json)\n\n");
        if (!cli.stats()) {
            s.append("Skipped: this wasm2jvm CLI has no `--stats` option.\n");
            return s.toString();
        }
        Wasm2JvmRuntime rt = new Wasm2JvmRuntime(paths, cli, null);
        s.append("| benchmark | WASI calls | most called |\n|---|---:|---|\n");
        for (BenchRun run : runs) {
            if (!run.group().equals("small")) continue;
            Path stdin = run.stdin() == null ? null : paths.dataDir().resolve(run.stdin());
            ProcessTimer.Outcome out = ProcessTimer.run(rt.command(run, List.of(), "--stats=json"), paths.workDir(), stdin,
                    600_000_000_000L);
            Map<String, Long> calls = WasiCallStats.parse(out.stderrTail() + "\n" + out.stdoutHead());
            BenchMain.write(paths.workDir().resolve("stats").resolve(run.name() + ".txt"), out.stderrTail());
            long total = calls.values().stream().mapToLong(Long::longValue).sum();
            s.append("| ").append(run.name()).append(" | ").append(calls.isEmpty() ? "–" : Long.toString(total)).append(" | ");
            calls.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                    .forEach(e -> s.append(e.getKey()).append(' ').append(e.getValue()).append("; "));
            s.append(" |\n");
        }
        return s.toString();
    }

    /** An empty C program built with gcc -O2, the native system-call baseline; null without gcc. */
    private static Path emptyNative(Path work) throws IOException, InterruptedException {
        Path gcc = HarnessPaths.onPath("gcc");
        if (gcc == null) return null;
        Path src = work.resolve("empty.c");
        Files.writeString(src, "int main(void) { return 0; }\n");
        Path exe = work.resolve("empty");
        ProcessTimer.Outcome r = ProcessTimer.run(List.of(gcc.toString(), "-O2", "-o", exe.toString(), src.toString()),
                work, null, 120_000_000_000L);
        return r.ok() ? exe : null;
    }
}
