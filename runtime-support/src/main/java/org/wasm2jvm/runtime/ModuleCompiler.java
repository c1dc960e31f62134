package org.wasm2jvm.runtime;

import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.WasmModule;

/**
 * Service interface through which {@link WasmModule#compile(byte[])} reaches the compiler,
 * so that runtime-support never depends on the compiler or ASM.
 */
public interface ModuleCompiler {
    WasmModule compile(byte[] bytes, CompileOptions options);

    default WasmModule compile(byte[] bytes) {
        return compile(bytes, CompileOptions.defaults());
    }
}
