package org.wasm2jvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.compiler.cache.PendingWrites;

/**
 * {@code run --compile=lazy|eager}, the class cache and {@code cache clean}. The build points
 * the cache at target/ ({@code wasm2jvm.cache.dir}), never at the user's real one.
 */
class CompileModeAndCacheTest {
    private static Outcome run(String... args) {
        return Outcome.run(args);
    }

    private static String wasm(String name) {
        return Path.of("..", "testdata", "wasm", name + ".wasm").toString();
    }

    @Test
    void theTestsUseTheirOwnCacheDirectory() {
        assertTrue(CompileOptions.userCacheDirectory().toString().contains("target"), CompileOptions.userCacheDirectory().toString());
    }

    @Test
    void lazyEagerAndCachedRunsGiveTheSameOutputAndStatus() {
        for (String[] program : new String[][] {{"hello"}, {"exit", "exit", "3"}, {"trap", "unreachable"}}) {
            String[] rest = java.util.Arrays.copyOfRange(program, 1, program.length);
            Outcome lazy = run(concat(new String[] {"run", "--no-cache", "--compile=lazy", wasm(program[0])}, rest));
            Outcome eager = run(concat(new String[] {"run", "--no-cache", "--compile=eager", wasm(program[0])}, rest));
            Outcome cachedMiss = run(concat(new String[] {"run", "--compile=eager", wasm(program[0])}, rest));
            Outcome cachedHit = run(concat(new String[] {"run", "--compile=eager", wasm(program[0])}, rest));
            for (Outcome o : new Outcome[] {eager, cachedMiss, cachedHit}) {
                assertEquals(lazy.code(), o.code(), program[0]);
                assertEquals(lazy.out(), o.out(), program[0]);
            }
            assertTrue(lazy.out().length() > 0, program[0]);
        }
    }

    @Test
    void cacheCleanEmptiesTheCache() throws Exception {
        run("run", wasm("hello"));
        PendingWrites.flush(); // what exiting the JVM does after a lazy run
        Outcome info = run("cache", "info");
        assertEquals(ExitCodes.OK, info.code());
        assertTrue(!info.out().contains(": 0 entries"), info.out());
        Outcome clean = run("cache", "clean");
        assertEquals(ExitCodes.OK, clean.code(), clean.err());
        assertTrue(clean.out().startsWith("deleted "), clean.out());
        assertTrue(run("cache", "info").out().contains(": 0 entries"));
        try (var s = Files.list(CompileOptions.userCacheDirectory())) {
            assertEquals(0, s.filter(p -> p.toString().endsWith(".w2jc")).count());
        }
        assertEquals(CompileOptions.userCacheDirectory().toString() + "\n", run("cache", "dir").out());
    }

    @Test
    void badModeAndActionAreUsageErrors() {
        Outcome o = run("run", "--compile=sometimes", wasm("hello"));
        assertEquals(ExitCodes.USAGE, o.code());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("error: "), o.err());
        Outcome c = run("cache", "polish");
        assertEquals(ExitCodes.USAGE, c.code());
        assertEquals("error: unknown cache action 'polish' (clean, dir, info)\n", c.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
