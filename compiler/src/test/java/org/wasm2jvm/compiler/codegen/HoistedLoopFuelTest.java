package org.wasm2jvm.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.FuelExhaustedException;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.InstanceLimits;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.compiler.WasmCompiler;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Opcodes;

/**
 * Outer loops whose header also pays for the first group of their inner loops (DESIGN.md,
 * "Inner loops paid by the outer header"): the fuel charged, and where fuel runs out, are those
 * of the plain model — the function's entry cost once, then each loop's cost at the start of
 * each of its iterations, a trap at the first charge the budget cannot cover — however the inner
 * loops run (skipped, one iteration, more than a group, left by {@code return} or restarted
 * by the outer loop's back edge before the second inner loop) and wherever fuel slices end.
 *
 * <p>The function below is a partition-like loop driven by the data at address 0: every
 * iteration of each loop ("event") counts itself at address 60000 right after its charge, so a
 * trap shows how many events started. The same events are replayed in Java ({@link #events}) to
 * predict the charges from {@link FuelCosts}.
 */
class HoistedLoopFuelTest {
    private static final String WAT = "(module (memory (export \"mem\") 1)\n"
            + "  (func (export \"run\") (result i32) (local $k i32) (local $steps i32)\n"
            + "    (loop $L\n"
            + "      (local.set $steps (i32.add (local.get $steps) (i32.const 1)))\n"
            + "      (i32.store (i32.const 60000) (local.get $steps))\n"
            + "      (block $skip\n"
            // a[k] == 3: skip the first inner loop
            + "        (br_if $skip (i32.eq (i32.load (i32.shl (local.get $k) (i32.const 2))) (i32.const 3)))\n"
            + "        (loop $G1\n"
            + "          (local.set $steps (i32.add (local.get $steps) (i32.const 1)))\n"
            + "          (i32.store (i32.const 60000) (local.get $steps))\n"
            + "          (local.set $k (i32.add (local.get $k) (i32.const 1)))\n"
            + "          (br_if $G1 (i32.eq (i32.load (i32.shl (local.get $k) (i32.const 2))) (i32.const 1)))))\n"
            + "      (local.set $k (i32.add (local.get $k) (i32.const 1)))\n"
            // a[k] == 9: return before the second inner loop; a[k] == 5: next outer iteration at once
            + "      (if (i32.eq (i32.load (i32.shl (local.get $k) (i32.const 2))) (i32.const 9))\n"
            + "        (then (return (local.get $steps))))\n"
            + "      (br_if $L (i32.eq (i32.load (i32.shl (local.get $k) (i32.const 2))) (i32.const 5)))\n"
            + "      (loop $G2\n"
            + "        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))\n"
            + "        (i32.store (i32.const 60000) (local.get $steps))\n"
            + "        (local.set $k (i32.add (local.get $k) (i32.const 1)))\n"
            + "        (br_if $G2 (i32.eq (i32.load (i32.shl (local.get $k) (i32.const 2))) (i32.const 2))))\n"
            // a[k] == 8: done
            + "      (br_if $L (i32.ne (i32.load (i32.shl (local.get $k) (i32.const 2))) (i32.const 8))))\n"
            + "    local.get $steps)\n"
            // fasta's table search: for each p until a[p] == 8, look at a[p..p+5] for a 1 (a counted loop with an exit)
            + "  (func (export \"search\") (result i32) (local $p i32) (local $k i32) (local $steps i32)\n"
            + "    (loop $L\n"
            + "      (local.set $steps (i32.add (local.get $steps) (i32.const 1)))\n"
            + "      (i32.store (i32.const 60000) (local.get $steps))\n"
            + "      (local.set $k (i32.const 0))\n"
            + "      (block $found\n"
            + "        (loop $S\n"
            + "          (local.set $steps (i32.add (local.get $steps) (i32.const 1)))\n"
            + "          (i32.store (i32.const 60000) (local.get $steps))\n"
            + "          (br_if $found (i32.eq (i32.load (i32.shl (i32.add (local.get $p) (local.get $k)) (i32.const 2))) (i32.const 1)))\n"
            + "          (br_if $S (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 6)))))\n"
            + "      (local.set $p (i32.add (local.get $p) (i32.const 1)))\n"
            + "      (br_if $L (i32.ne (i32.load (i32.shl (local.get $p) (i32.const 2))) (i32.const 8))))\n"
            + "    local.get $steps))";

    private static final byte[] BYTES = WAT.getBytes(StandardCharsets.UTF_8);
    private static final WasmModule METERED = WasmModule.compile(BYTES, CompileOptions.builder().metering(true).build());
    private static final int L = 0, G1 = 1, G2 = 2, S = 1;

    /** Per function: the entry cost, then the cost of an iteration of each loop (in order: L, G1, G2 / L, S). */
    private static final long[][] COSTS = {costs(0, 2), costs(1, 3)};

    private static long[] costs(int function, int locals) {
        FunctionBody body = WasmCompiler.decode(BYTES).codes.get(function);
        Instruction[] code = body.code();
        FuelCosts fuel = FuelCosts.of(code);
        List<Integer> loops = new ArrayList<>();
        for (int pc = 0; pc < code.length; pc++) {
            if (code[pc].opcode == Opcodes.LOOP) loops.add(pc);
        }
        // the outer loop pays for its inner loops' first groups: what this test is about
        org.wasm2jvm.api.ValType[] types = new org.wasm2jvm.api.ValType[locals];
        java.util.Arrays.fill(types, org.wasm2jvm.api.ValType.I32);
        Map<Integer, int[]> hoisting = MeteredLoops.hoisting(code, MeteredLoops.find(code, types));
        int[] inner = loops.subList(1, loops.size()).stream().mapToInt(Integer::intValue).toArray();
        assertArrayEquals(inner, hoisting.get(loops.get(0)));
        long[] costs = new long[1 + loops.size()];
        costs[0] = fuel.entry;
        for (int i = 0; i < loops.size(); i++) costs[1 + i] = fuel.loopAt(loops.get(i));
        return costs;
    }

    /** The loop of each event of a run over {@code a}, replaying the function in Java. */
    private static List<Integer> events(int[] a) {
        List<Integer> events = new ArrayList<>();
        int k = 0;
        while (true) {
            events.add(L);
            if (a[k] != 3) {
                do {
                    events.add(G1);
                    k++;
                } while (a[k] == 1);
            }
            k++;
            if (a[k] == 9) return events;
            if (a[k] == 5) continue;
            do {
                events.add(G2);
                k++;
            } while (a[k] == 2);
            if (a[k] == 8) return events;
        }
    }

    /** The loop of each event of {@code search} over {@code a}. */
    private static List<Integer> searchEvents(int[] a) {
        List<Integer> events = new ArrayList<>();
        int p = 0;
        do {
            events.add(L);
            for (int k = 0; k < 6; k++) {
                events.add(S);
                if (a[p + k] == 1) break;
            }
            p++;
        } while (a[p] != 8);
        return events;
    }

    private static List<Integer> events(String function, int[] a) {
        return function.equals("run") ? events(a) : searchEvents(a);
    }

    /** Random data that drives every path, ending with an 8. */
    private static int[] data(Random r, int n, boolean endByReturn) {
        int[] a = new int[n + 64];
        int[] values = {0, 1, 1, 1, 2, 2, 2, 3, 5, 6};
        for (int i = 0; i < n; i++) a[i] = values[r.nextInt(values.length)];
        // runs longer than a group of 4 in both inner loops
        for (int i = 10; i + 12 < n; i += 97) {
            for (int j = 0; j < 6 + r.nextInt(6); j++) a[i + j] = r.nextBoolean() ? 1 : 2;
        }
        for (int i = n; i < a.length; i++) a[i] = endByReturn ? 9 : 8;
        return a;
    }

    private static Instance instance(int[] a, long budget) {
        Instance inst = METERED.instantiate(Imports.empty(), InstanceLimits.builder().fuel(budget).build());
        for (int i = 0; i < a.length; i++) inst.memory("mem").writeI32(4 * i, a[i]);
        return inst;
    }

    private static final String[] FUNCTIONS = {"run", "search"};

    @Test
    void chargesAreThoseOfTheModelOnEveryPath() {
        Random r = new Random(42);
        for (int f = 0; f < FUNCTIONS.length; f++) {
            String function = FUNCTIONS[f];
            for (int run = 0; run < 60; run++) {
                int[] a = data(r, run < 30 ? 5 + run : 2000, f == 0 && run % 2 == 0);
                List<Integer> events = events(function, a);
                long expected = COSTS[f][0];
                for (int e : events) expected += COSTS[f][1 + e];
                long budget = 1L << 40;
                Instance inst = instance(a, budget);
                assertEquals(events.size(), (int) inst.function(function).call()[0], function + " run " + run);
                assertEquals(expected, budget - inst.fuelLeft(), function + " run " + run + ", " + events.size() + " events");
            }
        }
    }

    @Test
    void fuelRunsOutAtTheFirstChargeTheBudgetCannotCover() {
        Random r = new Random(7);
        for (int f = 0; f < FUNCTIONS.length; f++) {
            String function = FUNCTIONS[f];
            long[] costs = COSTS[f];
            int checked = 0;
            for (int run = 0; run < 6; run++) {
                // 1,500 entries: about 30,000 units, so budgets also end in the middle of later fuel slices
                int[] a = data(r, 1500, f == 0 && run % 2 == 1);
                List<Integer> events = events(function, a);
                long[] before = new long[events.size() + 1]; // before[m]: charged before event m's charge
                before[0] = costs[0];
                for (int m = 0; m < events.size(); m++) before[m + 1] = before[m] + costs[1 + events.get(m)];
                long total = before[events.size()];
                // exactly enough: runs to the end with nothing left
                Instance enough = instance(a, total);
                assertEquals(events.size(), (int) enough.function(function).call()[0]);
                assertEquals(0, enough.fuelLeft());
                // one unit short of each event's charge (all the early ones, then a sample): stops right before it
                for (int m = 0; m < events.size(); m += m < 300 ? 1 : 1 + r.nextInt(40)) {
                    long budget = before[m + 1] - 1;
                    Instance inst = instance(a, budget);
                    assertThrows(FuelExhaustedException.class, () -> inst.function(function).call());
                    assertEquals(m, inst.memory("mem").readI32(60000), function + " run " + run + ", budget for " + m + " events");
                    assertEquals(0, inst.fuelLeft());
                    checked++;
                }
                // not even the entry
                Instance none = instance(a, costs[0] - 1);
                assertThrows(FuelExhaustedException.class, () -> none.function(function).call());
                assertEquals(0, none.memory("mem").readI32(60000));
            }
            assertTrue(checked > 1500, function + ": budgets checked: " + checked);
        }
    }
}
