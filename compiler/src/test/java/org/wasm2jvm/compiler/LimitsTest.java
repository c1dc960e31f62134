package org.wasm2jvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.*;

/** Fuel, deadline, interruption and resource caps (InstanceLimits) on metered and plain modules. */
class LimitsTest {
    private static final String WAT = "(module\n"
            + "  (memory (export \"mem\") 1 100)\n"
            + "  (table 1 100 funcref)\n"
            + "  (func (export \"spin\") (loop $l (br $l)))\n"
            + "  (func $rec (export \"recurse\") (param i32) (result i32)\n"
            + "    local.get 0 i32.const 1 i32.add call $rec)\n"
            + "  (func (export \"count\") (param $n i32) (result i32) (local $i i32)\n"
            + "    (block $done (loop $l\n"
            + "      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))\n"
            + "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
            + "      (br $l)))\n"
            + "    local.get $i)\n"
            + "  (func $depth (export \"depth\") (param i32) (result i32)\n"
            + "    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))\n"
            + "      (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get 0) (i32.const 1)))))))\n"
            + "  (func (export \"grow\") (param i32) (result i32) local.get 0 memory.grow)\n"
            + "  (func (export \"tgrow\") (param i32) (result i32) ref.null func local.get 0 table.grow 0))";

    private static final WasmModule METERED = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8),
            CompileOptions.builder().metering(true).build());
    private static final WasmModule PLAIN = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8));
    private static final WasmModule DEPTH_LIMITED = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8),
            CompileOptions.builder().callDepthLimit(true).build());

    private static Instance metered(InstanceLimits limits) {
        return METERED.instantiate(Imports.empty(), limits);
    }

    @Test
    void fuelStopsAnInfiniteLoop() {
        Instance inst = metered(InstanceLimits.builder().fuel(1_000_000).build());
        FuelExhaustedException e = assertThrows(FuelExhaustedException.class, () -> inst.function("spin").call());
        assertEquals("fuel exhausted", e.getMessage());
        assertEquals(0, inst.fuelLeft());
        // the budget is spent for good
        assertThrows(FuelExhaustedException.class, () -> inst.function("count").call(1));
    }

    @Test
    void fuelStopsInfiniteRecursion() {
        Instance inst = metered(InstanceLimits.builder().fuel(20_000).build());
        assertThrows(FuelExhaustedException.class, () -> inst.function("recurse").call(0));
    }

    @Test
    void fuelIsChargedPerIterationAndExactlyEnforced() {
        long c1 = consumed(1000), c2 = consumed(2000), c3 = consumed(3000);
        assertEquals(c2 - c1, c3 - c2, "each iteration costs the same");
        assertTrue(c2 - c1 >= 1000, "at least one unit per iteration: " + (c2 - c1));
        Instance enough = metered(InstanceLimits.builder().fuel(c1).build());
        assertEquals(1000, (int) enough.function("count").call(1000)[0]);
        assertEquals(0, enough.fuelLeft());
        Instance oneShort = metered(InstanceLimits.builder().fuel(c1 - 1).build());
        assertThrows(FuelExhaustedException.class, () -> oneShort.function("count").call(1000));
    }

    private static long consumed(int n) {
        long budget = 1L << 40;
        Instance inst = metered(InstanceLimits.builder().fuel(budget).build());
        assertEquals(n, (int) inst.function("count").call(n)[0]);
        return budget - inst.fuelLeft();
    }

    @Test
    void deadlineStopsAnInfiniteLoop() {
        long start = System.nanoTime();
        Instance inst = metered(InstanceLimits.builder().deadline(Duration.ofMillis(200)).build());
        DeadlineExceededException e = assertThrowsWithin(DeadlineExceededException.class, inst, 10);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 200, "stopped after " + ms + " ms");
        assertTrue(e.getMessage().startsWith("deadline exceeded"), e.getMessage());
    }

    @Test
    void interruptFromAnotherThread() throws Exception {
        Instance inst = metered(InstanceLimits.none());
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Throwable> result = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try {
                inst.function("spin").call();
                return null;
            } catch (Throwable t) {
                return t;
            }
        }, daemonExecutor());
        started.await();
        Thread.sleep(50);
        inst.interrupt();
        Throwable t = result.get(10, TimeUnit.SECONDS);
        assertInstanceOf(InterruptedTrapException.class, t);
        assertEquals("interrupted", t.getMessage());
        // the trap consumed the request: the instance runs again
        assertEquals(10, (int) inst.function("count").call(10)[0]);
    }

    @Test
    void callDepthCap() {
        Instance inst = DEPTH_LIMITED.instantiate(Imports.empty(), InstanceLimits.builder().maxCallDepth(100).build());
        assertEquals(99, (int) inst.function("depth").call(99)[0]);
        TrapException e = assertThrows(TrapException.class, () -> inst.function("depth").call(100));
        assertEquals("call stack exhausted", e.getMessage());
        // a trap gives back the depth it used: the full depth is available again
        assertEquals(99, (int) inst.function("depth").call(99)[0]);
        assertThrows(TrapException.class, () -> inst.function("recurse").call(0));
        assertEquals(99, (int) inst.function("depth").call(99)[0]);
    }

    @Test
    void callDepthIsPutBackWhereJavaEnteredTheGuest() {
        WasmModule m = WasmModule.compile(("(module\n"
                + "  (import \"env\" \"cb\" (func $cb (param i32) (result i32)))\n"
                + "  (func $depth (export \"depth\") (param i32) (result i32)\n"
                + "    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))\n"
                + "      (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get 0) (i32.const 1)))))))\n"
                // n + 1 frames deep, then the host
                + "  (func $nest (export \"nest\") (param $n i32) (result i32)\n"
                + "    (if (result i32) (i32.eqz (local.get $n)) (then (call $cb (i32.const 0)))\n"
                + "      (else (call $nest (i32.sub (local.get $n) (i32.const 1))))))\n"
                // the same through call_indirect (the instance's own functions: no boundary per call)
                + "  (type $t (func (param i32) (result i32)))\n"
                + "  (table 1 funcref) (elem (i32.const 0) $nestIndirect)\n"
                + "  (func $nestIndirect (export \"nestIndirect\") (param $n i32) (result i32)\n"
                + "    (if (result i32) (i32.eqz (local.get $n)) (then (call $cb (i32.const 0)))\n"
                + "      (else (call_indirect (type $t) (i32.sub (local.get $n) (i32.const 1)) (i32.const 0))))))")
                        .getBytes(StandardCharsets.UTF_8),
                CompileOptions.builder().callDepthLimit(true).build());
        Instance[] self = new Instance[1];
        boolean[] fail = new boolean[1];
        // 11 frames of nest below the host: depth(88) (89 frames) is the deepest call left
        HostFunction cb = HostFunction.intToInt(x -> {
            if (fail[0]) throw new IllegalStateException("host failure");
            WasmFunction depth = self[0].function("depth");
            assertThrows(TrapException.class, () -> depth.call(500));
            int deepest = (int) depth.call(88)[0];
            TrapException e = assertThrows(TrapException.class, () -> depth.call(89));
            assertEquals("call stack exhausted", e.getMessage());
            return deepest;
        });
        Instance inst = m.instantiate(Imports.empty().function("env", "cb", cb),
                InstanceLimits.builder().maxCallDepth(100).build());
        self[0] = inst;
        // traps caught by the host put the count back to what it was when the host called in
        assertEquals(88, (int) inst.function("nest").call(10)[0]);
        assertEquals(99, (int) inst.function("depth").call(99)[0]);
        assertThrows(TrapException.class, () -> inst.function("depth").call(100));
        assertEquals(88, (int) inst.function("nestIndirect").call(10)[0]);
        assertEquals(99, (int) inst.function("depth").call(99)[0]);
        // a trap deep in call_indirect recursion, put back where Java called in
        assertThrows(TrapException.class, () -> inst.function("nestIndirect").call(150));
        assertEquals(99, (int) inst.function("depth").call(99)[0]);
        assertThrows(TrapException.class, () -> inst.function("depth").call(100));
        // a host exception unwinding the guest frames puts it back to the full depth
        fail[0] = true;
        assertThrows(IllegalStateException.class, () -> inst.function("nest").call(50));
        assertEquals(99, (int) inst.function("depth").call(99)[0]);
        // so does a call through the handle itself
        assertThrows(IllegalStateException.class, () -> {
            try {
                int r = (int) inst.function("nest").handle().invokeExact(20);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        });
        assertEquals(99, (int) inst.function("depth").call(99)[0]);
        assertThrows(TrapException.class, () -> inst.function("depth").call(100));
    }

    @Test
    void meteredCodeWithoutDepthCapOverflowsAsATrap() {
        Instance inst = metered(InstanceLimits.none());
        TrapException e = assertThrows(TrapException.class, () -> inst.function("recurse").call(0));
        assertEquals("call stack exhausted", e.getMessage());
        assertEquals(5000, (int) inst.function("depth").call(5000)[0]);
    }

    @Test
    void memoryAndTableCapsWorkWithoutMetering() {
        Instance inst = PLAIN.instantiate(Imports.empty(),
                InstanceLimits.builder().maxMemoryPages(3).maxTableElements(10).build());
        assertEquals(1, (int) inst.function("grow").call(1)[0]);
        assertEquals(2, (int) inst.function("grow").call(1)[0]);
        assertEquals(-1, (int) inst.function("grow").call(1)[0]);
        assertEquals(3, inst.memory("mem").pages());
        assertEquals(1, (int) inst.function("tgrow").call(9)[0]);
        assertEquals(-1, (int) inst.function("tgrow").call(1)[0]);
    }

    @Test
    void tooLargeInitialMemoryOrTableFailsToInstantiate() {
        WasmModule big = WasmModule.compile("(module (memory 5) (table 20 funcref))".getBytes(StandardCharsets.UTF_8));
        LinkException m = assertThrows(LinkException.class,
                () -> big.instantiate(Imports.empty(), InstanceLimits.builder().maxMemoryPages(4).build()));
        assertEquals("memory 0 needs 5 pages, more than the limit of 4 pages (InstanceLimits.maxMemoryPages)", m.getMessage());
        LinkException t = assertThrows(LinkException.class,
                () -> big.instantiate(Imports.empty(), InstanceLimits.builder().maxTableElements(19).build()));
        assertEquals("table 0 needs 20 elements, more than the limit of 19 elements (InstanceLimits.maxTableElements)",
                t.getMessage());
        big.instantiate(Imports.empty(), InstanceLimits.builder().maxMemoryPages(5).maxTableElements(20).build());
    }

    @Test
    void meteredLimitsNeedAMeteredModule() {
        assertThrows(IllegalArgumentException.class,
                () -> PLAIN.instantiate(Imports.empty(), InstanceLimits.builder().fuel(10).build()));
        assertThrows(IllegalArgumentException.class,
                () -> PLAIN.instantiate(Imports.empty(), InstanceLimits.builder().deadline(Duration.ofSeconds(1)).build()));
        assertThrows(IllegalArgumentException.class,
                () -> PLAIN.instantiate(Imports.empty(), InstanceLimits.builder().maxCallDepth(10).build()));
        // metering alone does not count calls: the depth cap needs its own compile option
        IllegalArgumentException depth = assertThrows(IllegalArgumentException.class,
                () -> METERED.instantiate(Imports.empty(), InstanceLimits.builder().maxCallDepth(10).build()));
        assertTrue(depth.getMessage().contains("callDepthLimit(true)"), depth.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DEPTH_LIMITED.instantiate(Imports.empty(), InstanceLimits.builder().fuel(10).build()));
        Instance plain = PLAIN.instantiate(Imports.empty());
        assertThrows(IllegalStateException.class, plain::interrupt);
        assertEquals(-1, plain.fuelLeft());
        assertEquals(false, PLAIN.options().metering());
        assertEquals(true, METERED.options().metering());
    }

    @Test
    void meteredAndPlainCodeComputeTheSame() {
        Instance a = PLAIN.instantiate(Imports.empty());
        Instance b = metered(InstanceLimits.builder().fuel(1L << 40).deadline(Duration.ofMinutes(1)).build());
        for (int n : new int[] {0, 1, 17, 100_000}) {
            assertEquals(a.function("count").call(n)[0], b.function("count").call(n)[0]);
        }
        assertEquals(a.function("depth").call(300)[0], b.function("depth").call(300)[0]);
    }

    /** Runs "spin" on a daemon thread and expects {@code type} within {@code seconds}. */
    private static <T extends Throwable> T assertThrowsWithin(Class<T> type, Instance inst, int seconds) {
        CompletableFuture<Throwable> result = CompletableFuture.supplyAsync(() -> {
            try {
                inst.function("spin").call();
                return null;
            } catch (Throwable t) {
                return t;
            }
        }, daemonExecutor());
        Throwable t;
        try {
            t = result.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("guest not stopped within " + seconds + " s", e);
        }
        return assertInstanceOf(type, t);
    }

    /** A fresh daemon thread per task, so that a guest that fails to stop cannot hold up the JVM. */
    private static java.util.concurrent.Executor daemonExecutor() {
        return r -> {
            Thread th = new Thread(r, "guest");
            th.setDaemon(true);
            th.start();
        };
    }
}
