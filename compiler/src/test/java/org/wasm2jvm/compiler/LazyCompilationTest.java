package org.wasm2jvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wasm2jvm.api.Compilation;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.TrapException;
import org.wasm2jvm.api.WasmFunction;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.runtime.CompiledModule;

/** Lazy compilation: only what is called gets compiled, once, safely from any thread or depth. */
class LazyCompilationTest {
    private static final CompileOptions LAZY = CompileOptions.builder().compilation(Compilation.LAZY).build();
    private static final CompileOptions EAGER = CompileOptions.builder().compilation(Compilation.EAGER).build();

    /**
     * {@code n} functions {@code $f<k>} returning {@code k * 3 + $f<k-1>()} for k % 10 != 0 (a chain
     * across classes), all exported and all in a table, plus {@code call_ind(i)} calling table slot i.
     */
    private static byte[] chainModule(int n) {
        StringBuilder sb = new StringBuilder("(module (type $t (func (result i32)))\n");
        sb.append("(table (export \"tab\") ").append(n).append(" funcref)\n(elem (i32.const 0)");
        for (int k = 0; k < n; k++) sb.append(" $f").append(k);
        sb.append(")\n");
        for (int k = 0; k < n; k++) {
            sb.append("(func $f").append(k).append(" (export \"f").append(k).append("\") (type $t) (i32.const ").append(k * 3).append(")");
            if (k % 10 != 0) sb.append(" (call $f").append(k - 1).append(") (i32.add)");
            sb.append(")\n");
        }
        sb.append("(func (export \"call_ind\") (param i32) (result i32) (call_indirect (type $t) (local.get 0)))\n)");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What {@code $f<k>} of {@link #chainModule} returns. */
    private static int expected(int k) {
        int sum = 0;
        for (int j = k; ; j--) {
            sum += j * 3;
            if (j % 10 == 0) return sum;
        }
    }

    private static int call(Instance inst, String export, Object... args) {
        return (int) inst.function(export).call(args)[0];
    }

    @Test
    void onlyTheCalledFunctionsBatchIsCompiled() {
        int n = 300;
        CompiledModule m = (CompiledModule) WasmModule.compile(chainModule(n), LAZY);
        Instance inst = m.instantiate(Imports.empty());
        // exports, the table and its 300 function references exist, and nothing is compiled yet
        assertTrue(inst.table("tab").get(150) instanceof WasmFunction);
        assertEquals(0, m.compiledFunctionCount());
        assertEquals(expected(150), call(inst, "f150"));
        int afterOne = m.compiledFunctionCount();
        // f150 alone (k % 10 == 0 calls nothing): exactly its class's functions
        assertTrue(afterOne > 0 && afterOne <= 16, "compiled " + afterOne + " of " + (n + 1));
        assertEquals(expected(150), call(inst, "f150"));
        assertEquals(afterOne, m.compiledFunctionCount(), "a second call compiles nothing");
    }

    @Test
    void eagerCompilesEverythingUpFront() {
        CompiledModule m = (CompiledModule) WasmModule.compile(chainModule(50), EAGER);
        assertEquals(51, m.compiledFunctionCount());
        assertEquals(expected(37), call(m.instantiate(Imports.empty()), "f37"));
    }

    @Test
    void callsThroughTheTableCompileTheirTargetOnFirstUse() {
        CompiledModule m = (CompiledModule) WasmModule.compile(chainModule(200), LAZY);
        Instance inst = m.instantiate(Imports.empty());
        for (int k : new int[] {199, 3, 120, 77}) assertEquals(expected(k), call(inst, "call_ind", k));
        assertTrue(m.compiledFunctionCount() < 200, "compiled " + m.compiledFunctionCount());
        // function objects are the same objects before and after their first call
        assertTrue(inst.table("tab").get(120) == inst.function("f120"));
        assertTrue(inst.table("tab").get(121) == inst.function("f121"));
        assertEquals(expected(121), call(inst, "f121"));
        assertTrue(inst.table("tab").get(121) == inst.function("f121"));
    }

    @Test
    void lazyAndEagerModulesAgree() {
        Instance lazy = WasmModule.compile(chainModule(120), LAZY).instantiate(Imports.empty());
        Instance eager = WasmModule.compile(chainModule(120), EAGER).instantiate(Imports.empty());
        for (int k = 0; k < 120; k += 7) {
            assertEquals(call(eager, "f" + k), call(lazy, "f" + k));
            assertEquals(call(eager, "call_ind", k), call(lazy, "call_ind", k));
        }
    }

    @Test
    void invalidModulesStillFailAtCompileTime() {
        byte[] invalid = "(module (func (result i32) (i64.const 0)))".getBytes(StandardCharsets.UTF_8);
        ModuleException e = assertThrows(ModuleException.class, () -> WasmModule.compile(invalid, LAZY));
        assertEquals(ModuleException.Kind.INVALID, e.kind());
    }

    @Test
    @Timeout(120)
    void eightThreadsCallingUncompiledFunctionsAtOnceGetOneCompilation() throws Exception {
        int n = 400;
        CompiledModule m = (CompiledModule) WasmModule.compile(chainModule(n), LAZY);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    Instance inst = m.instantiate(Imports.empty()); // one instance per thread
                    start.await();
                    int[] got = new int[n / 8];
                    // each thread walks its own stripe of functions; stripes share classes
                    for (int i = 0; i < got.length; i++) got[i] = call(inst, "f" + (i * 8 + thread));
                    return got;
                }));
            }
            start.countDown();
            for (int t = 0; t < 8; t++) {
                int[] got = results.get(t).get(60, TimeUnit.SECONDS);
                for (int i = 0; i < got.length; i++) assertEquals(expected(i * 8 + t), got[i], "f" + (i * 8 + t));
            }
        } finally {
            pool.shutdownNow();
        }
        // every function was called: each class was compiled exactly once, so the count is exact
        assertEquals(n, m.compiledFunctionCount());
    }

    /**
     * {@code $rec(n)} recurses n times and then calls {@code $far} (in a class of its own, not
     * compiled before that call); {@code $plain(n)} is the same but ends in an already compiled
     * function.
     */
    private static byte[] deepModule() {
        StringBuilder sb = new StringBuilder("(module\n");
        sb.append("(func $near (result i32) (i32.const 7))\n");
        sb.append("(func $plain (export \"plain\") (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0))"
                + " (then (call $near)) (else (call $plain (i32.sub (local.get 0) (i32.const 1))))))\n");
        sb.append("(func $rec (export \"rec\") (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0))"
                + " (then (call $far)) (else (call $rec (i32.sub (local.get 0) (i32.const 1))))))\n");
        for (int i = 0; i < 40; i++) sb.append("(func (result i32) (i32.const ").append(i).append("))\n");
        sb.append("(func $far (result i32) (i32.const 42))\n)");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A stack overflow while the first call of a function waits for its compilation (deep in
     * guest code) is the "call stack exhausted" trap and leaves the module usable: the next call
     * compiles and links normally. Swept over the depths around the overflow point, so that
     * the overflow hits inside the class loading and compilation request.
     */
    @Test
    @Timeout(300)
    void stackOverflowWhileCompilingAtDepthLeavesTheModuleUsable() throws Throwable {
        byte[] wasm = deepModule();
        int[] limit = new int[1];
        onSmallStack(() -> {
            Instance probe = WasmModule.compile(wasm, LAZY).instantiate(Imports.empty());
            call(probe, "plain", 10); // $near compiled and the path warm
            int ok = 0;
            for (int n = 64; ; n *= 2) {
                try {
                    call(probe, "plain", n);
                    ok = n;
                } catch (TrapException e) {
                    assertEquals("call stack exhausted", e.getMessage());
                    break;
                }
            }
            int lo = ok, hi = ok * 2;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                try {
                    call(probe, "plain", mid);
                    lo = mid;
                } catch (TrapException e) {
                    hi = mid;
                }
            }
            limit[0] = lo;
        });
        int overflowedWhileCompiling = 0;
        for (int n = limit[0] + 20; n > limit[0] - 400 && n > 0; n -= 7) {
            int depth = n;
            boolean[] trapped = new boolean[1];
            onSmallStack(() -> {
                CompiledModule m = (CompiledModule) WasmModule.compile(wasm, LAZY);
                Instance inst = m.instantiate(Imports.empty());
                call(inst, "plain", 1);
                try {
                    assertEquals(42, call(inst, "rec", depth));
                } catch (TrapException e) {
                    assertEquals("call stack exhausted", e.getMessage());
                    trapped[0] = true;
                }
                // shallow again: $far compiles (or already has) and links
                assertEquals(42, call(inst, "rec", 3));
                assertEquals(42, call(m.instantiate(Imports.empty()), "rec", 3));
            });
            if (trapped[0] && depth <= limit[0]) overflowedWhileCompiling++;
        }
        // at depths the plain recursion survives, only the first call of $far can overflow
        assertTrue(overflowedWhileCompiling > 0, "no overflow hit the compilation path (limit " + limit[0] + ")");
    }

    private interface Body {
        void run() throws Throwable;
    }

    private static void onSmallStack(Body body) throws Throwable {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        if (failure[0] != null) throw failure[0];
    }
}
