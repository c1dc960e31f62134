package org.wasm2jvm.compiler.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasm2jvm.api.Compilation;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.compiler.ModuleClasses;
import org.wasm2jvm.runtime.CompiledModule;

/** The class cache: hits skip code generation, damaged or foreign entries are rebuilt, never loaded. */
class ClassCacheTest {
    @TempDir
    Path dir;

    /** 60 functions {@code f<k>} returning {@code k * k}, exported, and one whose constant depends on {@code salt}. */
    private static byte[] module(String salt) {
        StringBuilder sb = new StringBuilder("(module\n");
        for (int k = 0; k < 60; k++) {
            sb.append("(func (export \"f").append(k).append("\") (result i32) (i32.const ").append(k * k).append("))\n");
        }
        sb.append("(func (export \"salt\") (result i32) (i32.const ").append(salt.hashCode()).append("))\n)");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private CompileOptions options(Compilation mode, boolean metering) {
        return CompileOptions.builder().compilation(mode).metering(metering).cacheDirectory(dir).build();
    }

    private static CompiledModule compile(byte[] wasm, CompileOptions o) {
        return (CompiledModule) WasmModule.compile(wasm, o);
    }

    private static int generated(CompiledModule m) {
        return ((ModuleClasses) m.locator()).generatedFunctionCount();
    }

    /** Compiles, checks a few results, and returns the module. */
    private static CompiledModule compileAndCheck(byte[] wasm, CompileOptions o) {
        CompiledModule m = compile(wasm, o);
        Instance inst = m.instantiate(Imports.empty());
        for (int k : new int[] {0, 17, 59}) assertEquals(k * k, (int) inst.function("f" + k).call()[0]);
        return m;
    }

    private List<Path> entries() throws IOException {
        return new ClassCache(dir).entries();
    }

    @Test
    void eagerMissWritesAnEntryAndAHitGeneratesNothing() throws IOException {
        byte[] wasm = module("a");
        CompiledModule first = compileAndCheck(wasm, options(Compilation.EAGER, false));
        assertEquals(61, generated(first));
        assertEquals(1, entries().size());
        CompiledModule second = compileAndCheck(wasm, options(Compilation.EAGER, false));
        assertEquals(0, generated(second), "a hit must skip code generation");
        assertEquals(61, second.compiledFunctionCount());
    }

    @Test
    void lazyEntryHoldsWhatRanAndIsExtendedByLaterRuns() throws IOException {
        byte[] wasm = module("b");
        CompiledModule first = compileAndCheck(wasm, options(Compilation.LAZY, false));
        int firstGenerated = generated(first);
        assertTrue(firstGenerated > 0 && firstGenerated < 61, "generated " + firstGenerated);
        PendingWrites.flush(); // what JVM exit does
        assertEquals(1, entries().size());
        CompiledModule second = compileAndCheck(wasm, options(Compilation.LAZY, false));
        assertEquals(0, generated(second), "the same calls are served from the cache");
        second.instantiate(Imports.empty()).function("f40").call();
        assertTrue(generated(second) > 0, "f40's class was not in the entry");
        PendingWrites.flush();
        CompiledModule third = compileAndCheck(wasm, options(Compilation.LAZY, false));
        third.instantiate(Imports.empty()).function("f40").call();
        assertEquals(0, generated(third));
    }

    @Test
    void differentOptionsDoNotShareAnEntry() throws IOException {
        byte[] wasm = module("c");
        compileAndCheck(wasm, options(Compilation.EAGER, false));
        CompiledModule metered = compileAndCheck(wasm, options(Compilation.EAGER, true));
        assertEquals(61, generated(metered), "metered code must not come from the unmetered entry");
        assertEquals(2, entries().size());
        CompiledModule otherModule = compileAndCheck(module("d"), options(Compilation.EAGER, false));
        assertEquals(61, generated(otherModule));
        assertEquals(3, entries().size());
        assertNotEquals(CacheKey.of(wasm, options(Compilation.EAGER, false)).fileName(),
                CacheKey.of(wasm, options(Compilation.LAZY, false)).fileName());
    }

    @Test
    void truncatedEntryIsRebuilt() throws IOException {
        assertDamageIsRebuilt(bytes -> Arrays.copyOf(bytes, bytes.length - 10));
    }

    @Test
    void flippedByteInAClassIsRebuilt() throws IOException {
        assertDamageIsRebuilt(bytes -> {
            bytes[bytes.length - 100] ^= 0x20;
            return bytes;
        });
    }

    @Test
    void flippedByteInTheHeaderIsRebuilt() throws IOException {
        assertDamageIsRebuilt(bytes -> {
            bytes[20] ^= 0x01;
            return bytes;
        });
    }

    @Test
    void entryOfAnotherModuleUnderThisKeyIsRejected() throws IOException {
        byte[] wasm = module("e");
        compileAndCheck(module("f"), options(Compilation.EAGER, false));
        Path foreign = entries().get(0);
        Files.copy(foreign, dir.resolve(CacheKey.of(wasm, options(Compilation.EAGER, false)).fileName()));
        CompiledModule m = compileAndCheck(wasm, options(Compilation.EAGER, false));
        assertEquals(61, generated(m), "a stale entry must not be loaded");
        assertEquals(0, generated(compile(wasm, options(Compilation.EAGER, false))), "and is replaced by a good one");
    }

    private void assertDamageIsRebuilt(UnaryOperator<byte[]> damage) throws IOException {
        byte[] wasm = module("g");
        compileAndCheck(wasm, options(Compilation.EAGER, false));
        Path entry = entries().get(0);
        byte[] good = Files.readAllBytes(entry);
        Files.write(entry, damage.apply(good.clone()));
        CompiledModule rebuilt = compileAndCheck(wasm, options(Compilation.EAGER, false));
        assertEquals(61, generated(rebuilt), "a damaged entry must not be loaded");
        assertTrue(Arrays.equals(good, Files.readAllBytes(entry)), "the entry is written again, whole");
        assertEquals(0, generated(compileAndCheck(wasm, options(Compilation.EAGER, false))));
    }

    @Test
    void cleanDeletesEveryEntry() throws IOException {
        compileAndCheck(module("h"), options(Compilation.EAGER, false));
        compileAndCheck(module("i"), options(Compilation.EAGER, false));
        Path unrelated = Files.writeString(dir.resolve("notes.txt"), "keep");
        assertEquals(2, new ClassCache(dir).clean());
        assertEquals(List.of(), entries());
        assertTrue(Files.exists(unrelated));
        assertEquals(61, generated(compileAndCheck(module("h"), options(Compilation.EAGER, false))));
    }

    @Test
    void withoutACacheDirectoryNothingIsWritten() throws IOException {
        compileAndCheck(module("j"), CompileOptions.builder().compilation(Compilation.EAGER).build());
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent());
        }
    }
}
