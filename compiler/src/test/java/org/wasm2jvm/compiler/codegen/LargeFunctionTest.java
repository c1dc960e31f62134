package org.wasm2jvm.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.compiler.WasmCompiler;
import org.wasm2jvm.compiler.text.WatParser;

/**
 * JVM limits must not limit Wasm: a function far beyond 64 KB of bytecode, and a module with
 * tens of thousands of functions, compile and compute what a reference model in Java computes.
 */
class LargeFunctionTest {

    /** Mirrors the generated Wasm in Java to get the expected result. */
    private static final class Model {
        int a;
        long b;
    }

    @Test
    void hugeFunctionWithBranchesOutOfEveryRegion() {
        Random rnd = new Random(42);
        StringBuilder wat = new StringBuilder();
        wat.append("(module (memory 1) (func (export \"big\") (param $x i32) (result i32) (local $a i32) (local $b i64) (local $i i32)\n");
        int statements = Integer.getInteger("stmts", 30_000);
        int[] kinds = new int[statements];
        int[] consts = new int[statements];
        for (int s = 0; s < statements; s++) {
            int k = rnd.nextInt(10);
            int c = rnd.nextInt(1000) + 1;
            kinds[s] = k;
            consts[s] = c;
            switch (k) {
                case 0: case 1: case 2:
                    wat.append("local.get $a local.get $x i32.add i32.const ").append(c).append(" i32.xor local.set $a\n");
                    break;
                case 3: case 4:
                    wat.append("local.get $b local.get $a i64.extend_i32_u i64.add i64.const ").append(c)
                            .append(" i64.mul local.set $b\n");
                    break;
                case 5:
                    // store and reload through memory
                    wat.append("i32.const ").append(c * 4).append(" local.get $a i32.store offset=8 i32.const ")
                            .append(c * 4).append(" i32.load offset=8 i32.const 1 i32.add local.set $a\n");
                    break;
                case 6:
                    // a block left early by br_if when a is odd
                    wat.append("(block $out local.get $a i32.const 1 i32.and br_if $out local.get $a i32.const ")
                            .append(c).append(" i32.add local.set $a)\n");
                    break;
                case 7:
                    // a small loop
                    wat.append("i32.const 3 local.set $i (loop $l local.get $a i32.const ").append(c)
                            .append(" i32.add local.set $a local.get $i i32.const 1 i32.sub local.tee $i br_if $l)\n");
                    break;
                case 8:
                    // a value-carrying block
                    wat.append("(block (result i32) local.get $a i32.const ").append(c)
                            .append(" local.get $x i32.const 7 i32.eq br_if 0 drop i32.const 5 i32.add) local.set $a\n");
                    break;
                default:
                    // an early return that only fires for x == -1
                    wat.append("local.get $x i32.const -1 i32.eq (if (then local.get $a i32.const ").append(c)
                            .append(" i32.add return))\n");
                    break;
            }
        }
        wat.append("local.get $a local.get $b i32.wrap_i64 i32.add))");
        byte[] bin = WatParser.parseModule(wat.toString());
        assertTrue(statements < 30_000 || bin.length > 300_000, "body is " + bin.length + " bytes");
        // every generated method stays under HotSpot's 8,000-byte JIT limit
        Map<String, byte[]> classes = new ModuleClassGenerator(WasmCompiler.decode(bin), "big/").generate();
        int methods = 0;
        for (byte[] c : classes.values()) {
            for (Map.Entry<String, Integer> m : MethodSizes.of(c).entrySet()) {
                assertTrue(m.getValue() <= 8000, m.getKey() + " has " + m.getValue() + " bytes of bytecode");
                methods++;
            }
        }
        assertTrue(methods > 10, "the function was split into " + methods + " methods");
        Instance inst = WasmModule.compile(bin).instantiate(Imports.empty());
        for (int x : new int[] {0, 7, 12345, -1}) {
            int expected = run(kinds, consts, x);
            assertEquals(expected, (int) inst.function("big").call(x)[0], "x=" + x);
        }
    }

    private static int run(int[] kinds, int[] consts, int x) {
        Model m = new Model();
        for (int s = 0; s < kinds.length; s++) {
            int c = consts[s];
            switch (kinds[s]) {
                case 0: case 1: case 2: m.a = (m.a + x) ^ c; break;
                case 3: case 4: m.b = (m.b + Integer.toUnsignedLong(m.a)) * c; break;
                case 5: m.a = m.a + 1; break;
                case 6: if ((m.a & 1) == 0) m.a += c; break;
                case 7: m.a += 3 * c; break;
                case 8: m.a = x == 7 ? c : m.a + 5; break;
                default: if (x == -1) return m.a + c; break;
            }
        }
        return m.a + (int) m.b;
    }

    @Test
    void fiftyThousandFunctions() {
        int n = 50_000;
        StringBuilder wat = new StringBuilder("(module\n");
        for (int i = 0; i < n; i++) {
            wat.append("(func $f").append(i).append(" (param i32) (result i32) local.get 0 i32.const ").append(i)
                    .append(" i32.add");
            if (i > 0) wat.append(" call $f").append(i - 1);
            wat.append(")\n");
        }
        wat.append("(func (export \"top\") (param i32) (result i32) local.get 0 call $f").append(n - 1).append("))");
        Instance inst = WasmModule.compile(wat.toString().getBytes(StandardCharsets.UTF_8)).instantiate(Imports.empty());
        // f_i(x) = f_{i-1}(x + i): the sum of 0..n-1 added to x
        long sum = (long) n * (n - 1) / 2;
        assertEquals((int) (5 + sum), (int) inst.function("top").call(5)[0]);
    }
}
