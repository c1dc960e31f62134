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
    default Instance instantiate(Imports imports) {
        return instantiate(imports, InstanceLimits.none());
    }

    /**
     * Instantiates the module under {@code limits} (see {@link InstanceLimits}).
     *
     * @throws LinkException also when the module's initial memory or table exceeds a cap
     * @throws IllegalArgumentException when fuel, a deadline or a call-depth cap is asked of a
     *         module compiled without {@link CompileOptions.Builder#metering(boolean) metering}
     */
    Instance instantiate(Imports imports, InstanceLimits limits);

    /** The options the module was compiled with. */
    CompileOptions options();

    /**
     * Decodes (binary or text format), validates and compiles a module.
     *
     * @throws ModuleException when the module is malformed or invalid
     */
    static WasmModule compile(byte[] bytes) {
        return compile(bytes, CompileOptions.defaults());
    }

    /** Like {@link #compile(byte[])}, with options such as metering. */
    static WasmModule compile(byte[] bytes, CompileOptions options) {
        return compiler().compile(bytes, options);
    }

    static WasmModule compile(Path path) {
        return compile(path, CompileOptions.defaults());
    }

    static WasmModule compile(Path path, CompileOptions options) {
        try {
            return compile(Files.readAllBytes(path), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModuleCompiler compiler() {
        return ServiceLoader.load(ModuleCompiler.class).findFirst().orElseThrow(
                () -> new IllegalStateException("no wasm2jvm compiler on the class path (add the 'compiler' artifact)"));
    }
}
