package org.wasm2jvm.runtime;

import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.TableInstance;
import org.wasm2jvm.api.TrapException;
import org.wasm2jvm.api.WasmFunction;

/**
 * Numeric, table and trap helpers called by generated code. Small and static so that C2 inlines
 * them; each implements one instruction's exact spec semantics.
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/numerics.html">Spec 4.3 Numerics</a>
 */
public final class Rt {
    private Rt() {
    }

    private static final Object[] NO_ELEMS = new Object[0];

    public static TrapException unreachable() {
        return new TrapException("unreachable");
    }

    /**
     * The slow path of a metered fuel check, taken when the in-line refill cannot (another thread
     * signalled, or the reserve holds less than a slice; see {@link InstanceBase#meter}): refills
     * the running fuel {@code inst.fuel}, or throws the interrupt, deadline or out-of-fuel trap.
     */
    public static void refuel(InstanceBase inst) {
        inst.refuel();
    }

    /**
     * Metered code, before a counted loop (one the code generator proved to stop after a number
     * of iterations it works out at entry, see {@link LoopTrips}) whose cost {@code need} is more
     * than the running code's fuel {@code running}: pays for every iteration at once from the
     * reserve, so the loop itself runs without fuel checks. Returns the fuel left after paying
     * (not negative) to take the unchecked copy of the loop, or {@code ~running} (negative) to take
     * the copy checked per iteration: when paying needs more than
     * {@link InstanceBase#PREPAY_LIMIT} units, or when the budget cannot cover it (the checked
     * copy then traps at the exact iteration where fuel runs out). Notices interruption and
     * deadlines like {@link #refuel}.
     */
    public static long prepayLoop(long running, long need, InstanceBase inst) {
        if (need <= InstanceBase.PREPAY_LIMIT) {
            long left = inst.prepay(running, need);
            if (left >= 0) return left;
        }
        return ~running;
    }

    /**
     * The slow path of the check before a group of loop iterations paid together: {@code running}
     * went negative after charging {@code groupCost}. Like {@link #refuel} (and, like it, the
     * place where interruption and deadlines are noticed), but when the budget cannot cover the
     * whole group it does not trap: it returns {@code ~(fuel before the charge)} (negative) and the
     * loop goes on checked per iteration, so that it stops at the exact iteration.
     */
    public static long refuelGroup(long running, long groupCost, InstanceBase inst) {
        return inst.refuelGroup(running, groupCost);
    }

    /** The trap at a function entry beyond {@code InstanceLimits.maxCallDepth}. */
    public static TrapException callDepthExceeded() {
        return new TrapException("call stack exhausted");
    }

    /** An out-of-bounds exception that host code let escape into generated code (see HostFunction.HostException). */
    public static org.wasm2jvm.api.HostFunction.HostException hostIndexError(IndexOutOfBoundsException e) {
        return new org.wasm2jvm.api.HostFunction.HostException(e);
    }

    /** Turns an out-of-bounds exception raised by a memory access in generated code into the trap. */
    public static TrapException memoryTrap(IndexOutOfBoundsException e) {
        return new TrapException("out of bounds memory access");
    }

    private static TrapException divByZero() {
        return new TrapException("integer divide by zero");
    }

    private static TrapException overflow() {
        return new TrapException("integer overflow");
    }

    private static TrapException invalidConversion() {
        return new TrapException("invalid conversion to integer");
    }

    // ---- integer division ----

    public static int i32DivS(int a, int b) {
        if (b == 0) throw divByZero();
        if (b == -1 && a == Integer.MIN_VALUE) throw overflow();
        return a / b;
    }

    public static int i32DivU(int a, int b) {
        if (b == 0) throw divByZero();
        return Integer.divideUnsigned(a, b);
    }

    public static int i32RemS(int a, int b) {
        if (b == 0) throw divByZero();
        return b == -1 ? 0 : a % b;
    }

    public static int i32RemU(int a, int b) {
        if (b == 0) throw divByZero();
        return Integer.remainderUnsigned(a, b);
    }

    public static long i64DivS(long a, long b) {
        if (b == 0) throw divByZero();
        if (b == -1 && a == Long.MIN_VALUE) throw overflow();
        return a / b;
    }

    public static long i64DivU(long a, long b) {
        if (b == 0) throw divByZero();
        return Long.divideUnsigned(a, b);
    }

    public static long i64RemS(long a, long b) {
        if (b == 0) throw divByZero();
        return b == -1 ? 0 : a % b;
    }

    public static long i64RemU(long a, long b) {
        if (b == 0) throw divByZero();
        return Long.remainderUnsigned(a, b);
    }

    // ---- floats: sign operations on raw bits so NaN payloads survive ----

    public static float f32Abs(float a) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) & 0x7FFFFFFF);
    }

    public static float f32Neg(float a) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) ^ 0x80000000);
    }

    public static float f32Copysign(float a, float b) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(a) & 0x7FFFFFFF) | (Float.floatToRawIntBits(b) & 0x80000000));
    }

    public static double f64Abs(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0x7FFFFFFFFFFFFFFFL);
    }

    public static double f64Neg(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) ^ 0x8000000000000000L);
    }

    public static double f64Copysign(double a, double b) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(a) & 0x7FFFFFFFFFFFFFFFL)
                | (Double.doubleToRawLongBits(b) & 0x8000000000000000L));
    }

    /** min: a NaN operand gives a quiet NaN (arithmetic NaN); -0 is below +0. */
    public static float f32Min(float a, float b) {
        if (a != a || b != b) return a + b;
        if (a == 0 && b == 0) return (Float.floatToRawIntBits(a) | Float.floatToRawIntBits(b)) < 0 ? -0.0f : 0.0f;
        return a < b ? a : b;
    }

    public static float f32Max(float a, float b) {
        if (a != a || b != b) return a + b;
        if (a == 0 && b == 0) return (Float.floatToRawIntBits(a) & Float.floatToRawIntBits(b)) < 0 ? -0.0f : 0.0f;
        return a > b ? a : b;
    }

    public static double f64Min(double a, double b) {
        if (a != a || b != b) return a + b;
        if (a == 0 && b == 0) {
            return (Double.doubleToRawLongBits(a) | Double.doubleToRawLongBits(b)) < 0 ? -0.0d : 0.0d;
        }
        return a < b ? a : b;
    }

    public static double f64Max(double a, double b) {
        if (a != a || b != b) return a + b;
        if (a == 0 && b == 0) {
            return (Double.doubleToRawLongBits(a) & Double.doubleToRawLongBits(b)) < 0 ? -0.0d : 0.0d;
        }
        return a > b ? a : b;
    }

    // f32 rounding through double is exact: every float is a double, and the rounded value is
    // representable as a float again.
    public static float f32Ceil(float a) {
        return (float) Math.ceil(a);
    }

    public static float f32Floor(float a) {
        return (float) Math.floor(a);
    }

    public static float f32Trunc(float a) {
        return (float) f64Trunc(a);
    }

    public static float f32Nearest(float a) {
        return (float) Math.rint(a);
    }

    public static float f32Sqrt(float a) {
        return (float) Math.sqrt(a);
    }

    // Math.ceil/floor/rint may return a signalling NaN unchanged (the spec wants it quieted):
    // a + a quiets it and keeps the payload.
    public static double f64Ceil(double a) {
        return a != a ? a + a : Math.ceil(a);
    }

    public static double f64Floor(double a) {
        return a != a ? a + a : Math.floor(a);
    }

    public static double f64Nearest(double a) {
        return a != a ? a + a : Math.rint(a);
    }

    public static double f64Trunc(double a) {
        if (a != a) return a + a;
        return a < 0 ? Math.ceil(a) : Math.floor(a);
    }

    // ---- trapping float -> int ----

    public static int i32TruncF32S(float a) {
        if (a != a) throw invalidConversion();
        if (!(a >= -2147483648f && a < 2147483648f)) throw overflow();
        return (int) a;
    }

    public static int i32TruncF32U(float a) {
        if (a != a) throw invalidConversion();
        if (!(a > -1f && a < 4294967296f)) throw overflow();
        return (int) (long) a;
    }

    public static int i32TruncF64S(double a) {
        if (a != a) throw invalidConversion();
        if (!(a > -2147483649d && a < 2147483648d)) throw overflow();
        return (int) a;
    }

    public static int i32TruncF64U(double a) {
        if (a != a) throw invalidConversion();
        if (!(a > -1d && a < 4294967296d)) throw overflow();
        return (int) (long) a;
    }

    public static long i64TruncF32S(float a) {
        if (a != a) throw invalidConversion();
        if (!(a >= -9.223372036854775808E18f && a < 9.223372036854775808E18f)) throw overflow();
        return (long) a;
    }

    public static long i64TruncF32U(float a) {
        if (a != a) throw invalidConversion();
        if (!(a > -1f && a < 1.8446744073709551616E19f)) throw overflow();
        return f64ToU64(a);
    }

    public static long i64TruncF64S(double a) {
        if (a != a) throw invalidConversion();
        if (!(a >= -9.223372036854775808E18d && a < 9.223372036854775808E18d)) throw overflow();
        return (long) a;
    }

    public static long i64TruncF64U(double a) {
        if (a != a) throw invalidConversion();
        if (!(a > -1d && a < 1.8446744073709551616E19d)) throw overflow();
        return f64ToU64(a);
    }

    /** a in (-1, 2^64): truncate to an unsigned 64-bit integer. */
    private static long f64ToU64(double a) {
        if (a < 9.223372036854775808E18d) return (long) a;
        return (long) (a - 9.223372036854775808E18d) + Long.MIN_VALUE;
    }

    // ---- saturating float -> unsigned int (signed ones are plain JVM casts) ----

    public static int i32TruncSatF32U(float a) {
        return i32TruncSatF64U(a);
    }

    public static int i32TruncSatF64U(double a) {
        if (!(a > -1d)) return 0; // NaN too
        if (a >= 4294967296d) return -1;
        return (int) (long) a;
    }

    public static long i64TruncSatF32U(float a) {
        return i64TruncSatF64U(a);
    }

    public static long i64TruncSatF64U(double a) {
        if (!(a > -1d)) return 0;
        if (a >= 1.8446744073709551616E19d) return -1L;
        return f64ToU64(a);
    }

    // ---- unsigned int -> float, rounded once ----

    public static float f32ConvertI32U(int a) {
        return (float) Integer.toUnsignedLong(a);
    }

    public static float f32ConvertI64U(long a) {
        if (a >= 0) return (float) a;
        // Halve keeping the lost bit as a sticky bit so the single rounding stays correct.
        float f = (float) ((a >>> 1) | (a & 1));
        return f * 2f;
    }

    public static double f64ConvertI32U(int a) {
        return (double) Integer.toUnsignedLong(a);
    }

    public static double f64ConvertI64U(long a) {
        if (a >= 0) return (double) a;
        double d = (double) ((a >>> 1) | (a & 1));
        return d * 2d;
    }

    // ---- tables ----

    private static TrapException tableOob() {
        return new TrapException("out of bounds table access");
    }

    public static Object tableGet(int i, TableInstance t) {
        if (i < 0 || i >= t.size) throw tableOob();
        return t.elements[i];
    }

    public static void tableSet(int i, Object v, TableInstance t) {
        if (i < 0 || i >= t.size) throw tableOob();
        t.elements[i] = v;
    }

    public static int tableGrow(Object init, int n, TableInstance t) {
        return t.grow(n, init);
    }

    public static void tableFill(int i, Object v, int n, TableInstance t) {
        if (Integer.toUnsignedLong(i) + Integer.toUnsignedLong(n) > t.size) throw tableOob();
        Arrays.fill(t.elements, i, i + n, v);
    }

    public static void tableCopy(int d, int s, int n, TableInstance dst, TableInstance src) {
        if (Integer.toUnsignedLong(s) + Integer.toUnsignedLong(n) > src.size
                || Integer.toUnsignedLong(d) + Integer.toUnsignedLong(n) > dst.size) {
            throw tableOob();
        }
        System.arraycopy(src.elements, s, dst.elements, d, n);
    }

    public static void tableInit(int d, int s, int n, TableInstance t, Object[] seg) {
        if (Integer.toUnsignedLong(s) + Integer.toUnsignedLong(n) > seg.length
                || Integer.toUnsignedLong(d) + Integer.toUnsignedLong(n) > t.size) {
            throw tableOob();
        }
        System.arraycopy(seg, s, t.elements, d, n);
    }

    public static void tableInit(int d, int s, int n, int table, int seg, InstanceBase inst) {
        tableInit(d, s, n, inst.tables[table], inst.elemSegments[seg]);
    }

    public static void elemDrop(int seg, InstanceBase inst) {
        inst.elemSegments[seg] = NO_ELEMS;
    }

    public static void dataDrop(int seg, InstanceBase inst) {
        inst.dataSegments[seg] = new byte[0];
    }

    /**
     * {@code call_indirect} in code that counts call depth: like {@link #indirectTarget(int,
     * TableInstance, FuncType)}, but a function of the calling instance itself is called without
     * the boundary that puts the count back after an exception ({@link CallDepthBoundary}): the
     * caller's own entry into the instance does that once, instead of in every frame of a deep
     * recursion.
     */
    public static MethodHandle indirectTarget(int i, TableInstance t, FuncType expected, InstanceBase caller) {
        WasmFunction f = indirectElement(i, t, expected);
        if (f instanceof CompiledFunction && ((CompiledFunction) f).instance() == caller) {
            return ((CompiledFunction) f).rawHandle();
        }
        return f.handle();
    }

    /**
     * {@code call_indirect}: checks the element and its signature and returns the handle to
     * invoke exactly.
     */
    public static MethodHandle indirectTarget(int i, TableInstance t, FuncType expected) {
        return indirectElement(i, t, expected).handle();
    }

    private static WasmFunction indirectElement(int i, TableInstance t, FuncType expected) {
        if (i < 0 || i >= t.size) throw new TrapException("undefined element " + i);
        Object e = t.elements[i];
        if (e == null) throw new TrapException("uninitialized element " + i);
        WasmFunction f = (WasmFunction) e;
        FuncType ft = f.type();
        if (ft != expected && !ft.equals(expected)) throw new TrapException("indirect call type mismatch");
        return f;
    }

    public static Object refFunc(int index, InstanceBase inst) {
        return inst.func(index);
    }
}
