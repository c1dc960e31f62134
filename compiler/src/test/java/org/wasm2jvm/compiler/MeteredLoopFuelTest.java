package org.wasm2jvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.*;

/**
 * Metering of loops paid for ahead (codegen DESIGN.md, Metering): counted loops, which pay for
 * all their iterations before they start and then run without checks, and other small innermost
 * loops, which pay for groups of iterations. The charges, the exact stop when fuel runs out, and
 * interruption are the same as for a loop checked on every iteration.
 */
class MeteredLoopFuelTest {
    private static final String WAT = "(module\n"
            + "  (memory (export \"mem\") 1)\n"
            // a do-while over i = 0 .. n-1 (at least once): stores i at address 0, sums it
            + "  (func (export \"sum\") (param $n i32) (result i32) (local $i i32) (local $s i32)\n"
            + "    (loop $l\n"
            + "      (local.set $s (i32.add (local.get $s) (local.get $i)))\n"
            + "      (i32.store (i32.const 0) (local.get $i))\n"
            + "      (br_if $l (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))\n"
            + "    local.get $s)\n"
            // for ever: a counted inner loop of 1000 iterations
            + "  (func (export \"spin\") (local $i i32)\n"
            + "    (loop $outer\n"
            + "      (local.set $i (i32.const 0))\n"
            + "      (loop $inner\n"
            + "        (br_if $inner (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))\n"
            + "      (br $outer)))\n"
            // a counted loop that runs off the end of memory: stores 4 bytes at p, p+4, ... n times
            + "  (func (export \"fill\") (param $p i32) (param $n i32)\n"
            + "    (loop $l\n"
            + "      (i32.store (local.get $p) (local.get $n))\n"
            + "      (local.set $p (i32.add (local.get $p) (i32.const 4)))\n"
            + "      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))\n"
            // the index of the first i32 equal to x among n at address 0 (or n): a counted loop with an early exit
            + "  (func (export \"find\") (param $x i32) (param $n i32) (result i32) (local $i i32)\n"
            + "    (block $found\n"
            + "      (loop $l\n"
            + "        (br_if $found (i32.eq (i32.load (i32.shl (local.get $i) (i32.const 2))) (local.get $x)))\n"
            + "        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))\n"
            + "    local.get $i)\n"
            // the same with the exit after the update, leaving by return
            + "  (func (export \"findLate\") (param $x i32) (param $n i32) (result i32) (local $i i32)\n"
            + "    (loop $l\n"
            + "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
            + "      (if (i32.eq (i32.load (i32.shl (local.get $i) (i32.const 2))) (local.get $x))\n"
            + "        (then (return (local.get $i))))\n"
            + "      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))\n"
            + "    i32.const -1)\n"
            // quicksort's scan: i++ while mem[i] < x; no counter bound, so paid in groups of iterations
            + "  (func (export \"scan\") (param $x i32) (result i32) (local $i i32)\n"
            + "    (loop $l\n"
            + "      (i32.store (i32.const 60000) (local.get $i))\n"
            + "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
            + "      (br_if $l (i32.lt_s (i32.load (i32.shl (local.get $i) (i32.const 2))) (local.get $x))))\n"
            + "    local.get $i)\n"
            + ")";

    private static final WasmModule METERED = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8),
            CompileOptions.builder().metering(true).build());
    private static final WasmModule PLAIN = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8));

    private static Instance metered(long fuel) {
        return METERED.instantiate(Imports.empty(), InstanceLimits.builder().fuel(fuel).build());
    }

    private static int sumTo(int n) {
        int s = 0;
        for (int i = 0; i < Math.max(n, 1); i++) s += i;
        return s;
    }

    @Test
    void meteredCountedLoopsComputeTheSame() {
        Instance plain = PLAIN.instantiate(Imports.empty());
        Instance unlimited = METERED.instantiate(Imports.empty());
        Instance limited = metered(1L << 40);
        for (int n : new int[] {-5, 0, 1, 2, 3, 17, 999, 1000, 7919, 100_000, 1_000_000}) {
            assertEquals(sumTo(n), (int) plain.function("sum").call(n)[0], "plain " + n);
            assertEquals(sumTo(n), (int) unlimited.function("sum").call(n)[0], "metered " + n);
            assertEquals(sumTo(n), (int) limited.function("sum").call(n)[0], "metered with a budget " + n);
            assertEquals(Math.max(n, 1) - 1, limited.memory("mem").readI32(0));
        }
    }

    @Test
    void everyIterationCostsTheSameWhetherPaidBeforeOrChecked() {
        // 1,000 and 2,000 iterations fit a fuel slice, 3,000 are paid from the reserve,
        // 50,000 are more than one loop may pay at once and are checked per iteration
        long c1 = consumed(1000), c2 = consumed(2000), c3 = consumed(3000), c50 = consumed(50_000);
        long perIteration = (c2 - c1) / 1000;
        assertEquals(c2 - c1, 1000 * perIteration, "a whole number of units per iteration");
        assertEquals(c1 + 2000 * perIteration, c3);
        assertEquals(c1 + 49_000 * perIteration, c50);
        assertEquals(c1 - 999 * perIteration, consumed(1));
    }

    @Test
    void fuelRunsOutAtTheExactIteration() {
        long c1 = consumed(1), perIteration = consumed(2) - c1, entry = c1 - perIteration;
        for (int n : new int[] {10, 3000, 50_000}) {
            // exactly enough: runs to the end, nothing left
            Instance enough = metered(consumed(n));
            assertEquals(sumTo(n), (int) enough.function("sum").call(n)[0]);
            assertEquals(0, enough.fuelLeft());
            // enough for `done` iterations and a bit: stops in the next one, before its store
            for (int done : new int[] {0, 7, n / 2, n - 1}) {
                Instance inst = metered(entry + done * perIteration + perIteration - 1);
                assertThrows(FuelExhaustedException.class, () -> inst.function("sum").call(n));
                int lastStored = inst.memory("mem").readI32(0);
                assertEquals(done - 1, done == 0 ? -1 : lastStored, "n " + n + ", fuel for " + done + " iterations");
                assertEquals(0, inst.fuelLeft());
            }
        }
    }

    @Test
    void aTrapInsideAPaidLoopLeavesMemoryAsTheCheckedLoopWould() {
        // from 64 KiB - 40 up: 10 stores fit, the 11th traps; 100 iterations were paid for
        for (WasmModule m : new WasmModule[] {METERED, PLAIN}) {
            Instance inst = m == METERED ? metered(1L << 40) : m.instantiate(Imports.empty());
            TrapException e = assertThrows(TrapException.class, () -> inst.function("fill").call(65536 - 40, 100));
            assertEquals("out of bounds memory access", e.getMessage());
            assertEquals(100 - 9, inst.memory("mem").readI32(65536 - 4));
        }
    }

    @Test
    void anEarlyExitGivesBackTheIterationsThatDidNotRun() {
        for (String f : new String[] {"find", "findLate"}) {
            int n = 3000; // more than a slice: paid from the reserve
            long notFound = consumedFinding(f, -1, n, 0);
            long[] at = new long[4];
            int[] positions = {1, 2, 1000, 2999};
            for (int k = 0; k < positions.length; k++) at[k] = consumedFinding(f, positions[k], n, positions[k]);
            long perIteration = at[1] - at[0];
            assertEquals(at[0] + 999 * perIteration, at[2], f);
            assertEquals(at[0] + 2998 * perIteration, at[3], f);
            // running to the end costs as much as finding it in the last place (plus the iterations' difference)
            assertEquals(at[3] + (f.equals("find") ? 0 : perIteration), notFound, f);
        }
    }

    /** Fuel used by {@code f(x, n)} where x is stored at index {@code pos} (and nowhere else before it). */
    private static long consumedFinding(String f, int pos, int n, int expected) {
        long budget = 1L << 40;
        Instance inst = metered(budget);
        for (int i = 0; i <= n; i++) inst.memory("mem").writeI32(4 * i, i == pos ? 77 : 5);
        int got = (int) inst.function(f).call(77, n)[0];
        if (pos < 0) {
            assertEquals(f.equals("find") ? n : -1, got, f);
        } else {
            assertEquals(expected, got, f);
        }
        return budget - inst.fuelLeft();
    }

    @Test
    void loopsPaidInGroupsChargeEveryIterationAndStopExactly() {
        long c1 = consumedScanning(1), perIteration = consumedScanning(2) - c1, entry = c1 - perIteration;
        // any number of iterations, whichever copy of the body the loop leaves from
        for (int x : new int[] {3, 4, 5, 6, 7, 8, 9, 100, 1001, 3000, 14_000}) {
            assertEquals(entry + x * perIteration, consumedScanning(x), "x " + x);
        }
        // exactly enough fuel: runs to the end with nothing left (the last group is checked per iteration)
        for (int x : new int[] {1, 5, 9, 2500}) {
            Instance enough = metered(consumedScanning(x));
            fillIndexes(enough);
            assertEquals(x, (int) enough.function("scan").call(x)[0]);
            assertEquals(0, enough.fuelLeft());
        }
        Instance plain = PLAIN.instantiate(Imports.empty());
        fillIndexes(plain);
        assertEquals(5000, (int) plain.function("scan").call(5000)[0]);
        // fuel for `done` iterations and a bit: stops in the next one, before its store
        for (int done : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 2500, 10_001}) {
            Instance inst = metered(entry + done * perIteration + perIteration - 1);
            fillIndexes(inst);
            assertThrows(FuelExhaustedException.class, () -> inst.function("scan").call(14_000));
            int lastStored = inst.memory("mem").readI32(60000);
            assertEquals(done - 1, done == 0 ? -1 : lastStored, "fuel for " + done + " iterations");
            assertEquals(0, inst.fuelLeft());
        }
    }

    /** Index i holds i, so that scan(x) runs x iterations (x >= 1). */
    private static void fillIndexes(Instance inst) {
        for (int i = 0; i < 15_000; i++) inst.memory("mem").writeI32(4 * i, i);
    }

    private static long consumedScanning(int x) {
        long budget = 1L << 40;
        Instance inst = metered(budget);
        fillIndexes(inst);
        assertEquals(x, (int) inst.function("scan").call(x)[0]);
        return budget - inst.fuelLeft();
    }

    @Test
    void everyComparisonAndStepCountsTheSameAsThePlainLoop() {
        String[] cmps = {"ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};
        // powers of two (either sign) have their count worked out in line, others by LoopTrips
        int[] steps = {1, -1, 2, -2, 4, -8, 32, -3, 7};
        StringBuilder wat = new StringBuilder("(module (memory 1)\n");
        for (String c : cmps) {
            for (int step : steps) {
                // k counts iterations; the test is on the updated i
                wat.append("(func (export \"").append(c).append(step).append("\") (param $i i32) (param $b i32) (result i32) (local $k i32)\n")
                        .append("  (loop $l (local.set $k (i32.add (local.get $k) (i32.const 1)))\n")
                        .append("    (br_if $l (i32.").append(c).append(" (local.tee $i (i32.add (local.get $i) (i32.const ")
                        .append(step).append("))) (local.get $b))))\n  local.get $k)\n");
            }
        }
        byte[] bytes = wat.append(")").toString().getBytes(StandardCharsets.UTF_8);
        Instance plain = WasmModule.compile(bytes).instantiate(Imports.empty());
        WasmModule metered = WasmModule.compile(bytes, CompileOptions.builder().metering(true).build());
        int[] edges = {0, 1, -1, 5, -5, 100, Integer.MAX_VALUE, Integer.MAX_VALUE - 3, Integer.MIN_VALUE, Integer.MIN_VALUE + 2};
        int checked = 0;
        for (String c : cmps) {
            for (int step : steps) {
                String f = c + step;
                java.util.List<long[]> runs = new java.util.ArrayList<>(); // {iterations, fuel used}
                for (int start : edges) {
                    for (int d = -40; d <= 40; d++) {
                        int bound = start + d;
                        if (!stopsSoon(c, start, bound, step)) continue;
                        int k = (int) plain.function(f).call(start, bound)[0];
                        long budget = 1L << 40;
                        Instance inst = metered.instantiate(Imports.empty(), InstanceLimits.builder().fuel(budget).build());
                        assertEquals(k, (int) inst.function(f).call(start, bound)[0], f + " from " + start + " to " + bound);
                        runs.add(new long[] {k, budget - inst.fuelLeft()});
                    }
                }
                // fuel used = entry + iterations * per-iteration cost, for every run
                long[] few = runs.stream().min(java.util.Comparator.comparingLong(r -> r[0])).orElseThrow();
                long[] many = runs.stream().max(java.util.Comparator.comparingLong(r -> r[0])).orElseThrow();
                // (a loop moving away from its bound runs once or until it wraps: only the single runs are here)
                long perIteration = many[0] == few[0] ? 0 : (many[1] - few[1]) / (many[0] - few[0]);
                for (long[] r : runs) {
                    assertEquals(few[1] + (r[0] - few[0]) * perIteration, r[1], f + ", " + r[0] + " iterations");
                    checked++;
                }
            }
        }
        assertTrue(checked > 1000, "compared " + checked);

    }

    /** Whether the loop from {@code start} (tests start + step, start + 2*step, ...) stops within 200 iterations. */
    private static boolean stopsSoon(String cmp, int start, int bound, int step) {
        int w = start;
        for (int k = 1; k <= 200; k++) {
            w += step;
            boolean go;
            switch (cmp) {
                case "ne": go = w != bound; break;
                case "lt_s": go = w < bound; break;
                case "lt_u": go = Integer.compareUnsigned(w, bound) < 0; break;
                case "gt_s": go = w > bound; break;
                case "gt_u": go = Integer.compareUnsigned(w, bound) > 0; break;
                case "le_s": go = w <= bound; break;
                case "le_u": go = Integer.compareUnsigned(w, bound) <= 0; break;
                case "ge_s": go = w >= bound; break;
                default: go = Integer.compareUnsigned(w, bound) >= 0; break;
            }
            if (!go) return true;
        }
        return false;
    }

    @Test
    void loopsThatNeverMeetTheirBoundStopWhereFuelRunsOut() {
        // counters stepping by powers of two whose count is worked out in line: i += 2 never
        // equals an odd bound from an even start; unsigned i += 4 from near the top, and signed
        // i -= 8 from near the bottom, wrap before they reach the bound. All run checked (their
        // count is unknown), storing i each iteration.
        String[][] loops = {
            {"ne2", "i32.ne", "2", "0", "7"},
            {"ltu4", "i32.lt_u", "4", "-16", "-1"},
            {"gts8", "i32.gt_s", "-8", "-2147483644", "-2147483648"},
        };
        StringBuilder wat = new StringBuilder("(module (memory (export \"mem\") 1)\n");
        for (String[] l : loops) {
            wat.append("(func (export \"").append(l[0]).append("\") (param $i i32) (param $b i32)\n")
                    .append("  (loop $l (i32.store (i32.const 0) (local.get $i))\n")
                    .append("    (br_if $l (").append(l[1]).append(" (local.tee $i (i32.add (local.get $i) (i32.const ")
                    .append(l[2]).append("))) (local.get $b)))))\n");
        }
        WasmModule module = WasmModule.compile(wat.append(")").toString().getBytes(StandardCharsets.UTF_8),
                CompileOptions.builder().metering(true).build());
        for (String[] l : loops) {
            int step = Integer.parseInt(l[2]), start = Integer.parseInt(l[3]), bound = Integer.parseInt(l[4]);
            // the cost of one iteration and of the entry, from runs of one and two iterations
            long one = used(module, l[0], 1000, 1000 + step), two = used(module, l[0], 1000, 1000 + 2 * step);
            long perIteration = two - one, entry = one - perIteration;
            assertTrue(perIteration > 0, l[0]);
            // (a count taken as known would run the unchecked copy for ever: fail after a while instead)
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (int done : new int[] {1, 5, 3000, 40_000}) {
                    Instance inst = module.instantiate(Imports.empty(),
                            InstanceLimits.builder().fuel(entry + done * perIteration + perIteration - 1).build());
                    assertThrows(FuelExhaustedException.class, () -> inst.function(l[0]).call(start, bound), l[0]);
                    assertEquals(start + (done - 1) * step, inst.memory("mem").readI32(0), l[0] + " after " + done);
                    assertEquals(0, inst.fuelLeft());
                }
            }, l[0]);
        }
    }

    private static long used(WasmModule module, String f, int start, int bound) {
        long budget = 1L << 40;
        Instance inst = module.instantiate(Imports.empty(), InstanceLimits.builder().fuel(budget).build());
        inst.function(f).call(start, bound);
        return budget - inst.fuelLeft();
    }

    @Test
    void aLoopWhoseCountIsUnknownIsStillInterruptible() {
        // i <= MAX always holds: no count; the loop must run checked and notice the interruption
        Instance inst = WasmModule.compile(("(module (func (export \"spin\") (local $i i32)\n"
                + "  (loop $l (br_if $l (i32.le_s (local.tee $i (i32.add (local.get $i) (i32.const 2)))"
                + " (i32.const 2147483647))))))").getBytes(StandardCharsets.UTF_8),
                CompileOptions.builder().metering(true).build()).instantiate(Imports.empty());
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Throwable> result = runInBackground(inst, started);
        try {
            started.await();
            Thread.sleep(50);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        inst.interrupt();
        try {
            assertInstanceOf(InterruptedTrapException.class, result.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("not interrupted", e);
        }
    }

    @Test
    void fuelStopsAnEndlessLoopOfCountedLoops() {
        Instance inst = metered(5_000_000);
        assertThrows(FuelExhaustedException.class, () -> inst.function("spin").call());
        assertEquals(0, inst.fuelLeft());
    }

    @Test
    void interruptAndDeadlineReachAnEndlessLoopOfCountedLoops() throws Exception {
        Instance inst = METERED.instantiate(Imports.empty());
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Throwable> result = runInBackground(inst, started);
        started.await();
        Thread.sleep(50);
        inst.interrupt();
        assertInstanceOf(InterruptedTrapException.class, result.get(10, TimeUnit.SECONDS));

        Instance timed = METERED.instantiate(Imports.empty(),
                InstanceLimits.builder().deadline(Duration.ofMillis(100)).build());
        assertInstanceOf(DeadlineExceededException.class,
                runInBackground(timed, new CountDownLatch(1)).get(10, TimeUnit.SECONDS));
    }

    private static CompletableFuture<Throwable> runInBackground(Instance inst, CountDownLatch started) {
        CompletableFuture<Throwable> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            started.countDown();
            try {
                inst.function("spin").call();
                f.complete(null);
            } catch (Throwable e) {
                f.complete(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static long consumed(int n) {
        long budget = 1L << 40;
        Instance inst = metered(budget);
        assertEquals(sumTo(n), (int) inst.function("sum").call(n)[0]);
        return budget - inst.fuelLeft();
    }
}
