package org.wasm2jvm.wasi.programs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.wasm2jvm.cli.Main;

/**
 * For every run of {@code testdata/programs.tsv}, the jar made by {@code wasm2jvm compile} and
 * started as {@code java -jar} in a child JVM (settings as {@code -Dwasm2jvm.*} properties)
 * prints the same stdout and stderr and exits with the same status as {@code wasm2jvm run}
 * in-process, and leaves the host directory as the manifest expects.
 */
class AotProgramsTest {
    private static final Path TESTDATA = findTestdata();
    /** Variants of {@code run} that must agree with the jar (e.g. a compile mode flag). */
    private static final List<List<String>> RUN_VARIANTS = List.of(List.of("--compile=lazy"), List.of("--compile=eager"));
    private static final Map<String, Path> JARS = new ConcurrentHashMap<>();
    private static Path jarDir;

    /** What one run produced; exit is the process status. */
    record Outcome(String stdout, String stderr, int exit) {}

    @BeforeAll
    static void makeJarDir() throws IOException {
        jarDir = Files.createTempDirectory("aot-jars-");
    }

    @AfterAll
    static void removeJars() throws IOException {
        ProgramRun.deleteTree(jarDir);
    }

    @TestFactory
    Stream<DynamicTest> compiledJarBehavesLikeRun() throws IOException {
        return ProgramRun.readManifest(TESTDATA.resolve("programs.tsv")).stream()
                .filter(run -> !run.usesTcpListener())
                .map(run -> DynamicTest.dynamicTest(run.name(), () -> check(run)));
    }

    /**
     * tcp_echo serves one connection on a listener given by {@code --tcplisten} /
     * {@code -Dwasm2jvm.tcplisten}: the test connects (retrying until the guest listens), sends the
     * manifest's stdin text and expects it echoed, once through run and once through the jar.
     */
    @Test
    void tcpEchoServesOneConnectionThroughRunAndTheJar() throws Exception {
        ProgramRun run = ProgramRun.readManifest(TESTDATA.resolve("programs.tsv")).stream()
                .filter(ProgramRun::usesTcpListener).findFirst().orElseThrow();
        String expected = Files.readString(TESTDATA.resolve("expected").resolve(run.name() + ".stdout"), StandardCharsets.UTF_8);
        byte[] line = run.stdin().getBytes(StandardCharsets.UTF_8);
        Path root = Files.createTempDirectory("aot-tcp-");
        try {
            int port = freePort();
            CompletableFuture<Outcome> viaJar = CompletableFuture.supplyAsync(() -> call(() -> runProcess(List.of(javaExecutable(),
                    "-Dwasm2jvm.tcplisten=127.0.0.1:" + port, "-jar", jar(run.wasm()).toString()), new byte[0], root)));
            byte[] echoed;
            try {
                echoed = echo(port, line);
            } catch (ConnectException e) {
                throw new AssertionError("no listener; the jar gave " + viaJar.get(120, TimeUnit.SECONDS), e);
            }
            assertArrayEquals(line, echoed, "echo through the jar");
            assertEquals(new Outcome(expected, "", 0), viaJar.get(120, TimeUnit.SECONDS));

            int port2 = freePort();
            CompletableFuture<Outcome> viaRun = CompletableFuture.supplyAsync(() -> call(() -> runCli(run, root,
                    List.of("--tcplisten", "127.0.0.1:" + port2))));
            try {
                echoed = echo(port2, line);
            } catch (ConnectException e) {
                throw new AssertionError("no listener; run gave " + viaRun.get(120, TimeUnit.SECONDS), e);
            }
            assertArrayEquals(line, echoed, "echo through run");
            assertEquals(new Outcome(expected, "", 0), viaRun.get(120, TimeUnit.SECONDS));
        } finally {
            ProgramRun.deleteTree(root);
        }
    }

    private static <T> T call(java.util.concurrent.Callable<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static byte[] echo(int port, byte[] line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                client.setSoTimeout(30_000);
                client.getOutputStream().write(line);
                client.getOutputStream().flush();
                return client.getInputStream().readAllBytes(); // until the guest's shutdown
            } catch (ConnectException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(50); // the guest's JVM is still starting
            }
        }
    }

    private void check(ProgramRun run) throws Exception {
        String expected = Files.readString(TESTDATA.resolve("expected").resolve(run.name() + ".stdout"), StandardCharsets.UTF_8);
        int expectedExit = run.exit().equals("trap") ? 3 : Integer.parseInt(run.exit());
        Outcome viaJar = inFreshRoot(run, root -> runJar(run, root));
        assertEquals(expected, viaJar.stdout(), run.name() + ": jar stdout");
        assertEquals(expectedExit, viaJar.exit(), run.name() + ": jar exit status; stderr: " + viaJar.stderr());
        for (List<String> variant : RUN_VARIANTS) {
            Outcome viaRun = inFreshRoot(run, root -> runCli(run, root, variant));
            assertEquals(viaRun, viaJar, run.name() + ": run " + variant + " and java -jar differ");
        }
    }

    private interface Runner {
        Outcome run(Path root) throws Exception;
    }

    private static Outcome inFreshRoot(ProgramRun run, Runner runner) throws Exception {
        Path root = Files.createTempDirectory("aot-" + run.name() + "-");
        try {
            run.setUp(root);
            for (String p : run.preopens()) Files.createDirectories(root.resolve(host(p)));
            Outcome o = runner.run(root);
            assertEquals(List.of(), run.check(root), run.name() + ": host directory after the run");
            return o;
        } finally {
            ProgramRun.deleteTree(root);
        }
    }

    private static Outcome runCli(ProgramRun run, Path root, List<String> variant) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(variant);
        for (String p : run.preopens()) {
            if (!p.equals(ProgramRun.TCP_LISTENER)) args.addAll(List.of("--dir", root.resolve(host(p)) + "::" + guest(p)));
        }
        run.env().forEach((k, v) -> args.addAll(List.of("--env", k + "=" + v)));
        args.add(wasm(run).toString());
        args.add("--"); // guest arguments such as --flag=value are not run's options
        args.addAll(run.args());
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(run.stdin().getBytes(StandardCharsets.UTF_8)));
        try {
            int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Outcome(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), code);
        } finally {
            System.setIn(stdin);
        }
    }

    private static Outcome runJar(ProgramRun run, Path root) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        int i = 0;
        for (String p : run.preopens()) cmd.add("-Dwasm2jvm.dir." + i++ + "=" + root.resolve(host(p)) + "::" + guest(p));
        i = 0;
        for (Map.Entry<String, String> e : run.env().entrySet()) cmd.add("-Dwasm2jvm.env." + i++ + "=" + e.getKey() + "=" + e.getValue());
        cmd.addAll(List.of("-jar", jar(run.wasm()).toString()));
        cmd.addAll(run.args());
        return runProcess(cmd, run.stdin().getBytes(StandardCharsets.UTF_8), root);
    }

    static Outcome runProcess(List<String> cmd, byte[] stdin, Path dir) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the guest exited without reading its stdin
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java -jar did not finish: " + cmd);
        }
        return new Outcome(new String(out.get(), StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8), p.exitValue());
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One jar per .wasm, made by the CLI's compile command. */
    private static Path jar(String wasm) {
        return JARS.computeIfAbsent(wasm, w -> {
            Path jar = jarDir.resolve(w + ".jar");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"compile", TESTDATA.resolve("wasm").resolve(w + ".wasm").toString(), "-o", jar.toString()},
                    new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, code, "compile " + w + ": " + err.toString(StandardCharsets.UTF_8));
            assertTrue(Files.isRegularFile(jar));
            return jar;
        });
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path wasm(ProgramRun run) {
        return TESTDATA.resolve("wasm").resolve(run.wasm() + ".wasm");
    }

    private static String guest(String preopen) {
        return preopen.substring(0, preopen.indexOf('='));
    }

    private static String host(String preopen) {
        return preopen.substring(preopen.indexOf('=') + 1);
    }

    static Path findTestdata() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata");
            if (Files.isRegularFile(candidate.resolve("programs.tsv"))) return candidate;
        }
        throw new IllegalStateException("testdata/programs.tsv not found above " + Path.of("").toAbsolutePath());
    }
}
