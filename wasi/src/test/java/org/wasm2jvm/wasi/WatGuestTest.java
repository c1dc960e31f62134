package org.wasm2jvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.HostFunction;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.TrapException;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.api.WasmFunction;
import org.wasm2jvm.api.WasmModule;

/** Real guests: WAT modules compiled by wasm2jvm that import wasi_snapshot_preview1. */
class WatGuestTest {
    private static final String IMPORTS = ""
            + "(import \"wasi_snapshot_preview1\" \"fd_read\" (func $fd_read (param i32 i32 i32 i32) (result i32)))\n"
            + "(import \"wasi_snapshot_preview1\" \"fd_write\" (func $fd_write (param i32 i32 i32 i32) (result i32)))\n"
            + "(import \"wasi_snapshot_preview1\" \"proc_exit\" (func $proc_exit (param i32)))\n"
            + "(import \"wasi_snapshot_preview1\" \"args_sizes_get\" (func $args_sizes_get (param i32 i32) (result i32)))\n"
            + "(import \"wasi_snapshot_preview1\" \"args_get\" (func $args_get (param i32 i32) (result i32)))\n"
            + "(import \"wasi_snapshot_preview1\" \"environ_sizes_get\" (func $environ_sizes_get (param i32 i32) (result i32)))\n"
            + "(import \"wasi_snapshot_preview1\" \"environ_get\" (func $environ_get (param i32 i32) (result i32)))\n"
            + "(import \"wasi_snapshot_preview1\" \"path_open\" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))\n";

    private static int run(String body, WasiConfig config) {
        WasmModule module = WasmModule.compile(("(module " + IMPORTS + body + ")").getBytes(StandardCharsets.UTF_8));
        WasiPreview1 wasi = new WasiPreview1(config);
        Instance instance = module.instantiate(wasi.addTo(Imports.empty()));
        return wasi.start(instance);
    }

    @Test
    void helloWorldWithTwoIovecs() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = run("(memory (export \"memory\") 1)\n"
                + "(data (i32.const 100) \"Hello, \")\n"
                + "(data (i32.const 200) \"WASI!\\n\")\n"
                + "(func (export \"_start\")\n"
                + "  (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 7))\n"
                + "  (i32.store (i32.const 8) (i32.const 200)) (i32.store (i32.const 12) (i32.const 6))\n"
                + "  (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 2) (i32.const 16))))",
                WasiConfig.builder().stdout(out).build());
        assertEquals(0, code);
        assertEquals("Hello, WASI!\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stdinEchoAndExitCode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String input = "line one\nline two is longer than sixteen bytes\n";
        int code = run("(memory (export \"memory\") 1)\n"
                + "(func (export \"_start\") (local $n i32)\n"
                + "  (loop $again\n"
                + "    (i32.store (i32.const 0) (i32.const 64)) (i32.store (i32.const 4) (i32.const 16))\n"
                + "    (if (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8))\n"
                + "      (then (call $proc_exit (i32.const 2))))\n"
                + "    (local.set $n (i32.load (i32.const 8)))\n"
                + "    (if (i32.eqz (local.get $n)) (then (call $proc_exit (i32.const 3))))\n"
                + "    (i32.store (i32.const 4) (local.get $n))\n"
                + "    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))\n"
                + "    (br $again)))",
                WasiConfig.builder().stdin(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                        .stdout(out).build());
        assertEquals(3, code, "proc_exit code at end of input");
        assertEquals(input, out.toString(StandardCharsets.UTF_8));
    }

    /** Writes argv's strings to stdout and environ's to stderr, NULs and all. */
    @Test
    void argsAndEnvironment() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run("(memory (export \"memory\") 1)\n"
                + "(func $dump (param $fd i32) (param $count i32) (param $size i32)\n"
                + "  (i32.store (i32.const 0) (i32.const 4096)) (i32.store (i32.const 4) (local.get $size))\n"
                + "  (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))\n"
                + "(func (export \"_start\")\n"
                + "  (if (call $args_sizes_get (i32.const 16) (i32.const 20)) (then unreachable))\n"
                + "  (if (call $args_get (i32.const 1024) (i32.const 4096)) (then unreachable))\n"
                + "  ;; argv[1] must point just past argv[0]'s NUL\n"
                + "  (if (i32.ne (i32.load (i32.const 1028)) (i32.const 4101)) (then unreachable))\n"
                + "  (call $dump (i32.const 1) (i32.load (i32.const 16)) (i32.load (i32.const 20)))\n"
                + "  (if (call $environ_sizes_get (i32.const 16) (i32.const 20)) (then unreachable))\n"
                + "  (if (call $environ_get (i32.const 1024) (i32.const 4096)) (then unreachable))\n"
                + "  (call $dump (i32.const 2) (i32.load (i32.const 16)) (i32.load (i32.const 20))))",
                WasiConfig.builder().args(List.of("prog", "héllo", "")).env("A", "1").env("PATH", "/x:/y")
                        .stdout(out).stderr(err).build());
        assertEquals(0, code);
        assertEquals("prog\0héllo\0\0", out.toString(StandardCharsets.UTF_8));
        assertEquals("A=1\0PATH=/x:/y\0", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void createsAFileInItsPreopen(@TempDir Path dir) throws Exception {
        int code = run("(memory (export \"memory\") 1)\n"
                + "(data (i32.const 100) \"out.txt\")\n"
                + "(data (i32.const 200) \"written by wasm\")\n"
                + "(func (export \"_start\")\n"
                + "  (if (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 7) (i32.const 1)\n"
                + "        (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 16)) (then (call $proc_exit (i32.const 9))))\n"
                + "  (i32.store (i32.const 0) (i32.const 200)) (i32.store (i32.const 4) (i32.const 15))\n"
                + "  (call $proc_exit (call $fd_write (i32.load (i32.const 16)) (i32.const 0) (i32.const 1) (i32.const 8))))",
                WasiConfig.builder().preopen(dir, "/", false).build());
        assertEquals(0, code);
        assertEquals("written by wasm", Files.readString(dir.resolve("out.txt")));
    }

    @Test
    void trapsPropagate() {
        TrapException e = assertThrows(TrapException.class, () -> run("(memory (export \"memory\") 1)\n"
                + "(func (export \"_start\") unreachable)", WasiConfig.builder().build()));
        assertTrue(e.getMessage().startsWith("unreachable"), e.getMessage());
    }

    @Test
    void everyPreview1FunctionIsRegisteredWithItsWitxType() {
        Imports imports = new WasiPreview1(WasiConfig.builder().build()).addTo(Imports.empty());
        assertEquals(46, WasiPreview1.FUNCTIONS.size());
        for (String name : WasiPreview1.FUNCTIONS) {
            Object f = imports.resolve(WasiPreview1.MODULE, name);
            assertTrue(f instanceof HostFunction, name);
        }
        ValType i32 = ValType.I32;
        ValType i64 = ValType.I64;
        assertEquals(FuncType.of(new ValType[] {i32, i32, i32, i32, i32, i64, i64, i32, i32}, i32),
                ((WasmFunction) imports.resolve(WasiPreview1.MODULE, "path_open")).type());
        assertEquals(FuncType.of(new ValType[] {i32}),
                ((WasmFunction) imports.resolve(WasiPreview1.MODULE, "proc_exit")).type());
        assertEquals(FuncType.of(new ValType[] {i32, i64, i32}, i32),
                ((WasmFunction) imports.resolve(WasiPreview1.MODULE, "clock_time_get")).type());
        assertEquals(FuncType.of(new ValType[] {i32, i32, i32, i64, i32}, i32),
                ((WasmFunction) imports.resolve(WasiPreview1.MODULE, "fd_readdir")).type());
        assertEquals(FuncType.of(new ValType[] {i32, i32, i32, i32, i32, i32}, i32),
                ((WasmFunction) imports.resolve(WasiPreview1.MODULE, "sock_recv")).type());
        assertEquals(FuncType.of(new ValType[] {i32, i64, i64, i32}, i32),
                ((WasmFunction) imports.resolve(WasiPreview1.MODULE, "fd_filestat_set_times")).type());
    }
}
