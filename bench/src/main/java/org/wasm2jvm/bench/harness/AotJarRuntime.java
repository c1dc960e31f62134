package org.wasm2jvm.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ahead-of-time jar: {@code wasm2jvm compile prog.wasm -o prog.jar} once per program (not
 * timed), then {@code java -jar prog.jar ARGS} per run.
 */
final class AotJarRuntime implements Runtime {
    /**
     * How an AOT jar is given a preopened directory: a system property {@code HOST::GUEST}.
     * Kept in this one place so it is easy to adjust to the {@code compile} command's final form.
     */
    static final String PREOPEN_PROPERTY = "wasm2jvm.dir";

    private final HarnessPaths paths;
    private final CliFeatures features;
    private final Map<String, Path> jars = new HashMap<>();

    AotJarRuntime(HarnessPaths paths, CliFeatures features) {
        this.paths = paths;
        this.features = features;
    }

    @Override
    public String name() {
        return "wasm2jvm-aot";
    }

    @Override
    public String unavailableReason() {
        if (!features.present()) return "no CLI jar at " + paths.cliJar();
        return features.compileCommand() ? null : "not available: this CLI has no compile command";
    }

    /** The AOT jar for a program, compiled on first use. */
    Path jar(String prog) throws IOException, InterruptedException {
        Path jar = jars.get(prog);
        if (jar != null) return jar;
        jar = paths.workDir().resolve("aot").resolve(prog + ".jar");
        Files.createDirectories(jar.getParent());
        List<String> cmd = List.of(HarnessPaths.java(), "-jar", paths.cliJar().toString(), "compile",
                paths.wasm(prog).toString(), "-o", jar.toString());
        ProcessTimer.Outcome o = ProcessTimer.run(cmd, null, null, 600_000_000_000L);
        if (!o.ok() || !Files.isRegularFile(jar)) {
            throw new IOException("wasm2jvm compile " + prog + " failed: " + lastLine(o.stderrTail()));
        }
        jars.put(prog, jar);
        return jar;
    }

    @Override
    public List<String> command(BenchRun run) throws IOException, InterruptedException {
        Path jar = jar(run.prog());
        List<String> cmd = new ArrayList<>();
        cmd.add(HarnessPaths.java());
        if (run.needsData()) cmd.add("-D" + PREOPEN_PROPERTY + "=" + paths.dataDir() + "::" + BenchRun.GUEST_DATA);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(run.args(BenchRun.GUEST_DATA));
        return cmd;
    }

    @Override
    public Baseline baseline() {
        return Baseline.JVM;
    }

    @Override
    public String description() {
        return "wasm2jvm compile prog.wasm -o prog.jar; java -jar prog.jar (preopen: -D" + PREOPEN_PROPERTY + "=HOST::GUEST)";
    }

    static String lastLine(String text) {
        String t = text.strip();
        int nl = t.lastIndexOf('\n');
        return nl >= 0 ? t.substring(nl + 1) : t;
    }
}
