package org.wasm2jvm.api;

/**
 * A global variable cell, shared by every instance that imports or exports it. Numeric values
 * are held as raw bits in {@link #bits} (f32 as its int bits, f64 as its long bits), references
 * in {@link #ref}.
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/runtime.html#global-instances">Spec 4.2.9 Global Instances</a>
 */
public final class GlobalInstance {
    private final ValType type;
    private final boolean mutable;
    /** Internal: read and written by generated code. */
    public long bits;
    public Object ref;

    public GlobalInstance(ValType type, boolean mutable) {
        this.type = type;
        this.mutable = mutable;
    }

    public static GlobalInstance ofI32(int v, boolean mutable) {
        GlobalInstance g = new GlobalInstance(ValType.I32, mutable);
        g.bits = v;
        return g;
    }

    public static GlobalInstance ofI64(long v, boolean mutable) {
        GlobalInstance g = new GlobalInstance(ValType.I64, mutable);
        g.bits = v;
        return g;
    }

    public static GlobalInstance ofF32(float v, boolean mutable) {
        GlobalInstance g = new GlobalInstance(ValType.F32, mutable);
        g.bits = Float.floatToRawIntBits(v);
        return g;
    }

    public static GlobalInstance ofF64(double v, boolean mutable) {
        GlobalInstance g = new GlobalInstance(ValType.F64, mutable);
        g.bits = Double.doubleToRawLongBits(v);
        return g;
    }

    public static GlobalInstance ofRef(ValType type, Object v, boolean mutable) {
        GlobalInstance g = new GlobalInstance(type, mutable);
        g.ref = v;
        return g;
    }

    public ValType type() {
        return type;
    }

    public boolean mutable() {
        return mutable;
    }

    /** The value boxed: Integer, Long, Float, Double, or the reference. */
    public Object get() {
        switch (type) {
            case I32: return (int) bits;
            case I64: return bits;
            case F32: return Float.intBitsToFloat((int) bits);
            case F64: return Double.longBitsToDouble(bits);
            default: return ref;
        }
    }

    /** Sets from a boxed value as returned by {@link #get()}. */
    public void set(Object v) {
        switch (type) {
            case I32: bits = ((Number) v).intValue(); break;
            case I64: bits = ((Number) v).longValue(); break;
            case F32: bits = Float.floatToRawIntBits((Float) v); break;
            case F64: bits = Double.doubleToRawLongBits((Double) v); break;
            default: ref = v; break;
        }
    }
}
