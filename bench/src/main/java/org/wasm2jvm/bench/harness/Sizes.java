package org.wasm2jvm.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The size table: each program's .wasm, its AOT jar and its native binary, in bytes. */
final class Sizes {
    private Sizes() {
    }

    static String table(HarnessPaths paths, List<BenchRun> runs, List<Runtime> runtimes) throws InterruptedException {
        AotJarRuntime aot = (AotJarRuntime) runtimes.stream().filter(r -> r instanceof AotJarRuntime).findFirst().orElse(null);
        StringBuilder s = new StringBuilder("# Sizes (bytes)\n\n| program | .wasm | AOT jar | native (gcc -O2) |\n|---|---:|---:|---:|\n");
        Set<String> progs = new LinkedHashSet<>();
        for (BenchRun r : runs) progs.add(r.prog());
        for (String prog : progs) {
            String jar = "not available";
            if (aot != null) {
                try {
                    jar = size(aot.jar(prog));
                } catch (IOException e) {
                    jar = "failed";
                }
            }
            s.append("| ").append(prog).append(" | ").append(size(paths.wasm(prog))).append(" | ").append(jar).append(" | ")
                    .append(paths.nativeDir() == null ? "–" : size(paths.nativeBinary(prog))).append(" |\n");
        }
        s.append("\nThe AOT jar carries the generated classes and the runtime-support classes it needs; the native "
                + "binary is dynamically linked against the C library.\n");
        return s.toString();
    }

    private static String size(Path p) {
        try {
            return Files.isRegularFile(p) ? String.format("%,d", Files.size(p)) : "–";
        } catch (IOException e) {
            return "–";
        }
    }
}
