package org.wasm2jvm.api;

import java.nio.file.Path;

/**
 * How {@link WasmModule#compile(byte[], CompileOptions)} compiles a module. Immutable.
 *
 * <pre>{@code
 * WasmModule m = WasmModule.compile(bytes, CompileOptions.builder().metering(true).build());
 * }</pre>
 */
public final class CompileOptions {
    private static final CompileOptions DEFAULTS = builder().build();

    private final boolean metering;
    private final boolean callDepthLimit;
    private final Compilation compilation;
    private final Path cacheDirectory;

    private CompileOptions(Builder b) {
        this.metering = b.metering;
        this.callDepthLimit = b.callDepthLimit;
        this.compilation = b.compilation;
        this.cacheDirectory = b.cacheDirectory;
    }

    /** The defaults: no metering, no call-depth limit, {@link Compilation#LAZY lazy}, no cache. */
    public static CompileOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether generated code counts fuel (at every function entry and loop iteration) and checks
     * the deadline and interruption (once per fuel slice, see {@link InstanceLimits}). Off by
     * default: the code is then exactly what it is without limits, and
     * {@link InstanceLimits#fuel}, {@link InstanceLimits#deadline} and {@link Instance#interrupt()}
     * are refused.
     */
    public boolean metering() {
        return metering;
    }

    /**
     * Whether generated code counts nested calls, which {@link InstanceLimits#maxCallDepth} needs
     * (it is refused otherwise). Off by default, because the count costs on every call; without
     * it the JVM stack is the limit, and overflowing it traps with "call stack exhausted" too.
     */
    public boolean callDepthLimit() {
        return callDepthLimit;
    }

    /**
     * When function bodies are compiled; {@link Compilation#LAZY} by default (it reaches the
     * first result sooner; see the compiler's {@code codegen/LAZY.md} for the measurements).
     */
    public Compilation compilation() {
        return compilation;
    }

    /**
     * Where compiled classes are cached between runs, or null (the default) for no cache. With a
     * cache, compiling a module that was compiled before with the same options and the same
     * compiler skips code generation (and validation); entries that are damaged or were written
     * by another compiler version are never loaded.
     */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /**
     * The user's cache directory for compiled classes: {@code $WASM2JVM_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/wasm2jvm}, else {@code ~/.cache/wasm2jvm}. The system property
     * {@code wasm2jvm.cache.dir} overrides all of them (tests use it).
     */
    public static Path userCacheDirectory() {
        String prop = System.getProperty("wasm2jvm.cache.dir");
        if (prop != null && !prop.isEmpty()) return Path.of(prop);
        String env = System.getenv("WASM2JVM_CACHE_DIR");
        if (env != null && !env.isEmpty()) return Path.of(env);
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) return Path.of(xdg, "wasm2jvm");
        return Path.of(System.getProperty("user.home"), ".cache", "wasm2jvm");
    }

    @Override
    public String toString() {
        return "CompileOptions[metering=" + metering + ", callDepthLimit=" + callDepthLimit
                + ", compilation=" + compilation + (cacheDirectory != null ? ", cache=" + cacheDirectory : "") + "]";
    }

    public static final class Builder {
        private boolean metering;
        private boolean callDepthLimit;
        private Compilation compilation = Compilation.LAZY;
        private Path cacheDirectory;

        private Builder() {
        }

        public Builder metering(boolean on) {
            this.metering = on;
            return this;
        }

        public Builder callDepthLimit(boolean on) {
            this.callDepthLimit = on;
            return this;
        }

        /** {@link Compilation#LAZY} (the default) or {@link Compilation#EAGER}. */
        public Builder compilation(Compilation mode) {
            this.compilation = java.util.Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Cache compiled classes in this directory (created when missing); null for no cache. */
        public Builder cacheDirectory(Path dir) {
            this.cacheDirectory = dir;
            return this;
        }

        public CompileOptions build() {
            return new CompileOptions(this);
        }
    }
}
