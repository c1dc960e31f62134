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
     * Fuel left in the current slice: the running count of metered code, which charges it in
     * place at function entries and loop headers and refills it from {@link #meter} when it goes
     * negative. Written only by the thread running the instance.
     */
    public long fuel;
    /**
     * The fuel reserve and the stop signal, read together by the refill of metered code.
     * Element {@link #RESERVE}: fuel beyond the current slice ({@link Long#MAX_VALUE} when fuel is
     * not limited), written only by the thread running the instance. Element {@link #SIGNAL}:
     * {@link #RAISED} plus flags ({@link #INTERRUPTED}, {@link #DEADLINE}) when another thread
     * wants the guest stopped, else 0; set atomically by that thread ({@link #SIGNAL_BITS}).
     *
     * <p>Each time metered code's running fuel goes negative, it takes a {@link #SLICE} with a refill
     * the code generator writes in line (no call): {@code v = reserve - SLICE; s = v | signal; if
     * (s >= 0) reserve = v} — one test, as a raised signal is negative. Only when that fails does
     * the code call {@link Rt#refuel} (or {@link Rt#refuelGroup}, {@link Rt#prepayLoop}), which
     * reads the signal with a volatile load and throws the trap or pays the rest of the budget. A
     * call or a volatile read in a loop, even on the rarely taken refill path, is compiled in by
     * C2 once taken and merges all memory state at the loop head, so the loop reloads on every
     * iteration what it would otherwise hoist: on Temurin 25 that was what kept metered matmul
     * 1.7x slower than plain in one JVM out of two. (The refill was first a call to a 34-byte
     * helper, which C2 inlines where the call site is well reached but not at a refill its
     * profile saw hardly ever taken: metered quicksort kept such a call in its partition loop.)
     * One array rather than two, so that a loop holds one hoisted pointer for the refill rather
     * than two.
     *
     * <p>Why the plain load of the signal sees another thread's write: a JIT may reuse a loaded
     * value only while no store that may alias it intervenes, and every refill stores the
     * reserve. The refill reads the signal at index {@code 1 ^ (int) (v >>> 63)}: that is
     * 1 whenever the reserve holds the slice (when it does not, the slow path is taken anyway), but
     * to the compiler it may be 0, the element the refill stores, so the load can neither be
     * hoisted out of a loop nor forwarded from an earlier refill. (With a constant index 1 the
     * compiler could prove the two elements apart and keep the first value it read for the whole
     * loop.) Past the compiler, caches are coherent; the JMM alone would not promise that a plain
     * load ever sees the write. {@code CompiledLoopSignalTest} interrupts and times out loops of
     * each metered shape after C2 has compiled them.
     */
    public final long[] meter = {Long.MAX_VALUE, 0};
    /** Indexes into {@link #meter}. */
    public static final int RESERVE = 0, SIGNAL = 1;
    /**
     * Fuel one refill moves from the reserve into the running code, and so the most Wasm
     * instructions that can run between two looks at the signal (about 10 µs).
     */
    public static final long SLICE = 10_000;
    /**
     * The most fuel one counted loop may pay for in advance ({@link Rt#prepayLoop}), and so the
     * longest a guest runs between two looks at the signal (about 100 µs of guest code).
     */
    public static final long PREPAY_LIMIT = 100_000;
    /** Calls this instance may still nest; code compiled with a call-depth limit decrements at entry and increments at exit. */
    public int callDepthLeft = Integer.MAX_VALUE;
    /** Signal flags; a signal with any flag also has the sign bit ({@link #RAISED}) set. */
    static final long INTERRUPTED = 1, DEADLINE = 2, RAISED = Long.MIN_VALUE;
    /** Atomic and volatile access to the signal ({@code meter[SIGNAL]}). */
    private static final VarHandle SIGNAL_BITS = MethodHandles.arrayElementVarHandle(long[].class);

    private boolean metered;
    private boolean fuelLimited;
    private long deadlineMillis;

    void setMetering(boolean metered, long fuelBudget, long deadlineNanos, long deadlineMillis, int maxCallDepth) {
        this.metered = metered;
        if (fuelBudget >= 0) {
            fuelLimited = true;
            meter[RESERVE] = fuelBudget;
        }
        if (deadlineMillis >= 0) {
            this.deadlineMillis = deadlineMillis;
            Deadlines.schedule(this, deadlineNanos);
        }
        if (maxCallDepth >= 0) callDepthLeft = maxCallDepth;
    }

    /** Called by the shared deadline timer. */
    final void deadlinePassed() {
        long was = (long) SIGNAL_BITS.getAndBitwiseOr(meter, SIGNAL, RAISED | DEADLINE);
    }

    /**
     * The slow path of a fuel check: the running fuel {@link #fuel} went negative. Stops the guest
     * when interrupted or past the deadline (a volatile read of the signal), else moves up to one
     * {@link #SLICE} at a time from the reserve until {@code fuel} is not negative; out of
     * reserve, the guest is out of fuel.
     */
    final void refuel() {
        checkSignal();
        long[] m = meter;
        long running = fuel;
        while (running < 0) {
            if (m[RESERVE] <= 0) {
                // out of fuel; stay at -1 so that every later call traps too (and fuel cannot wrap)
                fuel = -1;
                m[RESERVE] = 0;
                throw new FuelExhaustedException("fuel exhausted");
            }
            long take = Math.min(SLICE, m[RESERVE]);
            m[RESERVE] -= take;
            running += take;
        }
        fuel = running;
    }

    /** Stops the guest when another thread interrupted it or its deadline passed. */
    private void checkSignal() {
        long s = (long) SIGNAL_BITS.getVolatile(meter, SIGNAL);
        if ((s & INTERRUPTED) != 0) {
            // the trap consumes the request; with no other flag left the signal is not raised
            long cur;
            long next;
            do {
                cur = (long) SIGNAL_BITS.getVolatile(meter, SIGNAL);
                next = cur & ~INTERRUPTED;
                if (next == RAISED) next = 0;
            } while (!SIGNAL_BITS.compareAndSet(meter, SIGNAL, cur, next));
            throw new InterruptedTrapException("interrupted");
        }
        if ((s & DEADLINE) != 0) {
            throw new DeadlineExceededException("deadline exceeded (" + deadlineMillis + " ms after instantiation)");
        }
    }

    /** See {@link Rt#refuelGroup}. */
    final long refuelGroup(long running, long groupCost) {
        checkSignal();
        long[] m = meter;
        while (running < 0) {
            if (m[RESERVE] <= 0) {
                fuel = running + groupCost;
                return ~fuel;
            }
            long take = Math.min(SLICE, m[RESERVE]);
            m[RESERVE] -= take;
            running += take;
        }
        fuel = running;
        return running;
    }

    /**
     * Pays {@code need} (more than {@code running}, at most {@link #PREPAY_LIMIT}) for a counted
     * loop: first the same interrupt/deadline check as {@link #refuel}, then moves what is
     * missing plus up to a slice from the reserve. Returns the fuel left after paying, or -1
     * (nothing moved) when the reserve cannot cover it.
     */
    final long prepay(long running, long need) {
        checkSignal();
        long[] m = meter;
        long missing = need - running;
        if (m[RESERVE] < missing) return -1;
        long take = Math.min(m[RESERVE], missing + SLICE);
        m[RESERVE] -= take;
        fuel = running + take - need;
        return fuel;
    }

    @Override
    public final long fuelLeft() {
        return fuelLimited ? Math.max(0, fuel + meter[RESERVE]) : -1;
    }

    @Override
    public void interrupt() {
        if (!metered) {
            throw new IllegalStateException("cannot interrupt: the module was compiled without metering");
        }
        long was = (long) SIGNAL_BITS.getAndBitwiseOr(meter, SIGNAL, RAISED | INTERRUPTED);
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
