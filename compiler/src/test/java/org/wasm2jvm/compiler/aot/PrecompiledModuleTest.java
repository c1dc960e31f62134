package org.wasm2jvm.compiler.aot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.TrapException;
import org.wasm2jvm.binary.ModuleDecoder;
import org.wasm2jvm.compiler.TextModules;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.runtime.CompiledModule;
import org.wasm2jvm.runtime.PrecompiledModule;
import org.wasm2jvm.runtime.WasmBacktrace;

/**
 * Classes compiled ahead of time load back through {@link PrecompiledModule} with no compiler
 * involved, and behave like the same module compiled at run time.
 */
class PrecompiledModuleTest {
    private static final String WAT = """
            (module
              (memory (export "memory") 1)
              (data (i32.const 16) "hello")
              (global $g (export "g") (mut i32) (i32.const 41))
              (table (export "t") 2 funcref)
              (elem (i32.const 0) $inc $crash)
              (func $inc (export "inc") (result i32)
                (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g))
              (func $crash (export "crash") (param i32) (result i32)
                (i32.div_s (i32.const 1) (local.get 0)))
              (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
              (func (export "viaTable") (param i32) (result i32)
                (call_indirect (result i32) (local.get 0))))
            """;

    @TempDir
    Path dir;

    private CompiledModule compileAndLoad(String packageName, URLClassLoader[] keep) throws Exception {
        AotOutput out = new AotCompiler().packageName(packageName).mainClass(false)
                .compile(WAT.getBytes(StandardCharsets.UTF_8), "sample.wat");
        for (Map.Entry<String, byte[]> e : out.entries().entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        keep[0] = loader;
        return PrecompiledModule.load(loader, packageName);
    }

    @Test
    void loadsAndRunsWithoutCompiling() throws Exception {
        URLClassLoader[] loader = new URLClassLoader[1];
        CompiledModule module = compileAndLoad("test.pre", loader);
        try {
            assertEquals("test.pre.Instance", module.instanceClass().getName());
            Instance a = module.instantiate(Imports.empty()), b = module.instantiate(Imports.empty());
            assertEquals(42, a.function("inc").call()[0]);
            assertEquals(43, a.function("inc").call()[0]);
            assertEquals(42, b.function("inc").call()[0], "instances are independent");
            assertEquals((int) 'h', a.function("byte").call(16)[0], "data segment from the skeleton");
            assertEquals(43, b.function("viaTable").call(0)[0], "elements and call_indirect");
            TrapException trap = assertThrows(TrapException.class, () -> a.function("crash").call(0));
            assertEquals("integer divide by zero", trap.getMessage());
            List<WasmBacktrace.Frame> frames = WasmBacktrace.of(trap, module);
            assertEquals(1, frames.get(0).function());
            assertTrue(frames.get(0).offset() > 0, "code offsets of the original binary: " + frames);
        } finally {
            loader[0].close();
        }
    }

    @Test
    void backtraceOffsetsMatchTheJitCompiledModule() throws Exception {
        URLClassLoader[] loader = new URLClassLoader[1];
        CompiledModule aot = compileAndLoad("test.offsets", loader);
        try {
            CompiledModule jit = (CompiledModule) org.wasm2jvm.api.WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8));
            TrapException t1 = assertThrows(TrapException.class, () -> aot.instantiate(Imports.empty()).function("crash").call(0));
            TrapException t2 = assertThrows(TrapException.class, () -> jit.instantiate(Imports.empty()).function("crash").call(0));
            assertEquals(WasmBacktrace.of(t2, jit), WasmBacktrace.of(t1, aot));
        } finally {
            loader[0].close();
        }
    }

    @Test
    void classesFromAnIncompatibleCompilerAreRefused() throws Exception {
        URLClassLoader[] loader = new URLClassLoader[1];
        compileAndLoad("test.old", loader);
        loader[0].close();
        Path index = dir.resolve("test/old/" + PrecompiledModule.INDEX_RESOURCE);
        String text = Files.readString(index);
        Files.writeString(index, text.replace(PrecompiledModule.INDEX_HEADER, "wasm2jvm-aot 1"));
        try (URLClassLoader old = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PrecompiledModule.load(old, "test.old"));
            assertTrue(e.getMessage().contains("incompatible wasm2jvm") && e.getMessage().contains("compile the module again"),
                    e.getMessage());
        }
    }

    @Test
    void aPackageWithoutAModuleIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrecompiledModule.load(getClass().getClassLoader(), "no.such.module"));
        assertTrue(e.getMessage().contains("no/such/module/module.skeleton.wasm"), e.getMessage());
    }

    @Test
    void skeletonKeepsEverythingButCodeAndOnlyTheSkeletonDecoderAcceptsIt() {
        byte[] binary = TextModules.binaryOf(WAT.getBytes(StandardCharsets.UTF_8));
        byte[] skeleton = ModuleSkeleton.of(binary);
        Module full = ModuleDecoder.decode(binary);
        Module part = ModuleDecoder.decodeSkeleton(skeleton);
        assertTrue(skeleton.length < binary.length);
        assertEquals(full.types, part.types);
        assertEquals(full.functions, part.functions);
        assertEquals(full.exports, part.exports);
        assertEquals(full.data.size(), part.data.size());
        assertArrayEquals(full.data.get(0).bytes(), part.data.get(0).bytes());
        assertEquals(0, part.codes.size());
        ModuleException e = assertThrows(ModuleException.class, () -> ModuleDecoder.decode(skeleton));
        assertTrue(e.getMessage().startsWith("function and code section have inconsistent lengths"), e.getMessage());
    }
}
