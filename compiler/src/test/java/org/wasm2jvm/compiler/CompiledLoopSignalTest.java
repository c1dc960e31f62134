package org.wasm2jvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasm2jvm.api.*;

/**
 * Interruption and deadlines reach loops that C2 has compiled, for each way metered code pays for a
 * loop. The refill in line reads the stop signal with a plain load (InstanceBase#meter): this is
 * what would catch a JIT keeping that read out of the loop. Each loop first runs, bounded, for
 * about a second in one instance (long enough for C2 to compile its function), then unbounded in
 * another instance of the same module (the same generated classes, so the same compiled code).
 */
class CompiledLoopSignalTest {
    /** Loops whose counter goes up by 2 until it equals the argument: without end for -1. */
    private static final String WAT = "(module\n"
            + "  (memory 1)\n"
            // a small loop whose counter moves by a loaded amount: not counted, paid in groups
            + "  (func (export \"groups\") (param $n i32) (result i32) (local $i i32)\n"
            + "    (loop $l\n"
            + "      (local.set $i (i32.add (local.get $i) (i32.add (i32.load (i32.const 0)) (i32.const 2))))\n"
            + "      (br_if $l (i32.ne (local.get $i) (local.get $n))))\n"
            + "    (local.get $i))\n"
            // a body too long to emit several times: checked at its header every iteration
            + "  (func (export \"header\") (param $n i32) (result i32) (local $i i32) (local $x i32)\n"
            + "    (loop $l\n"
            + "      " + "(local.set $x (i32.xor (i32.add (local.get $x) (local.get $i)) (i32.const 7)))\n".repeat(60)
            + "      (local.set $i (i32.add (local.get $i) (i32.add (i32.load (i32.const 0)) (i32.const 2))))\n"
            + "      (br_if $l (i32.ne (local.get $i) (local.get $n))))\n"
            + "    (i32.add (local.get $i) (local.get $x)))\n"
            // an outer loop around a counted loop of 64 iterations, prepaid at its entry
            + "  (func (export \"prepaid\") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $s i32)\n"
            + "    (loop $outer\n"
            + "      (local.set $j (i32.const 0))\n"
            + "      (loop $inner\n"
            + "        (local.set $s (i32.add (local.get $s) (i32.load (i32.shl (local.get $j) (i32.const 2)))))\n"
            + "        (local.set $j (i32.add (local.get $j) (i32.const 1)))\n"
            + "        (br_if $inner (i32.ne (local.get $j) (i32.const 64))))\n"
            + "      (local.set $i (i32.add (local.get $i) (i32.add (i32.load (i32.const 0)) (i32.const 2))))\n"
            + "      (br_if $outer (i32.ne (local.get $i) (local.get $n))))\n"
            + "    (i32.add (local.get $i) (local.get $s)))\n"
            // an outer loop around a scan that stops on the data (quicksort's shape): the outer
            // header pays for the scan's first group
            + "  (func (export \"hoisted\") (param $n i32) (result i32) (local $i i32) (local $j i32)\n"
            + "    (loop $outer\n"
            + "      (local.set $j (i32.const 0))\n"
            + "      (loop $scan\n"
            + "        (local.set $j (i32.add (local.get $j) (i32.const 1)))\n"
            + "        (br_if $scan (i32.lt_s (i32.load (i32.shl (local.get $j) (i32.const 2))) (i32.const 1))))\n"
            + "      (local.set $i (i32.add (local.get $i) (i32.add (i32.load (i32.const 0)) (i32.const 2))))\n"
            + "      (br_if $outer (i32.ne (local.get $i) (local.get $n))))\n"
            + "    (i32.add (local.get $i) (local.get $j)))\n"
            // the same with a scan that also moves a counter nothing else in the outer loop writes:
            // the fast copy gives nothing back and settles from the counter when it cannot pay
            + "  (func (export \"settled\") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $c i32)\n"
            + "    (loop $outer\n"
            + "      (local.set $j (i32.const 0))\n"
            + "      (loop $scan\n"
            + "        (local.set $c (i32.add (local.get $c) (i32.const 1)))\n"
            + "        (local.set $j (i32.add (local.get $j) (i32.const 1)))\n"
            + "        (br_if $scan (i32.lt_s (i32.load (i32.shl (local.get $j) (i32.const 2))) (i32.const 1))))\n"
            + "      (local.set $i (i32.add (local.get $i) (i32.add (i32.load (i32.const 0)) (i32.const 2))))\n"
            + "      (br_if $outer (i32.ne (local.get $i) (local.get $n))))\n"
            + "    (i32.add (local.get $i) (local.get $c)))\n"
            // a loop around a call: the callee's entry check refills
            + "  (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.load (i32.const 0))))\n"
            + "  (func (export \"calls\") (param $n i32) (result i32) (local $i i32)\n"
            + "    (loop $l\n"
            + "      (local.set $i (i32.add (call $leaf (local.get $i)) (i32.const 2)))\n"
            + "      (br_if $l (i32.ne (local.get $i) (local.get $n))))\n"
            + "    (local.get $i))\n"
            // the scan stops at the 8th word (16 i32s are 0, then 1s)
            + "  (data (i32.const 32) \"\\01\\00\\00\\00\\01\\00\\00\\00\"))";

    private static final WasmModule MODULE = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8),
            CompileOptions.builder().metering(true).build());

    @ParameterizedTest
    @ValueSource(strings = {"groups", "header", "prepaid", "hoisted", "settled", "calls"})
    void interruptionAndDeadlineStopCompiledLoops(String name) throws Exception {
        int expected = warmUp(name);

        Instance interrupted = MODULE.instantiate(Imports.empty(), InstanceLimits.none());
        CompletableFuture<Throwable> result = runUnbounded(interrupted, name);
        Thread.sleep(200);
        interrupted.interrupt();
        assertStops(InterruptedTrapException.class, result, name);
        // the trap consumed the request: the instance runs again, and can be interrupted again
        assertEquals(expected, bounded(interrupted, name, 2000));
        CompletableFuture<Throwable> again = runUnbounded(interrupted, name);
        Thread.sleep(100);
        interrupted.interrupt();
        assertStops(InterruptedTrapException.class, again, name);

        long start = System.nanoTime();
        Instance timed = MODULE.instantiate(Imports.empty(), InstanceLimits.builder().deadline(Duration.ofMillis(300)).build());
        assertStops(DeadlineExceededException.class, runUnbounded(timed, name), name);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 300, "stopped after " + ms + " ms");
    }

    /** Runs the loop bounded for about a second, enough for C2 to compile it (checked: same results). */
    private static int warmUp(String name) {
        Instance inst = MODULE.instantiate(Imports.empty(), InstanceLimits.builder().fuel(Long.MAX_VALUE / 4).build());
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
        int first = bounded(inst, name, 2000);
        while (System.nanoTime() < end) {
            assertEquals(first, bounded(inst, name, 2000));
        }
        return first;
    }

    private static int bounded(Instance inst, String name, int n) {
        return (int) inst.function(name).call(n)[0];
    }

    private static CompletableFuture<Throwable> runUnbounded(Instance inst, String name) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                inst.function(name).call(-1);
                return null;
            } catch (Throwable t) {
                return t;
            }
        }, r -> {
            // a daemon thread, so that a guest that fails to stop cannot hold up the JVM
            Thread th = new Thread(r, "guest-" + name);
            th.setDaemon(true);
            th.start();
        });
    }

    private static void assertStops(Class<? extends Throwable> type, CompletableFuture<Throwable> result, String name) {
        Throwable t;
        try {
            t = result.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            fail(name + ": guest not stopped within 20 s", e);
            return;
        }
        assertInstanceOf(type, t, name);
    }
}
