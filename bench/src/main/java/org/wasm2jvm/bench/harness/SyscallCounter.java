package org.wasm2jvm.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts a process's system calls with {@code strace -f -c} (all threads; the "total" line of
 * the summary). The JVM alone makes over a thousand before {@code main}, so callers subtract an
 * empty process of the same kind.
 */
final class SyscallCounter {
    private final Path strace = HarnessPaths.onPath("strace");
    private final Path workDir;
    private int serial;

    SyscallCounter(Path workDir) {
        this.workDir = workDir;
    }

    boolean available() {
        return strace != null;
    }

    /** The total number of system calls, or -1 when the process failed or strace's summary is unreadable. */
    long count(List<String> command, Path stdin, long timeoutNanos) throws IOException, InterruptedException {
        Path log = workDir.resolve("strace-" + (serial++) + ".txt");
        List<String> cmd = new ArrayList<>(List.of(strace.toString(), "-f", "-c", "-o", log.toString()));
        cmd.addAll(command);
        ProcessTimer.Outcome o = ProcessTimer.run(cmd, workDir, stdin, timeoutNanos);
        if (!o.ok() || !Files.exists(log)) return -1;
        return total(Files.readAllLines(log));
    }

    /** Reads the calls column of strace -c's "total" line ({@code % time seconds usecs/call calls errors syscall}). */
    static long total(List<String> summary) {
        for (String line : summary) {
            String[] w = line.strip().split("\\s+");
            if (w.length >= 5 && w[w.length - 1].equals("total")) return Long.parseLong(w[3]);
        }
        return -1;
    }
}
