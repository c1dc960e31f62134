package org.wasm2jvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.runtime.CompiledModule;
import org.wasm2jvm.runtime.InstanceBase;

/** Compile once, instantiate many; modules compiled at run time can be unloaded. */
class LifecycleTest {
    private static final String COUNTER = "(module (memory (export \"memory\") 1)\n"
            + "  (global $n (mut i32) (i32.const 0))\n"
            + "  (func (export \"bump\") (param i32) (result i32)\n"
            + "    (global.set $n (i32.add (global.get $n) (local.get 0)))\n"
            + "    (i32.store (i32.const 0) (global.get $n))\n"
            + "    (i32.load (i32.const 0))))";

    @Test
    void instancesShareClassesAndNotState() {
        WasmModule m = WasmModule.compile(COUNTER.getBytes(StandardCharsets.UTF_8));
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < 1000; i++) instances.add(m.instantiate(Imports.empty()));
        for (int i = 0; i < instances.size(); i++) instances.get(i).function("bump").call(i);
        for (int i = 0; i < instances.size(); i++) {
            assertEquals(2 * i, (int) instances.get(i).function("bump").call(i)[0]);
            assertSame(((CompiledModule) m).instanceClass(), instances.get(i).getClass());
        }
    }

    @Test
    void concurrentInstantiationAndCallsFromEightThreads() throws Exception {
        WasmModule m = WasmModule.compile(COUNTER.getBytes(StandardCharsets.UTF_8));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int step = t + 1;
                results.add(pool.submit(() -> {
                    int last = 0;
                    for (int k = 0; k < 200; k++) {
                        Instance inst = m.instantiate(Imports.empty());
                        for (int c = 0; c < 50; c++) last = (int) inst.function("bump").call(step)[0];
                        if (last != 50 * step) throw new AssertionError("instance state leaked: " + last);
                    }
                    return last;
                }));
            }
            for (int t = 0; t < 8; t++) assertEquals(50 * (t + 1), results.get(t).get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Run in a child JVM with a small metaspace: compiling and dropping modules must not fill it. */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        for (int i = 0; i < n; i++) {
            WasmModule m = WasmModule.compile(COUNTER.getBytes(StandardCharsets.UTF_8));
            Instance inst = m.instantiate(Imports.empty());
            if ((int) inst.function("bump").call(i)[0] != i) throw new AssertionError();
            if (!(inst instanceof InstanceBase)) throw new AssertionError();
        }
        System.out.println("compiled " + n);
    }

    @Test
    void droppedModulesAreUnloaded() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-XX:MaxMetaspaceSize=24m", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), LifecycleTest.class.getName(), "5000")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("compiled 5000", out.strip());
    }
}
