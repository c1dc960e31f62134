package org.wasm2jvm.binary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.wasm2jvm.api.ModuleException;

/**
 * Every {@code (module binary ...)} of the Wasm 2.0 spec tests (SIMD files excluded): those in
 * {@code assert_malformed} must fail with the expected message (matched by prefix, as the
 * reference test runner does); all others must decode.
 */
class BinarySpecTest {
    static Path testsuite() {
        String configured = System.getProperty("wasm2jvm.testsuite");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) candidates.add(Paths.get(configured));
        candidates.add(Paths.get("../shared/wasm-testsuite"));
        candidates.add(Paths.get("../../shared/wasm-testsuite"));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("wasm-2.0"))) return p.resolve("wasm-2.0");
        }
        throw new IllegalStateException("spec testsuite not found, tried " + candidates);
    }

    @TestFactory
    Stream<DynamicTest> binaryModulesOfTheSpecTests() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(testsuite())) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".wast"))
                    .filter(p -> !p.getFileName().toString().startsWith("simd_"))
                    .sorted().toList();
        }
        for (Path file : files) {
            for (WastBinaryModules.Found m : WastBinaryModules.scan(Files.readAllBytes(file))) {
                String name = file.getFileName() + ":" + m.line() + " " + (m.assertion() == null ? "module" : m.assertion());
                tests.add(DynamicTest.dynamicTest(name, () -> check(m)));
            }
        }
        assertTrue(tests.size() > 700, "expected the spec's binary modules, found " + tests.size());
        return tests.stream();
    }

    private static void check(WastBinaryModules.Found m) {
        if ("assert_malformed".equals(m.assertion())) {
            ModuleException e = assertThrows(ModuleException.class, () -> ModuleDecoder.decode(m.bytes()));
            assertEquals(ModuleException.Kind.MALFORMED, e.kind());
            assertTrue(e.reason().startsWith(m.expectedMessage()),
                    () -> "expected \"" + m.expectedMessage() + "\" but got \"" + e.getMessage() + "\"");
        } else {
            assertDoesNotThrow(() -> ModuleDecoder.decode(m.bytes()));
        }
    }
}
