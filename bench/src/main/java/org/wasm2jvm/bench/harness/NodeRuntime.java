package org.wasm2jvm.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** node (V8) with its built-in {@code node:wasi}, through a small runner script shipped with the harness. */
final class NodeRuntime implements Runtime {
    private final HarnessPaths paths;
    private final Path node = HarnessPaths.onPath("node");
    private Path script;

    NodeRuntime(HarnessPaths paths) {
        this.paths = paths;
    }

    @Override
    public String name() {
        return "node";
    }

    @Override
    public String unavailableReason() {
        return node == null ? "node not on the PATH" : null;
    }

    @Override
    public List<String> command(BenchRun run) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(node.toString(), "--no-warnings", script().toString()));
        if (run.needsData()) cmd.addAll(List.of("--dir", paths.dataDir() + "::" + BenchRun.GUEST_DATA));
        cmd.add(paths.wasm(run.prog()).toString());
        cmd.addAll(run.args(BenchRun.GUEST_DATA));
        return cmd;
    }

    private Path script() throws IOException {
        if (script == null) {
            Path p = paths.workDir().resolve("node-wasi-run.mjs");
            Files.createDirectories(p.getParent());
            try (InputStream in = NodeRuntime.class.getResourceAsStream("node-wasi-run.mjs")) {
                Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            }
            script = p;
        }
        return script;
    }

    @Override
    public Baseline baseline() {
        return Baseline.NODE;
    }

    @Override
    public String description() {
        return "node --no-warnings with node:wasi (" + node + ")";
    }
}
