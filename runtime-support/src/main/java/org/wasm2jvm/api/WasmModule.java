package org.wasm2jvm.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.wasm2jvm.runtime.ModuleCompiler;

/**
 * A compiled module: immutable and safe to share between threads. Instantiate it as often as
 * needed; every instance shares the generated classes.
 *
 * <pre>{@code
 * WasmModule module = WasmModule.compile(Path.of("add.wasm"));
 * Instance instance = module.instantiate(Imports.empty());
 * int sum = (int) instance.function("add").call(2, 3)[0];
 * }</pre>
 */
public interface WasmModule {
    /**
     * Instantiates the module (spec order: imports checked, globals, tables, memories, element
     * and data segments, start function).
     *
     * @throws LinkException when an import is missing or does not match
     * @throws TrapException when a segment does not fit or the start function traps
     */
    Instance instantiate(Imports imports);

    /**
     * Decodes (binary or text format), validates and compiles a module.
     *
     * @throws ModuleException when the module is malformed or invalid
     */
    static WasmModule compile(byte[] bytes) {
        return compiler().compile(bytes);
    }

    static WasmModule compile(Path path) {
        try {
            return compile(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModuleCompiler compiler() {
        return ServiceLoader.load(ModuleCompiler.class).findFirst().orElseThrow(
                () -> new IllegalStateException("no wasm2jvm compiler on the class path (add the 'compiler' artifact)"));
    }
}
