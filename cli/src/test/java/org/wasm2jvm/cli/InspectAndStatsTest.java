package org.wasm2jvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasm2jvm.cli.MiniJson.at;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect} and {@code run --stats}, called in-process as a user would. */
class InspectAndStatsTest {
    private static final Path HELLO = Path.of("..", "testdata", "wasm", "hello.wasm");

    @TempDir
    Path tmp;

    private static Outcome run(String... args) {
        return Outcome.run(args);
    }

    @Test
    void inspectPrintsSummaryProducersAndMemoryMap() {
        Outcome o = run("inspect", HELLO.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals("", o.err());
        String t = o.out();
        assertTrue(t.startsWith("hello.wasm: binary module, 19,563 bytes\n"), t);
        assertTrue(t.contains("produced by: language C99; processed-by Debian clang 14.0.6\n"), t);
        assertTrue(t.contains("  custom \"producers\""), t);
        assertTrue(t.contains("  func   wasi_snapshot_preview1.fd_write (func (param i32 i32 i32 i32) (result i32))\n"), t);
        assertTrue(t.contains("  func   \"_start\" = func[51] _start.command_export (func)\n"), t);
        assertTrue(t.contains("linear memory 0: 2 pages (128 KiB) initial, no maximum\n"), t);
        int map = t.indexOf("memory map, from address 0 up");
        assertTrue(map > 0, t);
        assertTrue(t.indexOf(" unused", map) < t.indexOf(" data[0] .rodata", map)
                && t.indexOf(" data[1] .data", map) < t.indexOf(" stack, grows down", map)
                && t.indexOf(" stack, grows down", map) < t.indexOf(" heap", map), t);
    }

    @Test
    void inspectJsonParsesBackWithTheSameFacts() {
        Outcome o = run("inspect", "--json", HELLO.toString());
        assertEquals(0, o.code(), o.err());
        Object doc = MiniJson.parse(o.out());
        assertEquals("binary", at(doc, "format"));
        assertEquals(47L, at(doc, "counts", "functions"));
        assertEquals("printf_core", at(doc, "code", "largestFunctions", 0, "name"));
        assertEquals("fd_write", at(doc, "imports", 3, "name"));
        assertEquals(List.of(Map.of("name", "Debian clang", "version", "14.0.6")), at(doc, "producers", "processed-by"));
        assertEquals(null, at(doc, "start"));
        assertEquals(70368L, at(doc, "memory", "globals", 0, "value"));
        List<?> regions = (List<?>) at(doc, "memory", "map");
        assertEquals(List.of("unused", "data", "data", "bss", "stack", "heap"),
                regions.stream().map(r -> ((Map<?, ?>) r).get("kind")).toList());
        assertEquals(131072L, at(doc, "memory", "map", regions.size() - 1, "end"));
    }

    @Test
    void inspectReadsWatAndReportsMalformedInputOnOneLine() throws IOException {
        Path wat = tmp.resolve("m.wat");
        Files.writeString(wat, "(module (memory 1 2) (data (i32.const 8) \"abc\") (func $f (export \"f\")) (start $f))");
        Outcome o = run("inspect", wat.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("m.wat: text module, "), o.out());
        assertTrue(o.out().contains("start function: func[0]\n"), o.out());
        assertTrue(o.out().contains("  0x00000008-0x0000000b            3  data[0]\n"), o.out());

        Path bad = tmp.resolve("bad.wasm");
        Files.write(bad, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1});
        Outcome e = run("inspect", bad.toString());
        assertEquals(ExitCodes.ERROR, e.code());
        assertTrue(e.err().startsWith("error: " + bad + ": malformed module: "), e.err());
        assertEquals(1, e.err().lines().count(), e.err());
    }

    /**
     * Grows memory by 1 and 2 pages, then asks for 10 more than its maximum of 5 allows (fails),
     * and writes "ab\n" three times with one fd_write each.
     */
    private static final String GUEST = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1 5)
              (data (i32.const 32) "ab\\n")
              (func (export "_start") (local $i i32)
                (drop (memory.grow (i32.const 1)))
                (drop (memory.grow (i32.const 2)))
                (drop (memory.grow (i32.const 10)))
                (i32.store (i32.const 0) (i32.const 32)) (i32.store (i32.const 4) (i32.const 3))
                (loop $again
                  (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $again (i32.lt_u (local.get $i) (i32.const 3))))))
            """;

    @Test
    void statsJsonCountsTheGuestsWasiCallsAndMemoryGrows() throws IOException {
        Path wat = tmp.resolve("guest.wat");
        Files.writeString(wat, GUEST);
        Outcome o = run("run", "--stats=json", wat.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals("ab\nab\nab\n", o.out());
        Object doc = MiniJson.parse(o.err());
        assertEquals(4L, at(doc, "memory", "peakPages"));
        assertEquals(3L, at(doc, "memory", "growCalls"));
        assertEquals(1L, at(doc, "functions", "defined"));
        assertEquals(3L, at(doc, "wasi", "totalCalls"));
        assertEquals("fd_write", at(doc, "wasi", "functions", 0, "function"));
        assertEquals(3L, at(doc, "wasi", "functions", 0, "calls"));
        assertEquals(9L, at(doc, "wasi", "functions", 0, "bytesWritten"));
        for (String phase : List.of("parse", "validate", "compile", "wasiSetup", "instantiate", "run")) {
            assertTrue((Long) at(doc, "phases", phase + "Nanos") > 0, phase);
        }
    }

    @Test
    void statsTextAfterACProgramShowsTheBytesItWrote() throws IOException {
        Outcome o = run("run", "--stats", HELLO.toString());
        assertEquals(0, o.code(), o.err());
        String expected = Files.readString(Path.of("..", "testdata", "expected", "hello.stdout"));
        assertEquals(expected, o.out());
        String bytes = String.format(java.util.Locale.ROOT, "%,d", expected.getBytes(StandardCharsets.UTF_8).length);
        String fdWrite = o.err().lines().filter(l -> l.startsWith("  fd_write ")).findFirst().orElseThrow();
        assertTrue(fdWrite.contains(" " + bytes + " "), fdWrite); // bytes written == the program's stdout
        assertTrue(o.err().contains("  compile "), o.err());
        assertTrue(o.err().contains("(47 of 47 functions compiled)"), o.err());
        assertTrue(o.err().contains("memory: peak 2 pages (131,072 bytes), 0 memory.grow calls"), o.err());
    }

    @Test
    void bareStatsDoesNotTakeTheModuleAsItsValue() throws IOException {
        Path wat = tmp.resolve("add.wat");
        Files.writeString(wat, "(module (func (export \"add\") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))");
        Outcome o = run("run", "--stats", "--invoke", "add", wat.toString(), "2", "3");
        assertEquals(0, o.code(), o.err());
        assertEquals("5\n", o.out());
        assertTrue(o.err().contains("WASI calls: 0"), o.err());
        Outcome bad = run("run", "--stats=xml", wat.toString());
        assertEquals(ExitCodes.USAGE, bad.code());
        assertEquals("error: --stats takes text or json, got xml\n", bad.err());
    }
}
