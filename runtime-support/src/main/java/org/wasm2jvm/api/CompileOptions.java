package org.wasm2jvm.api;

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

    private CompileOptions(Builder b) {
        this.metering = b.metering;
        this.callDepthLimit = b.callDepthLimit;
    }

    /** The defaults: no metering, no call-depth limit. */
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

    @Override
    public String toString() {
        return "CompileOptions[metering=" + metering + ", callDepthLimit=" + callDepthLimit + "]";
    }

    public static final class Builder {
        private boolean metering;
        private boolean callDepthLimit;

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

        public CompileOptions build() {
            return new CompileOptions(this);
        }
    }
}
