package org.wasm2jvm.compiler.wast;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The official Wasm 2.0 spec scripts (without SIMD), one dynamic test per script. Commands in
 * {@code spec-expected-failures.txt} may fail; any other failure, and any listed command that
 * now passes, fails the build.
 *
 * <p>System properties: {@code wasm2jvm.testsuite} (set by the parent pom) is the testsuite
 * folder; {@code wasm2jvm.spec.filter} runs only scripts whose name contains it;
 * {@code wasm2jvm.updateExpectedFailures=true} rewrites the list from this run instead of failing.
 */
class SpecTestsuiteTest {
    private static final String LIST = "spec-expected-failures.txt";
    private static final boolean UPDATE = Boolean.getBoolean("wasm2jvm.updateExpectedFailures");

    private static ExpectedFailures expected;
    private static final Map<String, FileResult> ran = new TreeMap<>();
    private static final WastRunner runner = WastRunner.builder().build();

    @BeforeAll
    static void loadExpectedFailures() throws IOException {
        try (InputStream in = SpecTestsuiteTest.class.getClassLoader().getResourceAsStream(LIST)) {
            expected = in == null ? ExpectedFailures.empty()
                    : ExpectedFailures.parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    @TestFactory
    Stream<DynamicTest> specScripts() throws IOException {
        String root = System.getProperty("wasm2jvm.testsuite");
        if (root == null) fail("system property wasm2jvm.testsuite is not set (the parent pom's surefire config sets it)");
        Path dir = Path.of(root, "wasm-2.0");
        assertTrue(Files.isDirectory(dir), "spec testsuite folder missing: " + dir.toAbsolutePath());
        String filter = System.getProperty("wasm2jvm.spec.filter", "");
        List<Path> scripts;
        try (Stream<Path> files = Files.list(dir)) {
            scripts = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".wast") && !n.startsWith("simd_") && n.contains(filter);
            }).sorted().collect(Collectors.toList());
        }
        assertTrue(!scripts.isEmpty(), "no spec scripts in " + dir + (filter.isEmpty() ? "" : " matching " + filter));
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> run(p)));
    }

    private static void run(Path script) {
        FileResult result = runner.runFile(script);
        synchronized (ran) {
            ran.put(result.file(), result);
        }
        System.out.println(result.summary());
        if (UPDATE) return;
        ExpectedFailures.Check check = expected.check(result);
        if (!check.ok()) fail(check.message(result.failures()));
    }

    @AfterAll
    static void summarise() throws IOException {
        List<FileResult> all;
        synchronized (ran) {
            all = new ArrayList<>(ran.values());
        }
        long mismatches = all.stream().mapToLong(FileResult::messageMismatches).sum();
        System.out.println("spec scripts" + (Boolean.getBoolean("wasm2jvm.spec.metering") ? " (metered code)" : "") + ": "
                + all.size() + ", error message mismatches (passed): " + mismatches);
        System.out.println(FileResult.total(all));
        if (UPDATE) {
            Path file = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "resources", LIST);
            Files.writeString(file, expected.updatedText(all), StandardCharsets.UTF_8);
            System.out.println("rewrote " + file);
        }
    }
}
