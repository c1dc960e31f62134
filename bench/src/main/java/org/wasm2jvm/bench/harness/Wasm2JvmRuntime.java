package org.wasm2jvm.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code wasm2jvm run} through the CLI jar, in one compilation mode: {@code lazy} or
 * {@code eager} ({@code --compile=MODE}), or {@code null} for the CLI's only mode when the jar
 * predates {@code --compile}.
 */
final class Wasm2JvmRuntime implements Runtime {
    private final HarnessPaths paths;
    private final CliFeatures features;
    private final String mode;

    Wasm2JvmRuntime(HarnessPaths paths, CliFeatures features, String mode) {
        this.paths = paths;
        this.features = features;
        this.mode = mode;
    }

    @Override
    public String name() {
        return mode == null ? "wasm2jvm" : "wasm2jvm-" + mode;
    }

    @Override
    public String unavailableReason() {
        if (!features.present()) return "no CLI jar at " + paths.cliJar();
        if (mode != null && !features.compileModes()) return "this CLI has no run --compile=" + mode;
        return null;
    }

    @Override
    public List<String> command(BenchRun run) {
        return command(run, List.of());
    }

    /** The command with extra JVM options (e.g. {@code -Dwasm2jvm.dump=DIR}) and extra run options. */
    List<String> command(BenchRun run, List<String> jvmOptions, String... runOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(HarnessPaths.java());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(paths.cliJar().toString());
        cmd.add("run");
        if (mode != null) cmd.add("--compile=" + mode);
        cmd.addAll(List.of(runOptions));
        if (run.needsData()) cmd.add("--dir=" + paths.dataDir() + "::" + BenchRun.GUEST_DATA);
        cmd.add(paths.wasm(run.prog()).toString());
        cmd.addAll(run.args(BenchRun.GUEST_DATA));
        return cmd;
    }

    @Override
    public Baseline baseline() {
        return Baseline.JVM;
    }

    @Override
    public String description() {
        return mode == null ? "java -jar wasm2jvm.jar run (CLI without --compile: its default mode)"
                : "java -jar wasm2jvm.jar run --compile=" + mode;
    }
}
