package org.wasm2jvm.wasi.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasm2jvm.cli.Main;
import org.wasm2jvm.compiler.WasmCompiler;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Module;

/**
 * The JVM's limits must not limit AOT jars either: a WASI command with one function of over
 * 300 KB of code, and one with 50,000 functions, compile to jars that run in a child JVM and
 * print what {@code wasm2jvm run} prints for the same module.
 */
class AotLargeModulesTest {
    @TempDir
    Path dir;

    @Test
    void hugeFunctionCompilesToAJarThatRunsLikeRun() throws Exception {
        Path wat = dir.resolve("huge.wat");
        Files.writeString(wat, hugeFunctionModule(33_000));
        Module m = WasmCompiler.decode(Files.readAllBytes(wat));
        int largest = m.codes.stream().mapToInt(FunctionBody::size).max().orElse(0);
        assertTrue(largest > 300_000, "largest function body: " + largest + " bytes");
        assertJarRunsLikeRun(wat);
    }

    @Test
    void fiftyThousandFunctionsCompileToAJarThatRunsLikeRun() throws Exception {
        Path wat = dir.resolve("many.wat");
        Files.writeString(wat, manyFunctionsModule(50_000));
        assertEquals(50_000 + 2, WasmCompiler.decode(Files.readAllBytes(wat)).functions.size()); // and $print, _start
        assertJarRunsLikeRun(wat);
    }

    private void assertJarRunsLikeRun(Path wat) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", wat.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.matches("[0-9a-f]{8}\n"), printed);

        Path jar = dir.resolve("module.jar");
        code = Main.run(new String[] {"compile", wat.toString(), "-o", jar.toString()},
                new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        AotProgramsTest.Outcome viaJar = AotProgramsTest.runProcess(
                List.of(AotProgramsTest.javaExecutable(), "-jar", jar.toString()), new byte[0], dir);
        assertEquals(new AotProgramsTest.Outcome(printed, "", 0), viaJar);
    }

    /** Imports fd_write and defines $print: writes an i32 as 8 hex digits and a newline to stdout. */
    private static final String PRINT_HEX = """
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 60032) "0123456789abcdef")
              (func $print (param $v i32) (local $i i32)
                (loop $digit
                  (i32.store8 offset=60016 (local.get $i)
                    (i32.load8_u offset=60032 (i32.and (i32.shr_u (local.get $v)
                      (i32.sub (i32.const 28) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 15))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $digit (i32.lt_u (local.get $i) (i32.const 8))))
                (i32.store8 (i32.const 60024) (i32.const 10))
                (i32.store (i32.const 60000) (i32.const 60016))
                (i32.store (i32.const 60004) (i32.const 9))
                (drop (call $fd_write (i32.const 1) (i32.const 60000) (i32.const 1) (i32.const 60008))))
            """;

    /** One function of {@code statements} random statements: arithmetic, memory, blocks left by br_if, small loops. */
    private static String hugeFunctionModule(int statements) {
        Random rnd = new Random(7);
        StringBuilder wat = new StringBuilder("(module\n").append(PRINT_HEX);
        wat.append("(func $big (param $x i32) (result i32) (local $a i32) (local $b i64) (local $i i32)\n");
        for (int s = 0; s < statements; s++) {
            int c = rnd.nextInt(1000) + 1;
            switch (rnd.nextInt(6)) {
                case 0, 1 -> wat.append("local.get $a local.get $x i32.add i32.const ").append(c).append(" i32.xor local.set $a\n");
                case 2 -> wat.append("local.get $b local.get $a i64.extend_i32_u i64.add i64.const ").append(c)
                        .append(" i64.mul local.set $b\n");
                case 3 -> wat.append("i32.const ").append(c * 4).append(" local.get $a i32.store offset=8 i32.const ")
                        .append(c * 4).append(" i32.load offset=8 i32.const 1 i32.add local.set $a\n");
                case 4 -> wat.append("(block $out local.get $a i32.const 1 i32.and br_if $out local.get $a i32.const ")
                        .append(c).append(" i32.add local.set $a)\n");
                default -> wat.append("i32.const 0 local.set $i (loop $l local.get $a i32.const 3 i32.mul local.set $a ")
                        .append("local.get $i i32.const 1 i32.add local.tee $i i32.const ").append(c % 5 + 1)
                        .append(" i32.lt_u br_if $l)\n");
            }
        }
        wat.append("local.get $a local.get $b i32.wrap_i64 i32.xor local.get $b i64.const 32 i64.shr_u i32.wrap_i64 i32.add)\n");
        wat.append("(func (export \"_start\") (call $print (call $big (i32.const 12345))))\n)\n");
        return wat.toString();
    }

    /** {@code n} small functions, each called through a table and some directly, summed into a checksum. */
    private static String manyFunctionsModule(int n) {
        StringBuilder wat = new StringBuilder("(module\n").append(PRINT_HEX);
        wat.append("(type $t (func (param i32) (result i32)))\n");
        for (int i = 0; i < n; i++) {
            wat.append("(func $f").append(i).append(" (type $t) local.get 0 i32.const ").append(i * 2654435761L & 0x7fffffff)
                    .append(" i32.xor i32.const 31 i32.mul)\n");
        }
        wat.append("(table ").append(n).append(" funcref)\n(elem (i32.const 0)");
        for (int i = 0; i < n; i++) wat.append(" $f").append(i);
        wat.append(")\n");
        wat.append("(func (export \"_start\") (local $i i32) (local $acc i32)\n")
                .append("  (loop $each\n")
                .append("    (local.set $acc (call_indirect (type $t) (local.get $acc) (local.get $i)))\n")
                .append("    (local.set $i (i32.add (local.get $i) (i32.const 1)))\n")
                .append("    (br_if $each (i32.lt_u (local.get $i) (i32.const ").append(n).append("))))\n")
                .append("  (call $print (call $f").append(n - 1).append(" (call $f0 (local.get $acc)))))\n)\n");
        return wat.toString();
    }
}
