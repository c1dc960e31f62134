package org.wasm2jvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.*;

/**
 * Fuel across calls: the running count is {@code inst.fuel}, charged at each function entry and
 * loop header (codegen DESIGN.md, Metering). Recursion, loops around calls and calls of such
 * loops: every call is charged once, the budget runs out at the exact call, and the count is
 * exact after a trap as after a return.
 */
class CallFuelTest {
    private static final String WAT = "(module\n"
            // recursion
            + "  (func $fib (export \"fib\") (param $n i32) (result i32)\n"
            + "    (if (result i32) (i32.lt_s (local.get $n) (i32.const 2))\n"
            + "      (then (local.get $n))\n"
            + "      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))\n"
            + "                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))\n"
            // a loop around calls (checked per iteration: a loop with a call is not paid ahead)
            + "  (func $sum (export \"sumFib\") (param $n i32) (result i32) (local $i i32) (local $s i32)\n"
            + "    (loop $l\n"
            + "      (local.set $s (i32.add (local.get $s) (call $fib (local.get $i))))\n"
            + "      (br_if $l (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))\n"
            + "    (local.get $s))\n"
            // calling the one with a loop twice
            + "  (func (export \"twice\") (param $n i32) (result i32)\n"
            + "    (i32.add (call $sum (local.get $n)) (call $sum (local.get $n))))\n"
            // the same calls, the last of which traps or returns as $n says (the two callees have
            // the same instructions, so the same cost)
            + "  (func $trapIf (param $t i32) (if (local.get $t) (then unreachable)))\n"
            + "  (func $returnIf (param $t i32) (if (local.get $t) (then nop)))\n"
            + "  (func (export \"thenTrap\") (param $n i32) (result i32)\n"
            + "    (drop (call $sum (local.get $n))) (call $trapIf (i32.const 1)) (i32.const 0))\n"
            + "  (func (export \"thenReturn\") (param $n i32) (result i32)\n"
            + "    (drop (call $sum (local.get $n))) (call $returnIf (i32.const 1)) (i32.const 0)))";

    private static final WasmModule METERED = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8),
            CompileOptions.builder().metering(true).build());
    private static final Instance PLAIN = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8))
            .instantiate(Imports.empty());

    /** Calls of fib that fib(n) makes, itself included. */
    private static long fibCalls(int n) {
        return n < 2 ? 1 : 1 + fibCalls(n - 1) + fibCalls(n - 2);
    }

    private static long used(String f, int n) {
        long budget = 1L << 40;
        Instance inst = METERED.instantiate(Imports.empty(), InstanceLimits.builder().fuel(budget).build());
        assertEquals(PLAIN.function(f).call(n)[0], inst.function(f).call(n)[0], f + "(" + n + ")");
        return budget - inst.fuelLeft();
    }

    @Test
    void everyCallOfALoopFreeFunctionIsChargedOnce() {
        long perCall = used("fib", 0);
        assertTrue(perCall > 0);
        for (int n = 0; n <= 16; n++) {
            assertEquals(fibCalls(n) * perCall, used("fib", n), "fib(" + n + ")");
        }
    }

    @Test
    void callsFromAndToLoopsAreChargedOnce() {
        long perFib = used("fib", 0);
        // sumFib(n) = its entry, n iterations, and the fib calls of fib(0) .. fib(n-1)
        long base = used("sumFib", 1) - perFib;
        long perIteration = used("sumFib", 2) - used("sumFib", 1) - fibCalls(1) * perFib;
        assertTrue(perIteration > 0);
        for (int n = 1; n <= 14; n++) {
            long calls = 0;
            for (int i = 0; i < n; i++) calls += fibCalls(i);
            assertEquals(base + (n - 1) * perIteration + calls * perFib, used("sumFib", n), "sumFib(" + n + ")");
        }
        long twiceEntry = used("twice", 5) - 2 * used("sumFib", 5);
        assertTrue(twiceEntry > 0);
        for (int n = 1; n <= 12; n++) {
            assertEquals(twiceEntry + 2 * used("sumFib", n), used("twice", n), "twice(" + n + ")");
        }
    }

    @Test
    void theBudgetRunsOutAtTheExactCall() {
        String[] fs = {"fib", "sumFib", "twice"};
        int[] ns = {14, 13, 12}; // each needs more than one slice of fuel (InstanceBase.SLICE)
        for (int k = 0; k < fs.length; k++) {
            String f = fs[k];
            int n = ns[k];
            long need = used(f, n);
            assertTrue(need > 10_000, f + " needs " + need);
            Instance enough = METERED.instantiate(Imports.empty(), InstanceLimits.builder().fuel(need).build());
            assertEquals(PLAIN.function(f).call(n)[0], enough.function(f).call(n)[0]);
            assertEquals(0, enough.fuelLeft(), f);
            // every smaller budget (across refills of the running slice too) ends in the trap
            for (long budget = need - 1; budget >= 0; budget -= Math.max(1, budget / 50)) {
                Instance shortOf = METERED.instantiate(Imports.empty(), InstanceLimits.builder().fuel(budget).build());
                assertThrows(FuelExhaustedException.class, () -> shortOf.function(f).call(n), f + " with " + budget);
                assertEquals(0, shortOf.fuelLeft(), f + " with " + budget);
            }
        }
    }

    @Test
    void theCountIsExactAfterATrap() {
        long budget = 1L << 40;
        for (int k = 1; k <= 12; k++) {
            int n = k;
            Instance returns = METERED.instantiate(Imports.empty(), InstanceLimits.builder().fuel(budget).build());
            assertEquals(0, returns.function("thenReturn").call(n)[0]);
            Instance traps = METERED.instantiate(Imports.empty(), InstanceLimits.builder().fuel(budget).build());
            TrapException t = assertThrows(TrapException.class, () -> traps.function("thenTrap").call(n));
            assertEquals("unreachable", t.getMessage());
            assertTrue(budget - returns.fuelLeft() > used("sumFib", n), "n = " + n);
            assertEquals(returns.fuelLeft(), traps.fuelLeft(), "n = " + n);
        }
    }
}
