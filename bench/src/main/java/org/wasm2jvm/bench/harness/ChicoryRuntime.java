package org.wasm2jvm.bench.harness;

import java.util.ArrayList;
import java.util.List;

/** Chicory 1.x (Maven Central) as its own JVM process, in interpreter or compiler mode: see {@link ChicoryRunner}. */
final class ChicoryRuntime implements Runtime {
    private final HarnessPaths paths;
    private final String mode;
    private final String classpath;

    ChicoryRuntime(HarnessPaths paths, String mode, String classpath) {
        this.paths = paths;
        this.mode = mode;
        this.classpath = classpath;
    }

    @Override
    public String name() {
        return "chicory-" + mode;
    }

    @Override
    public String unavailableReason() {
        try {
            Class.forName("com.dylibso.chicory.runtime.Instance");
            return classpath == null ? "no classpath with Chicory for a child JVM" : null;
        } catch (ClassNotFoundException e) {
            return "Chicory is not on the harness classpath";
        }
    }

    @Override
    public List<String> command(BenchRun run) {
        List<String> cmd = new ArrayList<>(List.of(HarnessPaths.java(), "-Xss512m", "-cp", classpath,
                ChicoryRunner.class.getName(), mode));
        if (run.needsData()) cmd.addAll(List.of("--dir", paths.dataDir() + "::" + BenchRun.GUEST_DATA));
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
        return "Chicory " + version() + " " + mode + " (com.dylibso.chicory, Maven Central)";
    }

    /** The version from the jar's Maven metadata (kept by the shade plugin), or "?" when absent. */
    static String version() {
        try (var in = ChicoryRuntime.class.getResourceAsStream("/META-INF/maven/com.dylibso.chicory/runtime/pom.properties")) {
            if (in == null) return "?";
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
