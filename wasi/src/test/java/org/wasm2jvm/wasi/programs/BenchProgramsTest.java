package org.wasm2jvm.wasi.programs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.FuelExhaustedException;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.InstanceLimits;
import org.wasm2jvm.api.TrapException;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.wasi.WasiConfig;
import org.wasm2jvm.wasi.WasiPreview1;

/**
 * The benchmark programs of {@code testdata/bench} (issue 7): every run of
 * {@code benchmarks.tsv} prints the same bytes and exits the same way under wasm2jvm as the
 * native gcc build of the same C source, with smaller sizes where the real run takes more than a
 * few seconds under test ({@link #TEST_ARGS}). Also the steady-state kernels (the
 * {@code bench_kernel} export and {@code --kernel}), and AES against published vectors and
 * against {@code javax.crypto}, an independent implementation.
 */
class BenchProgramsTest {
    private static final Path TESTDATA = findTestdata();
    private static final Path BENCH = TESTDATA.resolve("bench");
    private static final Path WORK = Path.of("target", "bench-programs").toAbsolutePath();
    private static final Path NATIVE = WORK.resolve("native");
    private static final Path DATA = WORK.resolve("data");
    private static final String GUEST_DATA = "/data";
    private static final long RUN_LIMIT_SECONDS = 120;
    private static final Map<String, WasmModule> MODULES = new ConcurrentHashMap<>();

    /**
     * Smaller arguments for the runs too slow for a unit test (the manifest's sizes are for the
     * harness). The scaled FEC file (4,000,000 rows) is not generated here: its run reads the
     * large one.
     */
    private static final Map<String, List<String>> TEST_ARGS = Map.of(
            "quicksort-scaled", List.of("200000"),
            "floyd-scaled", List.of("90"),
            "fasta-small", List.of("10000"),
            "fasta-medium", List.of("25000"),
            "fasta-large", List.of("50000"),
            "filesys-scaled", List.of(BenchRun.DATA + "/fec-large.txt"),
            "matmul", List.of("120"));

    /** Kernel sizes for the test: a few milliseconds each. */
    private static final Map<String, Integer> TEST_KERNEL_SIZE = Map.of(
            // knn: more samples than one chunk of its paid sample loop (about 900), so chunks end mid-loop
            "quicksort", 20000, "floyd", 50, "fasta", 5000, "aes", 4096, "knn", 2000, "matmul", 40);

    /** What one run printed and how it ended ("trap" for a trap). */
    private record Outcome(byte[] stdout, String exit) {
        String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private static boolean prepared;

    /** Builds the natives and the data files once per JVM (gcc; a second or two). */
    private static synchronized void prepare() throws Exception {
        if (prepared) return;
        assumeTrue(onPath("gcc"), "gcc is needed for the native builds");
        script("build-native.sh", NATIVE.toString());
        script("gen-data.sh", DATA.toString(), "small", "medium", "large");
        prepared = true;
    }

    @TestFactory
    Stream<DynamicTest> everyManifestRunMatchesTheNativeBuild() throws IOException {
        return manifest().stream().map(run -> DynamicTest.dynamicTest(run.name(), () -> {
            prepare();
            BenchRun scaled = TEST_ARGS.containsKey(run.name()) ? run.withArgs(TEST_ARGS.get(run.name())) : run;
            Outcome nat = runNative(scaled.prog(), scaled.argsWithData(DATA.toString()), stdinOf(scaled));
            Outcome wasm = runWasm(scaled.prog(), scaled.argsWithData(GUEST_DATA), stdinOf(scaled), scaled.dataDir());
            assertEquals("0", nat.exit(), run.name() + ": native exit; stdout:\n" + nat.text());
            assertEquals(nat.exit(), wasm.exit(), run.name() + ": exit");
            assertTrue(nat.stdout().length > 0, run.name() + ": native printed nothing");
            if (!java.util.Arrays.equals(nat.stdout(), wasm.stdout())) {
                assertEquals(nat.text(), wasm.text(), run.name() + ": stdout"); // shows the difference
                assertArrayEquals(nat.stdout(), wasm.stdout(), run.name() + ": stdout bytes");
            }
        }));
    }

    /**
     * The steady-state entry: {@code bench_kernel(SIZE)} called directly on a fresh instance (no
     * {@code _start}), {@code --kernel SIZE 2} under wasm2jvm and natively all give one checksum.
     */
    @TestFactory
    Stream<DynamicTest> kernelsAgreeWithTheNativeBuild() throws IOException {
        return manifest().stream().filter(BenchRun::kernel).map(run -> DynamicTest.dynamicTest(run.prog(), () -> {
            prepare();
            String size = Integer.toString(TEST_KERNEL_SIZE.get(run.prog()));
            Outcome nat = runNative(run.prog(), List.of("--kernel", size, "2"), new byte[0]);
            Outcome wasm = runWasm(run.prog(), List.of("--kernel", size, "2"), new byte[0], false);
            String nativeChecksum = nat.text().lines().findFirst().orElse("");
            assertTrue(nativeChecksum.matches("checksum -?\\d+"), nat.text());
            assertTrue(nat.text().lines().skip(1).findFirst().orElse("").matches("mean_ns \\d+"), nat.text());
            assertEquals("0", wasm.exit(), wasm.text());
            assertEquals(nativeChecksum, wasm.text().lines().findFirst().orElse(""), run.prog() + " --kernel");
            assertEquals(nativeChecksum, "checksum " + callKernel(run.prog(), Integer.parseInt(size)), run.prog() + " bench_kernel");
            // metered code (loops paid ahead, in chunks, by outer headers): the same checksum; the fuel it
            // takes is exactly enough to run it again, one unit less runs out
            long budget = 1L << 50;
            Instance metered = meteredInstance(run.prog(), budget);
            assertEquals(nativeChecksum, "checksum " + metered.function("bench_kernel").call(Integer.parseInt(size))[0],
                    run.prog() + " metered");
            long used = budget - metered.fuelLeft();
            Instance exact = meteredInstance(run.prog(), used);
            assertEquals(nativeChecksum, "checksum " + exact.function("bench_kernel").call(Integer.parseInt(size))[0]);
            assertEquals(0, exact.fuelLeft(), run.prog() + ": fuel left with the exact budget");
            Instance shortOfIt = meteredInstance(run.prog(), used - 1);
            assertThrows(FuelExhaustedException.class, () -> shortOfIt.function("bench_kernel").call(Integer.parseInt(size)));
        }));
    }

    private static final Map<String, WasmModule> METERED = new ConcurrentHashMap<>();

    private static Instance meteredInstance(String prog, long fuel) {
        WasmModule m = METERED.computeIfAbsent(prog, p -> WasmModule.compile(TESTDATA.resolve("wasm/bench/" + p + ".wasm"),
                CompileOptions.builder().metering(true).build()));
        WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().stdout(OutputStream.nullOutputStream()).build());
        Instance instance = m.instantiate(wasi.addTo(Imports.empty()), InstanceLimits.builder().fuel(fuel).build());
        wasi.bind(instance);
        return instance;
    }

    /** FIPS-197 C.3 and SP 800-38A F.2.5/F.2.6, checked by the program itself, in both builds. */
    @Test
    void aesSelftestPassesThePublishedVectors() throws Exception {
        Outcome wasm = runWasm("aes", List.of("--selftest"), new byte[0], false);
        assertEquals("0", wasm.exit(), wasm.text());
        assertEquals(4, wasm.text().lines().filter(l -> l.startsWith("ok: ")).count(), wasm.text());
        assertTrue(wasm.text().endsWith("selftest passed\n"), wasm.text());
        if (onPath("gcc")) {
            prepare();
            assertEquals(wasm.text(), runNative("aes", List.of("--selftest"), new byte[0]).text());
        }
    }

    /**
     * The program's ciphertext equals {@code javax.crypto}'s AES/CBC/PKCS5Padding (PKCS#7 for
     * 16-byte blocks) under the key and IV it prints, and decrypting restores the message: for the
     * manifest's message, the empty message, exactly one block and random binary bytes.
     */
    @TestFactory
    Stream<DynamicTest> aesMatchesJavaCrypto() throws IOException {
        byte[] random = new byte[1000];
        new Random(7).nextBytes(random);
        Map<String, byte[]> messages = Map.of(
                "message.txt", Files.readAllBytes(BENCH.resolve("data/message.txt")),
                "empty", new byte[0],
                "one block", "sixteen bytes!!!".getBytes(StandardCharsets.US_ASCII),
                "binary", random);
        return messages.entrySet().stream().map(m -> DynamicTest.dynamicTest(m.getKey(), () -> {
            Outcome out = runWasm("aes", List.of(), m.getValue(), false);
            assertEquals("0", out.exit(), out.text());
            String text = new String(out.stdout(), StandardCharsets.ISO_8859_1); // bytes as chars, 1:1
            List<String> lines = text.lines().toList();
            byte[] key = HexFormat.of().parseHex(lines.get(0).substring("key: ".length()));
            byte[] iv = HexFormat.of().parseHex(lines.get(1).substring("iv: ".length()));
            assertEquals("ciphertext (base64):", lines.get(3));
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            assertEquals(32, key.length, "AES-256 key");
            assertEquals(Base64.getEncoder().encodeToString(cipher.doFinal(m.getValue())), lines.get(4));
            String decrypted = "decrypted:\n";
            int at = text.indexOf(decrypted, text.indexOf(lines.get(4)));
            assertTrue(at > 0, text);
            assertArrayEquals(m.getValue(), java.util.Arrays.copyOfRange(out.stdout(), at + decrypted.length(), out.stdout().length));
        }));
    }

    @Test
    void manifestIsConsistentWithTheSourcesAndBinaries() throws IOException {
        List<BenchRun> runs = manifest();
        assertEquals(runs.size(), runs.stream().map(BenchRun::name).distinct().count(), "duplicate run names");
        Set<String> sources;
        try (Stream<Path> s = Files.list(BENCH.resolve("src"))) {
            sources = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".c"))
                    .map(n -> n.substring(0, n.length() - 2)).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(sources, runs.stream().map(BenchRun::prog).collect(Collectors.toCollection(TreeSet::new)),
                "every program has a run and every run a program");
        Map<String, Integer> kernelSizes = BenchRun.readKernelSizes(BENCH.resolve("benchmarks.tsv"));
        for (BenchRun run : runs) {
            assertTrue(Files.isRegularFile(TESTDATA.resolve("wasm/bench/" + run.prog() + ".wasm")), run.prog());
            assertTrue(Set.of("small", "study", "scaled").contains(run.group()), run.name() + ": group");
            assertTrue(run.runs() > 0, run.name() + ": runs");
            if (run.stdin() != null) {
                assertTrue(Files.isRegularFile(BENCH.resolve("data").resolve(run.stdin())), run.name() + ": stdin file");
            }
            boolean usesData = run.args().stream().anyMatch(a -> a.contains(BenchRun.DATA));
            assertEquals(usesData, run.dataDir(), run.name() + ": dir column vs {data} in args");
        }
        List<String> kernelProgs = runs.stream().filter(BenchRun::kernel).map(BenchRun::prog).toList();
        assertEquals(kernelProgs.size(), Set.copyOf(kernelProgs).size(), "one kernel run per program");
        assertEquals(Set.copyOf(kernelProgs), kernelSizes.keySet(), "a kernel-size line per kernel program");
        for (String prog : kernelProgs) {
            try (WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().build())) {
                assertTrue(module(prog).instantiate(wasi.addTo(Imports.empty())).exports().containsKey("bench_kernel"),
                        prog + " exports bench_kernel");
            }
        }
    }

    /** The committed .wasm files are what testdata/bench/build.sh makes of the committed sources. */
    @Test
    @EnabledIf("clangOnPath")
    @Timeout(600)
    void committedWasmIsWhatBenchBuildShProduces() throws Exception {
        Path out = Files.createTempDirectory("bench-build-");
        try {
            script("build.sh", out.toString());
            List<String> stale = new ArrayList<>();
            try (Stream<Path> built = Files.list(out)) {
                for (Path w : built.toList()) {
                    Path committed = TESTDATA.resolve("wasm/bench").resolve(w.getFileName());
                    if (!Files.exists(committed) || Files.mismatch(w, committed) != -1) stale.add(w.getFileName().toString());
                }
            }
            assertEquals(List.of(), stale, "rebuilt .wasm differing from the committed ones (run testdata/bench/build.sh)");
        } finally {
            ProgramRun.deleteTree(out);
        }
    }

    private static List<BenchRun> manifest() throws IOException {
        return BenchRun.readManifest(BENCH.resolve("benchmarks.tsv"));
    }

    private static byte[] stdinOf(BenchRun run) throws IOException {
        return run.stdin() == null ? new byte[0] : Files.readAllBytes(DATA.resolve(run.stdin()));
    }

    private static Outcome runNative(String prog, List<String> args, byte[] stdin) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(NATIVE.resolve(prog).toString());
        command.addAll(args);
        Path in = Files.createTempFile("bench-stdin-", "");
        Path out = Files.createTempFile("bench-stdout-", "");
        try {
            Files.write(in, stdin);
            // stdout to a file, so a hung program cannot block the read: it is killed at the limit
            Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(prog + " (native) did not finish in " + RUN_LIMIT_SECONDS + " s");
            }
            return new Outcome(Files.readAllBytes(out), Integer.toString(p.exitValue()));
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

    /** Runs the wasm build in-process on a daemon thread, so a hung guest fails the test only. */
    private static Outcome runWasm(String prog, List<String> args, byte[] stdin, boolean dataDir) throws Exception {
        ExecutorService guest = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "guest-" + prog);
            t.setDaemon(true);
            return t;
        });
        try {
            return guest.submit(() -> {
                ByteArrayOutputStream stdout = new ByteArrayOutputStream();
                List<String> argv = new ArrayList<>();
                argv.add(prog + ".wasm");
                argv.addAll(args);
                WasiConfig.Builder config = WasiConfig.builder().args(argv).stdin(new ByteArrayInputStream(stdin))
                        .stdout(stdout).stderr(OutputStream.nullOutputStream());
                if (dataDir) config.preopen(DATA, GUEST_DATA, true);
                String exit;
                try (WasiPreview1 wasi = new WasiPreview1(config.build())) {
                    Instance instance = module(prog).instantiate(wasi.addTo(Imports.empty()));
                    try {
                        exit = Integer.toString(wasi.start(instance));
                    } catch (TrapException e) {
                        exit = "trap";
                    }
                }
                return new Outcome(stdout.toByteArray(), exit);
            }).get(RUN_LIMIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            guest.shutdownNow();
        }
    }

    /** Calls the exported kernel twice on a fresh instance without running {@code _start}. */
    private static int callKernel(String prog, int size) {
        try (WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().stdout(OutputStream.nullOutputStream()).build())) {
            Instance instance = module(prog).instantiate(wasi.addTo(Imports.empty()));
            wasi.bind(instance);
            int first = (Integer) instance.function("bench_kernel").call(size)[0];
            int second = (Integer) instance.function("bench_kernel").call(size)[0];
            assertEquals(first, second, prog + ": bench_kernel is not repeatable on one instance");
            return first;
        }
    }

    private static WasmModule module(String prog) {
        return MODULES.computeIfAbsent(prog, p -> WasmModule.compile(TESTDATA.resolve("wasm/bench/" + p + ".wasm")));
    }

    private static void script(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", BENCH.resolve(name).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), name + " did not finish");
        assertEquals(0, p.exitValue(), name + ":\n" + output);
    }

    static boolean clangOnPath() {
        return onPath("clang") && Files.exists(Path.of("/usr/lib/wasm32-wasi/libc.a"));
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** Surefire runs in the module directory; testdata/ is its sibling. */
    private static Path findTestdata() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata");
            if (Files.isRegularFile(candidate.resolve("bench/benchmarks.tsv"))) return candidate;
        }
        throw new IllegalStateException("testdata/bench/benchmarks.tsv not found above " + Path.of("").toAbsolutePath());
    }
}
