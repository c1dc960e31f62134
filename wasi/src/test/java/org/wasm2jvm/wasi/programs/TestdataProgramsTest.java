package org.wasm2jvm.wasi.programs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.wasm2jvm.api.Compilation;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.TrapException;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.wasi.WasiConfig;
import org.wasm2jvm.wasi.WasiPreview1;

/**
 * Runs the C test programs of {@code testdata/} (built with clang for wasm32-wasi) through
 * {@link WasiPreview1}, one dynamic test per line of {@code testdata/programs.tsv}, and compares
 * stdout, exit code and the host directory afterwards with what the manifest expects.
 * {@code testdata/README.md} says what each program covers.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md">WASI preview1</a>
 */
class TestdataProgramsTest {
    private static final Path TESTDATA = findTestdata();
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    private static final Map<String, WasmModule> MODULES = new ConcurrentHashMap<>();

    /** What one run produced. {@code exit} is the exit code, or "trap". */
    private record Outcome(String stdout, String exit) {}

    /**
     * Every program, compiled lazily (the default) and eagerly: both must give the expected
     * stdout, exit status and host tree — so they give identical results.
     */
    @TestFactory
    Stream<DynamicTest> programs() throws IOException {
        return ProgramRun.readManifest(TESTDATA.resolve("programs.tsv")).stream()
                .filter(run -> !run.usesTcpListener())
                .flatMap(run -> Stream.of(Compilation.LAZY, Compilation.EAGER).map(mode ->
                        DynamicTest.dynamicTest(run.name() + " (" + mode.name().toLowerCase() + ")", () -> check(run, mode))));
    }

    private void check(ProgramRun run, Compilation mode) throws Exception {
        Path root = Files.createTempDirectory("wasi-" + run.name() + "-");
        try {
            run.setUp(root);
            Outcome outcome = runWithLimit(run, mode, root, null);
            assertEquals(expectedStdout(run), outcome.stdout(), run.name() + ": stdout");
            assertEquals(run.exit(), outcome.exit(), run.name() + ": exit");
            assertEquals(List.of(), run.check(root), run.name() + ": host directory after the run");
        } finally {
            ProgramRun.deleteTree(root);
        }
    }

    /**
     * tcp_echo accepts on a listener the embedder opened (fd 3), so the test plays the client:
     * connect, send a line, read the echo until the guest shuts the connection down.
     */
    @Test
    @Timeout(120)
    void tcpEchoServesOneConnectionOnAPreopenedListener() throws Exception {
        ProgramRun run = ProgramRun.readManifest(TESTDATA.resolve("programs.tsv")).stream()
                .filter(ProgramRun::usesTcpListener).findFirst().orElseThrow();
        ExecutorService guest = Executors.newSingleThreadExecutor();
        Path root = Files.createTempDirectory("wasi-tcp-");
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Future<Outcome> outcome = guest.submit(() -> run(run, Compilation.LAZY, root, listener));
            byte[] line = run.stdin().getBytes(StandardCharsets.UTF_8);
            byte[] echoed;
            try (Socket client = new Socket()) {
                client.connect(listener.getLocalAddress(), 10_000);
                client.setSoTimeout(30_000);
                client.getOutputStream().write(line);
                client.getOutputStream().flush();
                echoed = client.getInputStream().readAllBytes(); // until the guest's shutdown
            }
            assertArrayEquals(line, echoed, "echo");
            Outcome result = outcome.get(60, TimeUnit.SECONDS);
            assertEquals(expectedStdout(run), result.stdout(), "stdout");
            assertEquals(run.exit(), result.exit(), "exit");
        } finally {
            guest.shutdownNow();
            ProgramRun.deleteTree(root);
        }
    }

    /** The trap program's wasm keeps its function names (build.sh links with --strip-debug only). */
    @Test
    void trapProgramCarriesFunctionNamesForBacktraces() throws IOException {
        byte[] wasm = Files.readAllBytes(TESTDATA.resolve("wasm/trap.wasm"));
        String names = new String(WasmCustomSections.find(wasm, "name"), StandardCharsets.ISO_8859_1);
        for (String fn : List.of("crash_with_unreachable", "crash_with_out_of_bounds_store", "middle_frame", "main")) {
            assertTrue(names.contains(fn), "name section lacks " + fn);
        }
    }

    /** Traps leave as {@link TrapException}, after the output written before them. */
    @Test
    void trapPropagatesAfterEarlierOutput() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder().args(List.of("trap.wasm", "oob")).stdout(out).build();
        try (WasiPreview1 wasi = new WasiPreview1(config)) {
            Instance instance = module("trap", Compilation.LAZY).instantiate(wasi.addTo(Imports.empty()));
            assertThrows(TrapException.class, () -> wasi.start(instance));
        }
        assertEquals("before trap (oob)\n", out.toString(StandardCharsets.UTF_8));
    }

    /** Each program's output under node's own WASI matches the expected files (see crosscheck-node.mjs). */
    @Test
    @EnabledIf("nodeOnPath")
    @Timeout(600)
    void nodeWasiAgreesWithTheExpectedOutputs() throws Exception {
        Process p = new ProcessBuilder("node", "--no-warnings", "crosscheck-node.mjs")
                .directory(TESTDATA.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "node did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains(" 0 failed"), output);
    }

    /** The committed .wasm files are exactly what build.sh makes from the committed sources. */
    @Test
    @EnabledIf("clangOnPath")
    @Timeout(600)
    void committedWasmIsWhatBuildShProduces() throws Exception {
        Path copy = Files.createTempDirectory("testdata-build-");
        try {
            Files.copy(TESTDATA.resolve("build.sh"), copy.resolve("build.sh"));
            Files.createDirectories(copy.resolve("c"));
            List<Path> sources;
            try (Stream<Path> s = Files.list(TESTDATA.resolve("c"))) {
                sources = s.toList();
            }
            for (Path src : sources) Files.copy(src, copy.resolve("c").resolve(src.getFileName()));
            Process p = new ProcessBuilder("bash", "build.sh").directory(copy.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "build.sh did not finish");
            assertEquals(0, p.exitValue(), output);
            List<String> stale = new ArrayList<>();
            try (Stream<Path> built = Files.list(copy.resolve("wasm"))) {
                for (Path w : built.toList()) {
                    Path committed = TESTDATA.resolve("wasm").resolve(w.getFileName());
                    if (!Files.exists(committed) || Files.mismatch(w, committed) != -1) stale.add(w.getFileName().toString());
                }
            }
            assertEquals(List.of(), stale, "rebuilt .wasm differing from the committed ones (run testdata/build.sh)");
        } finally {
            ProgramRun.deleteTree(copy);
        }
    }

    static boolean nodeOnPath() {
        return onPath("node");
    }

    static boolean clangOnPath() {
        return onPath("clang") && Files.exists(Path.of("/usr/lib/wasm32-wasi/libc.a"));
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** Runs on another thread so a hung guest fails the test instead of the build. */
    private Outcome runWithLimit(ProgramRun run, Compilation mode, Path root, ServerSocketChannel listener) throws Exception {
        ExecutorService guest = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "guest-" + run.name());
            t.setDaemon(true); // a guest stuck past the limit must not keep the JVM alive
            return t;
        });
        try {
            return guest.submit(() -> run(run, mode, root, listener)).get(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            guest.shutdownNow();
        }
    }

    private Outcome run(ProgramRun run, Compilation mode, Path root, ServerSocketChannel listener) throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        InputStream stdin = listener != null ? InputStream.nullInputStream()
                : new ByteArrayInputStream(run.stdin().getBytes(StandardCharsets.UTF_8));
        List<String> argv = new ArrayList<>();
        argv.add(run.wasm() + ".wasm");
        argv.addAll(run.args());
        WasiConfig.Builder config = WasiConfig.builder().args(argv).stdin(stdin).stdout(stdout)
                .stderr(OutputStream.nullOutputStream());
        run.env().forEach(config::env);
        for (String p : run.preopens()) {
            if (p.equals(ProgramRun.TCP_LISTENER)) continue;
            Path host = root.resolve(p.substring(p.indexOf('=') + 1));
            Files.createDirectories(host);
            config.preopen(host, p.substring(0, p.indexOf('=')), false);
        }
        if (listener != null) config.listener(listener);
        String exit;
        try (WasiPreview1 wasi = new WasiPreview1(config.build())) {
            Instance instance = module(run.wasm(), mode).instantiate(wasi.addTo(Imports.empty()));
            try {
                exit = Integer.toString(wasi.start(instance));
            } catch (TrapException e) {
                exit = "trap";
            }
        }
        return new Outcome(stdout.toString(StandardCharsets.UTF_8), exit);
    }

    private static WasmModule module(String wasm, Compilation mode) {
        return MODULES.computeIfAbsent(wasm + " " + mode, w -> WasmModule.compile(TESTDATA.resolve("wasm").resolve(wasm + ".wasm"),
                CompileOptions.builder().compilation(mode).build()));
    }

    private static String expectedStdout(ProgramRun run) throws IOException {
        return Files.readString(TESTDATA.resolve("expected").resolve(run.name() + ".stdout"), StandardCharsets.UTF_8);
    }

    /** Surefire runs in the module directory; testdata/ is its sibling. */
    private static Path findTestdata() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata");
            if (Files.isRegularFile(candidate.resolve("programs.tsv"))) return candidate;
        }
        throw new IllegalStateException("testdata/programs.tsv not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void manifestNamesAreUniqueAndEveryExpectedFileExists() throws IOException {
        List<ProgramRun> runs = ProgramRun.readManifest(TESTDATA.resolve("programs.tsv"));
        assertEquals(runs.size(), runs.stream().map(ProgramRun::name).distinct().count(), "duplicate run names");
        for (ProgramRun run : runs) {
            assertTrue(Files.isRegularFile(TESTDATA.resolve("wasm").resolve(run.wasm() + ".wasm")), run.wasm());
            assertTrue(Files.isRegularFile(TESTDATA.resolve("expected").resolve(run.name() + ".stdout")), run.name());
            if (run.node().equals("differs")) {
                assertTrue(Files.isRegularFile(TESTDATA.resolve("expected").resolve(run.name() + ".node.stdout")), run.name());
            }
        }
    }
}
