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

    private CompileOptions(Builder b) {
        this.metering = b.metering;
    }

    /** The defaults: no metering. */
    public static CompileOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether generated code checks fuel, the deadline, interruption and the call-depth cap (at
     * every function entry and loop iteration). Off by default: the code is then exactly what it
     * is without limits, and {@link InstanceLimits#fuel}, {@link InstanceLimits#deadline},
     * {@link InstanceLimits#maxCallDepth} and {@link Instance#interrupt()} are refused.
     */
    public boolean metering() {
        return metering;
    }

    @Override
    public String toString() {
        return "CompileOptions[metering=" + metering + "]";
    }

    public static final class Builder {
        private boolean metering;

        private Builder() {
        }

        public Builder metering(boolean on) {
            this.metering = on;
            return this;
        }

        public CompileOptions build() {
            return new CompileOptions(this);
        }
    }
}
