package org.wasm2jvm.api;

import java.time.Duration;

/**
 * What one instance may use, set by the embedder at {@link WasmModule#instantiate(Imports, InstanceLimits)}.
 * Immutable; one object can serve any number of instantiations.
 *
 * <ul>
 *   <li>{@link Builder#fuel(long) fuel}: an instruction budget. One unit is one Wasm instruction,
 *       counted statically: every function call charges the instructions of the function body
 *       outside its loops, every loop iteration the instructions of the loop body outside nested
 *       loops, whichever branches actually run. Running out ends the guest with
 *       {@link FuelExhaustedException}; every later call traps the same way. The budget is
 *       enforced exactly and {@link Instance#fuelLeft()} is exact after a normal return, and
 *       after a trap too except that it may under-report by the iterations of a loop paid for
 *       ahead that the trap cut short (or, in a loop nest whose inner loops' charges are settled
 *       later, by what was charged ahead for them since they last were, at most about 10,000 units).
 *   <li>{@link Builder#deadline(Duration) deadline}: wall-clock time measured <b>from instantiation</b>
 *       (the start function included), for the instance's whole life, which suits the
 *       "instantiate per request" pattern. Passing it ends the guest with
 *       {@link DeadlineExceededException}.
 *   <li>{@link Builder#maxCallDepth(int) maxCallDepth}: nested Wasm calls of this instance; the
 *       call beyond it traps with "call stack exhausted". Without it the JVM stack is the limit.
 *       A call from Java that ends with an exception (a trap, a host function's exception) leaves
 *       the count as it was when that call began, also when a host function catches a trap of a
 *       call it made back into the instance and carries on. Needs a module compiled with {@link CompileOptions.Builder#callDepthLimit(boolean)
 *       callDepthLimit} (refused with {@link IllegalArgumentException} otherwise).
 *   <li>{@link Builder#maxMemoryPages(int) maxMemoryPages}, {@link Builder#maxTableElements(int)
 *       maxTableElements}: caps on each memory and table the instance defines (imported ones
 *       belong to their exporter). {@code memory.grow}/{@code table.grow} beyond them return -1;
 *       a module whose initial memory or table is already larger fails to instantiate
 *       ({@link LinkException}).
 * </ul>
 * Fuel and deadline are checked by code compiled with
 * {@link CompileOptions.Builder#metering(boolean) metering}; asking for them on a module compiled
 * without it is refused with {@link IllegalArgumentException}. Fuel is charged at every function
 * entry and loop iteration, small innermost loops paying for a group of iterations or (when
 * their iteration count is known at entry) for all of them before they start; the deadline and
 * {@link Instance#interrupt()} are looked at each time a fuel slice (10,000 units, even with
 * unlimited fuel) is used up and before a loop pays ahead (at most 100,000 units), so a guest
 * stops within about a hundred microseconds of guest code (a shared daemon timer thread flags
 * the deadline), but never inside a host call.
 */
public final class InstanceLimits {
    private static final InstanceLimits NONE = builder().build();

    private final long fuel;
    private final Duration deadline;
    private final int maxMemoryPages;
    private final int maxTableElements;
    private final int maxCallDepth;

    private InstanceLimits(Builder b) {
        this.fuel = b.fuel;
        this.deadline = b.deadline;
        this.maxMemoryPages = b.maxMemoryPages;
        this.maxTableElements = b.maxTableElements;
        this.maxCallDepth = b.maxCallDepth;
    }

    /** No limits beyond the module's own and the JVM's. */
    public static InstanceLimits none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The fuel budget, or -1 for none. */
    public long fuel() {
        return fuel;
    }

    /** The deadline from instantiation, or null for none. */
    public Duration deadline() {
        return deadline;
    }

    /** The page cap per defined memory, or -1 for none. */
    public int maxMemoryPages() {
        return maxMemoryPages;
    }

    /** The element cap per defined table, or -1 for none. */
    public int maxTableElements() {
        return maxTableElements;
    }

    /** The call-depth cap, or -1 for none. */
    public int maxCallDepth() {
        return maxCallDepth;
    }

    /** Whether fuel or a deadline is asked for, which need {@link CompileOptions#metering() metered} code. */
    public boolean needsMetering() {
        return fuel >= 0 || deadline != null;
    }

    @Override
    public String toString() {
        return "InstanceLimits[fuel=" + fuel + ", deadline=" + deadline + ", maxMemoryPages=" + maxMemoryPages
                + ", maxTableElements=" + maxTableElements + ", maxCallDepth=" + maxCallDepth + "]";
    }

    public static final class Builder {
        private long fuel = -1;
        private Duration deadline;
        private int maxMemoryPages = -1;
        private int maxTableElements = -1;
        private int maxCallDepth = -1;

        private Builder() {
        }

        /** Instruction budget in units of one statically counted Wasm instruction (see the class comment). */
        public Builder fuel(long units) {
            if (units < 0) throw new IllegalArgumentException("fuel must be >= 0: " + units);
            this.fuel = units;
            return this;
        }

        /** Wall-clock time the instance may run, counted from instantiation. */
        public Builder deadline(Duration d) {
            if (d.isNegative()) throw new IllegalArgumentException("negative deadline: " + d);
            this.deadline = d;
            return this;
        }

        public Builder maxMemoryPages(int pages) {
            if (pages < 0) throw new IllegalArgumentException("maxMemoryPages must be >= 0: " + pages);
            this.maxMemoryPages = pages;
            return this;
        }

        public Builder maxTableElements(int elements) {
            if (elements < 0) throw new IllegalArgumentException("maxTableElements must be >= 0: " + elements);
            this.maxTableElements = elements;
            return this;
        }

        /** Most nested Wasm calls of the instance at once (the first call from the host is depth 1). */
        public Builder maxCallDepth(int depth) {
            if (depth < 1) throw new IllegalArgumentException("maxCallDepth must be >= 1: " + depth);
            this.maxCallDepth = depth;
            return this;
        }

        public InstanceLimits build() {
            return new InstanceLimits(this);
        }
    }
}
