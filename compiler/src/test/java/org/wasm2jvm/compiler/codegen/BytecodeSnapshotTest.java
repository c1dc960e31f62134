package org.wasm2jvm.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.TraceClassVisitor;
import org.wasm2jvm.compiler.WasmCompiler;
import org.wasm2jvm.compiler.validate.ModuleValidator;
import org.wasm2jvm.model.Module;

/**
 * The bytecode generated for a few typical functions, compared with a checked-in snapshot so
 * that every change to generated code is seen in review. After an intended change, regenerate
 * with {@code -Dwasm2jvm.updateSnapshots=true} and review the diff.
 */
class BytecodeSnapshotTest {
    private static final String WAT = "(module\n"
            + "  (memory 1)\n"
            + "  (global $g (mut i32) (i32.const 0))\n"
            + "  (func $sum (export \"sum\") (param $p i32) (param $n i32) (result i32) (local $s i32)\n"
            + "    (block $done\n"
            + "      (loop $next\n"
            + "        (br_if $done (i32.eqz (local.get $n)))\n"
            + "        (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $p))))\n"
            + "        (local.set $p (i32.add (local.get $p) (i32.const 4)))\n"
            + "        (local.set $n (i32.sub (local.get $n) (i32.const 1)))\n"
            + "        (br $next)))\n"
            + "    (local.get $s))\n"
            + "  (func $max (param $a i64) (param $b i64) (result i64)\n"
            + "    (if (result i64) (i64.lt_u (local.get $a) (local.get $b))\n"
            + "      (then (local.get $b)) (else (local.get $a))))\n"
            + "  (func $switch (param $x i32) (result i32)\n"
            + "    (block $c (block $b (block $a (br_table $a $b $c (local.get $x)))\n"
            + "      (return (i32.const 10))) (return (i32.const 20))) (global.set $g (local.get $x)) (i32.const 30))\n"
            + "  (func $carry (param $x i32) (result i32)\n"
            + "    (i32.add (i32.const 1) (block (result i32) (i32.const 2) (i32.const 3) (br_if 0 (local.get $x)) (drop))))\n"
            + "  (func $pair (param $x i32) (result i32 i64) (local.get $x) (i64.extend_i32_u (local.get $x)))\n"
            + "  (func $usePair (result i64) (local $b i64)\n"
            + "    (call $pair (i32.const 3)) (local.set $b) (i64.extend_i32_s) (local.get $b) (i64.add)))";

    /**
     * Metered code: function entry, a loop checked per iteration, a counted loop paid before it
     * starts, a call, an outer loop whose header pays for its inner loops' first groups, and a
     * counted outer loop paid ahead in chunks.
     */
    private static final String METERED_WAT = "(module (memory 1)\n"
            + "  (func $count (param $n i32) (result i32) (local $i i32)\n"
            + "    (block $done (loop $l\n"
            + "      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))\n"
            + "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
            + "      (br $l)))\n"
            + "    local.get $i)\n"
            + "  (func $counted (param $n i32) (result i32) (local $i i32) (local $s i32)\n"
            + "    (loop $l\n"
            + "      (local.set $s (i32.add (local.get $s) (local.get $i)))\n"
            + "      (br_if $l (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))\n"
            + "    (i32.add (local.get $s) (call $count (local.get $n))))\n"
            // quicksort's partition: two scans paid for by the outer header
            + "  (func $partition (param $i i32) (param $j i32) (param $x i32) (result i32)\n"
            + "    (loop $outer\n"
            + "      (loop $up\n"
            + "        (local.set $i (i32.add (local.get $i) (i32.const 4)))\n"
            + "        (br_if $up (i32.lt_s (i32.load (local.get $i)) (local.get $x))))\n"
            + "      (loop $down\n"
            + "        (local.set $j (i32.sub (local.get $j) (i32.const 4)))\n"
            + "        (br_if $down (i32.gt_s (i32.load (local.get $j)) (local.get $x))))\n"
            + "      (br_if $outer (i32.lt_s (local.get $i) (local.get $j))))\n"
            + "    local.get $i)\n"
            // fasta's characters: a counted loop paid ahead in chunks, also paying for the table search's first group
            + "  (func $chars (param $n i32) (param $x i32) (result i32) (local $i i32) (local $k i32) (local $s i32)\n"
            + "    (loop $chars\n"
            + "      (local.set $k (i32.const 0))\n"
            + "      (block $found\n"
            + "        (loop $scan\n"
            + "          (br_if $found (i32.ge_s (i32.load (i32.shl (local.get $k) (i32.const 2))) (local.get $x)))\n"
            + "          (br_if $scan (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 15)))))\n"
            + "      (local.set $s (i32.add (local.get $s) (local.get $k)))\n"
            + "      (br_if $chars (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))\n"
            + "    local.get $s))";

    @Test
    void generatedCodeMatchesSnapshot() throws IOException {
        compareWithSnapshot(WAT, false, "functions.txt");
    }

    @Test
    void meteredCodeMatchesSnapshot() throws IOException {
        compareWithSnapshot(METERED_WAT, true, "functions-metered.txt");
    }

    private static void compareWithSnapshot(String wat, boolean metering, String file) throws IOException {
        Module module = WasmCompiler.decode(wat.getBytes(StandardCharsets.UTF_8));
        ModuleValidator.validate(module); // generated code is only defined for valid modules
        Map<String, byte[]> classes = new ModuleClassGenerator(module, "snapshot/", metering, false).generate();
        StringWriter out = new StringWriter();
        new ClassReader(classes.get("snapshot/Functions0")).accept(
                new TraceClassVisitor(new PrintWriter(out)), ClassReader.SKIP_FRAMES);
        String actual = out.toString();
        Path snapshot = Path.of("src/test/resources/snapshots/" + file);
        if (Boolean.getBoolean("wasm2jvm.updateSnapshots")) {
            Files.createDirectories(snapshot.getParent());
            Files.writeString(snapshot, actual);
        }
        assertEquals(Files.readString(snapshot), actual,
                "generated bytecode changed; review and regenerate with -Dwasm2jvm.updateSnapshots=true");
    }
}
