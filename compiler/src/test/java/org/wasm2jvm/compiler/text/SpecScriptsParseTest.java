package org.wasm2jvm.compiler.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.compiler.wast.WastCommand;
import org.wasm2jvm.compiler.wast.WastCommand.ModuleSource;

/**
 * Parses every Wasm 2.0 spec script (SIMD excluded): the scripts must parse, every text module
 * must encode, every {@code assert_malformed (module quote ...)} must fail with the expected
 * message, and every other quoted module must parse.
 */
class SpecScriptsParseTest {
    static Path suite() {
        String dir = System.getProperty("wasm2jvm.testsuite", "../../shared/wasm-testsuite");
        return Path.of(dir, "wasm-2.0");
    }

    static List<Path> scripts() throws IOException {
        Path dir = suite();
        assumeTrue(Files.isDirectory(dir), "spec testsuite not found at " + dir);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".wast"))
                    .filter(p -> !p.getFileName().toString().startsWith("simd"))
                    .sorted().toList();
        }
    }

    @Test
    void everySpecScriptParses() throws IOException {
        int files = 0;
        int modules = 0;
        int malformedQuotes = 0;
        int malformedMatched = 0;
        int otherQuotes = 0;
        List<String> failures = new ArrayList<>();
        for (Path p : scripts()) {
            String name = p.getFileName().toString();
            List<WastCommand> cmds;
            try {
                cmds = WastParser.parse(Files.readString(p, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                failures.add(name + ": script: " + e.getMessage());
                continue;
            }
            files++;
            for (WastCommand c : cmds) {
                ModuleSource src = source(c);
                if (src == null) continue;
                modules++;
                if (c instanceof WastCommand.AssertMalformed m) {
                    if (src.kind() != ModuleSource.Kind.QUOTE) continue;
                    malformedQuotes++;
                    try {
                        WatParser.parseModule(src.quote());
                        failures.add(name + ":" + c.line() + ": parsed but expected \"" + m.message() + "\"");
                    } catch (ModuleException e) {
                        if (e.reason().startsWith(m.message())) malformedMatched++;
                        else failures.add(name + ":" + c.line() + ": got \"" + e.reason() + "\" expected \"" + m.message() + "\"");
                    }
                } else if (src.kind() == ModuleSource.Kind.QUOTE) {
                    otherQuotes++;
                    try {
                        WatParser.parseModule(src.quote());
                    } catch (ModuleException e) {
                        failures.add(name + ":" + c.line() + ": quote failed: " + e.getMessage());
                    }
                }
            }
        }
        System.out.printf("spec scripts: %d files, %d modules, %d/%d malformed quotes matched, %d other quotes%n",
                files, modules, malformedMatched, malformedQuotes, otherQuotes);
        failures.forEach(System.out::println);
        assertTrue(files > 80, "files parsed: " + files);
        assertEquals(List.of(), failures);
    }

    static ModuleSource source(WastCommand c) {
        if (c instanceof WastCommand.Module m) return m.source();
        if (c instanceof WastCommand.AssertMalformed m) return m.module();
        if (c instanceof WastCommand.AssertInvalid m) return m.module();
        if (c instanceof WastCommand.AssertUnlinkable m) return m.module();
        if (c instanceof WastCommand.AssertUninstantiable m) return m.module();
        if (c instanceof WastCommand.AssertModuleTrap m) return m.module();
        return null;
    }
}
