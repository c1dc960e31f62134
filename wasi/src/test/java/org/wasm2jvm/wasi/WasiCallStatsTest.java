package org.wasm2jvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.WasmModule;

/** {@link WasiCallStats}: guests whose WASI calls are known from their source. */
class WasiCallStatsTest {
    private static WasiCallStats.Entry entry(WasiCallStats stats, String function) {
        return stats.entries().stream().filter(e -> e.function().equals(function)).findFirst().orElse(null);
    }

    private static int run(byte[] module, WasiConfig config) {
        WasiPreview1 wasi = new WasiPreview1(config);
        Instance instance = WasmModule.compile(module).instantiate(wasi.addTo(Imports.empty()));
        return wasi.start(instance);
    }

    /**
     * Writes "hi!\n" to a closed fd (EBADF: a call, no bytes), then echoes stdin in reads of at
     * most 16 bytes until end of file, then calls proc_exit(5).
     */
    private static final String ECHO = """
            (module
              (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
              (memory (export "memory") 1)
              (data (i32.const 32) "hi!\\n")
              (func (export "_start") (local $n i32)
                (i32.store (i32.const 0) (i32.const 32)) (i32.store (i32.const 4) (i32.const 4))
                (drop (call $fd_write (i32.const 9) (i32.const 0) (i32.const 1) (i32.const 8)))
                (loop $again
                  (i32.store (i32.const 0) (i32.const 64)) (i32.store (i32.const 4) (i32.const 16))
                  (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
                  (local.set $n (i32.load (i32.const 8)))
                  (if (local.get $n) (then
                    (i32.store (i32.const 4) (local.get $n))
                    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                    (br $again))))
                (call $proc_exit (i32.const 5))))
            """;

    @Test
    void countsCallsAndBytesOfAnEchoGuest() {
        String input = "0123456789abcdef0123456789abcdef0123456789abcdefX"; // 49 bytes: reads of 16, 16, 16, 1, 0
        WasiCallStats stats = new WasiCallStats();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = run(ECHO.getBytes(StandardCharsets.UTF_8), WasiConfig.builder().callStats(stats)
                .stdin(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))).stdout(out).build());
        assertEquals(5, code);
        assertEquals(input, out.toString(StandardCharsets.UTF_8));
        WasiCallStats.Entry read = entry(stats, "fd_read");
        assertEquals(5, read.calls());
        assertEquals(49, read.bytesRead());
        assertEquals(0, read.bytesWritten());
        WasiCallStats.Entry write = entry(stats, "fd_write");
        assertEquals(5, write.calls(), "four echoes and the failed write to fd 9");
        assertEquals(49, write.bytesWritten(), "the failed write moves no bytes");
        assertEquals(1, entry(stats, "proc_exit").calls(), "proc_exit unwinds, and is still counted");
        assertEquals(List.of("fd_read", "fd_write", "proc_exit"), stats.entries().stream()
                .map(WasiCallStats.Entry::function).sorted().toList(), "only functions called are listed");
        assertEquals(11, stats.totalCalls());
        assertTrue(read.nanos() > 0 && write.nanos() > 0);
    }

    @Test
    void countsTheCallsOfTheStdinEchoCProgram() throws IOException {
        // testdata/c/stdin_echo.c: read(0, buf, 7) until it returns 0, write(1, ...) each chunk,
        // then fprintf(stderr, "%ld bytes\n", total).
        byte[] wasm = Files.readAllBytes(Path.of("..", "testdata", "wasm", "stdin_echo.wasm"));
        String input = "thirty bytes of input, exactly"; // 30 bytes: reads of 7, 7, 7, 7, 2, 0
        WasiCallStats stats = new WasiCallStats();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(wasm, WasiConfig.builder().callStats(stats).stdout(new ByteArrayOutputStream()).stderr(err)
                .stdin(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))).build());
        assertEquals(0, code);
        assertEquals("30 bytes\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(6, entry(stats, "fd_read").calls());
        assertEquals(30, entry(stats, "fd_read").bytesRead());
        assertEquals(30 + "30 bytes\n".length(), entry(stats, "fd_write").bytesWritten(), "stdout echo and stderr line");
        assertTrue(entry(stats, "fd_write").calls() >= 6, "one write per chunk, then stderr");
    }
}
