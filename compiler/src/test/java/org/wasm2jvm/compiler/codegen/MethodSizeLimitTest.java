package org.wasm2jvm.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.compiler.WasmCompiler;
import org.wasm2jvm.model.Module;

/**
 * Real clang output against HotSpot's 8,000-byte JIT limit: wasi-libc's {@code printf_core} once
 * came out at 8,006 bytes because the split planner only estimates sizes.
 */
class MethodSizeLimitTest {
    private static final Path TESTDATA = Path.of("..", "testdata", "wasm");

    @Test
    void noGeneratedMethodOfATestdataProgramIsHuge() throws IOException {
        List<Path> programs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TESTDATA)) {
            s.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(programs::add);
        }
        assertFalse(programs.isEmpty(), "no programs under " + TESTDATA.toAbsolutePath());
        List<String> huge = new ArrayList<>();
        int checked = 0;
        for (Path p : programs) {
            Module module = WasmCompiler.decode(Files.readAllBytes(p));
            for (boolean metering : new boolean[] {false, true}) {
                Map<String, byte[]> classes = new ModuleClassGenerator(module, "t/", metering, false).generate();
                for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                    for (Map.Entry<String, Integer> m : MethodSizes.of(c.getValue()).entrySet()) {
                        checked++;
                        if (m.getValue() > FunctionCompiler.HUGE_METHOD) {
                            huge.add(p.getFileName() + (metering ? " (metered) " : " ") + c.getKey() + "."
                                    + m.getKey() + ": " + m.getValue());
                        }
                    }
                }
            }
        }
        assertTrue(checked > 1000, "checked only " + checked + " methods");
        assertTrue(huge.isEmpty(), "methods over 8,000 bytes: " + huge);
    }
}
