package org.wasm2jvm.bench.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one process and measures its wall time from launch to exit ({@link System#nanoTime}
 * around {@link ProcessBuilder#start} and {@link Process#waitFor}). Stdout is hashed while it
 * streams (outputs can be hundreds of megabytes) and its beginning kept for parsing; stderr's
 * end is kept for error messages.
 */
public final class ProcessTimer {
    private static final int KEEP = 64 * 1024;

    /** What one process did. {@code exitCode} is -1 when it was killed for exceeding the timeout. */
    public record Outcome(int exitCode, long nanos, String stdoutSha256, long stdoutBytes, String stdoutHead,
                          String stderrTail, boolean timedOut) {
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }
    }

    private ProcessTimer() {
    }

    /**
     * @param stdin   a file for stdin, or null for an empty stdin
     * @param timeout the longest the process may run, in nanoseconds (killed after it)
     */
    public static Outcome run(List<String> command, Path workDir, Path stdin, long timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (workDir != null) pb.directory(workDir.toFile());
        pb.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile())
                : ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        long start = System.nanoTime();
        Process p = pb.start();
        Drain out = new Drain(p.getInputStream(), true);
        Drain err = new Drain(p.getErrorStream(), false);
        out.start();
        err.start();
        boolean finished = p.waitFor(timeout, TimeUnit.NANOSECONDS);
        long elapsed = System.nanoTime() - start;
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        out.join();
        err.join();
        return new Outcome(finished ? p.exitValue() : -1, elapsed, out.digest(), out.total, out.head(), err.tail(),
                !finished);
    }

    /** Reads a stream to its end on its own thread: hashes it and keeps its head or its tail. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final boolean keepHead;
        private final MessageDigest sha;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private byte[] tail = new byte[0];
        long total;

        Drain(InputStream in, boolean keepHead) {
            this.in = in;
            this.keepHead = keepHead;
            setDaemon(true);
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void run() {
            byte[] buf = new byte[64 * 1024];
            try (in) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                    total += n;
                    if (keepHead) {
                        if (kept.size() < KEEP) kept.write(buf, 0, Math.min(n, KEEP - kept.size()));
                    } else {
                        byte[] joined = new byte[Math.min(KEEP, tail.length + n)];
                        int fromTail = joined.length - Math.min(n, joined.length);
                        System.arraycopy(tail, tail.length - fromTail, joined, 0, fromTail);
                        System.arraycopy(buf, n - (joined.length - fromTail), joined, fromTail, joined.length - fromTail);
                        tail = joined;
                    }
                }
            } catch (IOException e) {
                // the process was killed; what was read so far is all there is
            }
        }

        String digest() {
            return HexFormat.of().formatHex(sha.digest());
        }

        String head() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        String tail() {
            return new String(tail, StandardCharsets.UTF_8);
        }
    }
}
