package org.wasm2jvm.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.GlobalInstance;
import org.wasm2jvm.api.DeadlineExceededException;
import org.wasm2jvm.api.FuelExhaustedException;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.InterruptedTrapException;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.TableInstance;
import org.wasm2jvm.api.TrapException;
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
    /**
     * Scratch for multi-value returns: a generated function returns its first result and leaves
     * result k (k >= 1) in {@code mvBits[k]} (numbers, raw bits) or {@code mvRefs[k]} (references),
     * where the caller reads it right after the call. Null when no type has several results.
     */
    public long[] mvBits;
    public Object[] mvRefs;
    public Object[][] elemSegments;
    Map<String, Object> exports = Collections.emptyMap();

    // ---- metering (used by code compiled with CompileOptions.metering) ----

    /**
     * Fuel left in the current slice, as last stored by metered code. Metered code keeps the live
     * count in a JVM local (loaded at method entry and after calls, stored back before calls and
     * returns) and calls {@link Rt#refuel} when it goes negative. Written only by the thread
     * running the instance.
     */
    public long fuel;
    /** Fuel beyond the current slice ({@link Long#MAX_VALUE} when fuel is not limited). */
    private long fuelReserve = Long.MAX_VALUE;
    /**
     * Fuel one {@link Rt#refuel} moves from the reserve into the running code, and so the most
     * Wasm instructions that can run between two looks at {@link #signal} (about 10 µs).
     */
    static final long SLICE = 10_000;
    /**
     * The most fuel one counted loop may pay for in advance ({@link Rt#prepayLoop}), and so the
     * longest a guest runs between two looks at {@link #signal} (about 100 µs of guest code).
     */
    static final long PREPAY_LIMIT = 100_000;
    /**
     * Nonzero when another thread wants the guest stopped ({@link #INTERRUPTED}, {@link #DEADLINE});
     * read only by {@link Rt#refuel}, that is once per fuel slice.
     */
    public volatile int signal;
    /** Calls this instance may still nest; code compiled with a call-depth limit decrements at entry and increments at exit. */
    public int callDepthLeft = Integer.MAX_VALUE;
    static final int INTERRUPTED = 1, DEADLINE = 2;
    private static final VarHandle SIGNAL;

    static {
        try {
            SIGNAL = MethodHandles.lookup().findVarHandle(InstanceBase.class, "signal", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private boolean metered;
    private boolean fuelLimited;
    private long deadlineMillis;

    void setMetering(boolean metered, long fuelBudget, long deadlineNanos, long deadlineMillis, int maxCallDepth) {
        this.metered = metered;
        if (fuelBudget >= 0) {
            fuelLimited = true;
            fuelReserve = fuelBudget;
        }
        if (deadlineMillis >= 0) {
            this.deadlineMillis = deadlineMillis;
            Deadlines.schedule(this, deadlineNanos);
        }
        if (maxCallDepth >= 0) callDepthLeft = maxCallDepth;
    }

    /** Called by the shared deadline timer. */
    final void deadlinePassed() {
        SIGNAL.getAndBitwiseOr(this, DEADLINE);
    }

    /**
     * The slow path of a fuel check: the running code's fuel {@code local} went negative. Stops
     * the guest when interrupted or past the deadline (the only read of {@link #signal}), else
     * moves up to one {@link #SLICE} at a time from the reserve until {@code local} is not
     * negative, and returns it; out of reserve, the guest is out of fuel.
     */
    final long refuel(long local) {
        checkSignal();
        while (local < 0) {
            if (fuelReserve <= 0) {
                // out of fuel; stay at -1 so that every later call traps too (and fuel cannot wrap)
                fuel = -1;
                fuelReserve = 0;
                throw new FuelExhaustedException("fuel exhausted");
            }
            long take = Math.min(SLICE, fuelReserve);
            fuelReserve -= take;
            local += take;
        }
        fuel = local;
        return local;
    }

    /** Stops the guest when another thread interrupted it or its deadline passed. */
    private void checkSignal() {
        int s = signal;
        if ((s & INTERRUPTED) != 0) {
            SIGNAL.getAndBitwiseAnd(this, ~INTERRUPTED); // the trap consumes the request
            throw new InterruptedTrapException("interrupted");
        }
        if ((s & DEADLINE) != 0) {
            throw new DeadlineExceededException("deadline exceeded (" + deadlineMillis + " ms after instantiation)");
        }
    }

    /** See {@link Rt#refuelGroup}. */
    final long refuelGroup(long local, long groupCost) {
        checkSignal();
        while (local < 0) {
            if (fuelReserve <= 0) {
                fuel = local + groupCost;
                return ~fuel;
            }
            long take = Math.min(SLICE, fuelReserve);
            fuelReserve -= take;
            local += take;
        }
        fuel = local;
        return local;
    }

    /**
     * Pays {@code need} (more than {@code local}, at most {@link #PREPAY_LIMIT}) for a counted
     * loop: first the same interrupt/deadline check as {@link #refuel}, then moves what is
     * missing plus up to a slice from the reserve. Returns the fuel left after paying, or -1
     * (nothing moved) when the reserve cannot cover it.
     */
    final long prepay(long local, long need) {
        checkSignal();
        long missing = need - local;
        if (fuelReserve < missing) return -1;
        long take = Math.min(fuelReserve, missing + SLICE);
        fuelReserve -= take;
        fuel = local + take - need;
        return fuel;
    }

    @Override
    public final long fuelLeft() {
        return fuelLimited ? Math.max(0, fuel + fuelReserve) : -1;
    }

    @Override
    public void interrupt() {
        if (!metered) {
            throw new IllegalStateException("cannot interrupt: the module was compiled without metering");
        }
        SIGNAL.getAndBitwiseOr(this, INTERRUPTED);
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
