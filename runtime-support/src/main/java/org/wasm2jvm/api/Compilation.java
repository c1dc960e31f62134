package org.wasm2jvm.api;

/**
 * When a module's function bodies become JVM bytecode ({@link CompileOptions.Builder#compilation}).
 * Validation always happens up front: an invalid module fails in {@link WasmModule#compile}
 * whichever mode is chosen.
 */
public enum Compilation {
    /**
     * Generate a function's code the first time it is called, in small batches of neighbouring
     * functions; later calls are plain linked JVM calls. Fastest to the first result for
     * programs that run a small part of a large module (C programs with a libc).
     */
    LAZY,
    /** Generate and load the code of every function in {@link WasmModule#compile}. */
    EAGER
}
