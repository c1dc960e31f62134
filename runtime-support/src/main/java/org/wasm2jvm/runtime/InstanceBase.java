package org.wasm2jvm.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.GlobalInstance;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.TableInstance;
import org.wasm2jvm.api.WasmFunction;

/**
 * Superclass of every generated instance class. Holds the state that generated code reaches
 * through the instance: memories, tables, function objects, segments. Globals live in typed
 * fields of the generated subclass (or in {@link GlobalInstance} cells when imported or
 * exported), which {@link #initFields()} fills from {@link #globalBits}/{@link #globalRefs}/
 * {@link #globalCells} after the linker has set them.
 *
 * <p>Fields are public because generated classes live in another package and class loader;
 * they are not API.
 */
public abstract class InstanceBase implements Instance {
    public CompiledModule compiled;
    public FuncType[] types;
    public WasmFunction[] functions;
    public MemoryInstance memory0;
    public MemoryInstance[] memories;
    public TableInstance[] tables;
    public GlobalInstance[] globalCells;
    public long[] globalBits;
    public Object[] globalRefs;
    public byte[][] dataSegments;
    public Object[][] elemSegments;
    Map<String, Object> exports = Collections.emptyMap();

    // ---- metering (read and written only by metered generated code and the slow path) ----

    /**
     * Fuel left in the current slice. Metered code subtracts each charge and calls
     * {@link Rt#meter} when the result is negative; the slow path then checks interruption and
     * the deadline and refills the slice from {@link #fuelReserve}. A slice is at most
     * {@link #SLICE} units, which bounds how long an interrupt or a passed deadline goes unseen.
     */
    public int fuel = SLICE;
    /** Calls this instance may still nest; metered code decrements at entry and increments at exit. */
    public int callDepthLeft = Integer.MAX_VALUE;
    static final int SLICE = 10_000;
    private boolean metered;
    private boolean fuelLimited;
    /** Fuel beyond the current slice (when limited). */
    private long fuelReserve;
    private boolean hasDeadline;
    private long deadlineNanos;
    private long deadlineMillis;
    private volatile boolean interruptRequested;

    void setMetering(boolean metered, long fuelBudget, long deadlineNanos, long deadlineMillis, int maxCallDepth) {
        this.metered = metered;
        if (fuelBudget >= 0) {
            fuelLimited = true;
            fuel = (int) Math.min(SLICE, fuelBudget);
            fuelReserve = fuelBudget - fuel;
        }
        if (deadlineMillis >= 0) {
            hasDeadline = true;
            this.deadlineNanos = deadlineNanos;
            this.deadlineMillis = deadlineMillis;
        }
        if (maxCallDepth >= 0) callDepthLeft = maxCallDepth;
    }

    /** Slow path of a fuel check: the slice ran out (or was overdrawn by {@code -fuel} units). */
    final void meter() {
        if (interruptRequested) {
            interruptRequested = false;
            throw new org.wasm2jvm.api.InterruptedTrapException("interrupted");
        }
        if (hasDeadline && System.nanoTime() - deadlineNanos >= 0) {
            throw new org.wasm2jvm.api.DeadlineExceededException(
                    "deadline exceeded (" + deadlineMillis + " ms after instantiation)");
        }
        if (!fuelLimited) {
            fuel = SLICE;
            return;
        }
        long left = fuelReserve + fuel;
        if (left < 0) {
            // stay overdrawn so that every later call traps too
            fuelReserve = left;
            fuel = 0;
            throw new org.wasm2jvm.api.FuelExhaustedException("fuel exhausted");
        }
        fuel = (int) Math.min(SLICE, left);
        fuelReserve = left - fuel;
    }

    @Override
    public final long fuelLeft() {
        return fuelLimited ? Math.max(0, fuelReserve + fuel) : -1;
    }

    @Override
    public void interrupt() {
        if (!metered) {
            throw new IllegalStateException("cannot interrupt: the module was compiled without metering");
        }
        interruptRequested = true;
    }

    /** Copies linker-set state into the generated subclass's typed fields. */
    public abstract void initFields();

    /** Copies typed global fields back into {@link #globalBits}/{@link #globalRefs} (for inspection). */
    public abstract void syncGlobals();

    /** The function object of function {@code index}, created on first use and then stable. */
    public final WasmFunction func(int index) {
        WasmFunction f = functions[index];
        if (f == null) {
            f = compiled.newFunction(this, index);
            functions[index] = f;
        }
        return f;
    }

    @Override
    public Map<String, Object> exports() {
        return exports;
    }

    void setExports(LinkedHashMap<String, Object> e) {
        exports = Collections.unmodifiableMap(e);
    }
}
