package org.wasm2jvm.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the harness finds its inputs and puts its work files.
 *
 * @param cliJar   the shaded wasm2jvm CLI jar
 * @param wasmDir  holds {@code <prog>.wasm}
 * @param nativeDir holds the gcc -O2 binaries {@code <prog>}
 * @param dataDir  the data directory preopened as {@code /data}
 * @param workDir  scratch space (AOT jars, class dumps, strace logs)
 */
public record HarnessPaths(Path cliJar, Path wasmDir, Path nativeDir, Path dataDir, Path workDir) {
    public Path wasm(String prog) {
        return wasmDir.resolve(prog + ".wasm");
    }

    public Path nativeBinary(String prog) {
        return nativeDir.resolve(prog);
    }

    /** The java launcher of the JVM running the harness, so every JVM runtime uses the same JDK. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Finds an executable on the PATH (or checks an explicit path); null when absent. */
    public static Path onPath(String command) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        return null;
    }
}
