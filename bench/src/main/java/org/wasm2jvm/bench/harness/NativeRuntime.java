package org.wasm2jvm.bench.harness;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The program built natively with gcc -O2: the reference for output and time. */
final class NativeRuntime implements Runtime {
    private final HarnessPaths paths;

    NativeRuntime(HarnessPaths paths) {
        this.paths = paths;
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public String unavailableReason() {
        return paths.nativeDir() != null && Files.isDirectory(paths.nativeDir()) ? null : "no native binaries (gcc missing?)";
    }

    @Override
    public List<String> command(BenchRun run) {
        List<String> cmd = new ArrayList<>();
        cmd.add(paths.nativeBinary(run.prog()).toString());
        // natively there is no preopen: the data directory is passed by its host path
        cmd.addAll(run.args(paths.dataDir().toString()));
        return cmd;
    }

    @Override
    public Baseline baseline() {
        return Baseline.NATIVE;
    }

    @Override
    public String description() {
        return "gcc -O2 binary from the same C source";
    }
}
