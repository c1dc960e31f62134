package org.wasm2jvm.runtime;

import java.nio.ByteBuffer;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.TrapException;

/**
 * Memory access helpers called by generated code. Each is tiny so HotSpot inlines it into the
 * caller; bounds are checked by the buffer itself (its limit is the memory size) and the
 * generated method turns the resulting {@link IndexOutOfBoundsException} into the trap. What the
 * buffer cannot see is a wrapped effective address, so variants with a static offset check
 * {@code (addr | ea) < 0}: a negative {@code addr} is an unsigned address of 2 GiB or more, a
 * negative {@code ea} an overflow — both are beyond any memory the JVM can hold.
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions">Spec 4.4.7 Memory Instructions</a>
 */
public final class Mem {
    private Mem() {
    }

    public static TrapException oob() {
        return new TrapException("out of bounds memory access");
    }

    /** Effective address for a static offset in [0, 2^31). */
    public static int ea(int addr, int offset) {
        int ea = addr + offset;
        if ((addr | ea) < 0) throw oob();
        return ea;
    }

    /** Effective address for a static offset of 2^31 or more: never inside a JVM-sized memory. */
    public static int eaHuge(int addr, long offset) {
        throw oob();
    }

    public static int i32Load(int addr, ByteBuffer m) { return m.getInt(addr); }
    public static long i64Load(int addr, ByteBuffer m) { return m.getLong(addr); }
    public static float f32Load(int addr, ByteBuffer m) { return Float.intBitsToFloat(m.getInt(addr)); }
    public static double f64Load(int addr, ByteBuffer m) { return Double.longBitsToDouble(m.getLong(addr)); }
    public static int i32Load8S(int addr, ByteBuffer m) { return m.get(addr); }
    public static int i32Load8U(int addr, ByteBuffer m) { return m.get(addr) & 0xFF; }
    public static int i32Load16S(int addr, ByteBuffer m) { return m.getShort(addr); }
    public static int i32Load16U(int addr, ByteBuffer m) { return m.getShort(addr) & 0xFFFF; }
    public static long i64Load8S(int addr, ByteBuffer m) { return m.get(addr); }
    public static long i64Load8U(int addr, ByteBuffer m) { return m.get(addr) & 0xFFL; }
    public static long i64Load16S(int addr, ByteBuffer m) { return m.getShort(addr); }
    public static long i64Load16U(int addr, ByteBuffer m) { return m.getShort(addr) & 0xFFFFL; }
    public static long i64Load32S(int addr, ByteBuffer m) { return m.getInt(addr); }
    public static long i64Load32U(int addr, ByteBuffer m) { return m.getInt(addr) & 0xFFFFFFFFL; }

    public static void i32Store(int addr, int v, ByteBuffer m) { m.putInt(addr, v); }
    public static void i64Store(int addr, long v, ByteBuffer m) { m.putLong(addr, v); }
    public static void f32Store(int addr, float v, ByteBuffer m) { m.putInt(addr, Float.floatToRawIntBits(v)); }
    public static void f64Store(int addr, double v, ByteBuffer m) { m.putLong(addr, Double.doubleToRawLongBits(v)); }
    public static void i32Store8(int addr, int v, ByteBuffer m) { m.put(addr, (byte) v); }
    public static void i32Store16(int addr, int v, ByteBuffer m) { m.putShort(addr, (short) v); }
    public static void i64Store8(int addr, long v, ByteBuffer m) { m.put(addr, (byte) v); }
    public static void i64Store16(int addr, long v, ByteBuffer m) { m.putShort(addr, (short) v); }
    public static void i64Store32(int addr, long v, ByteBuffer m) { m.putInt(addr, (int) v); }

    // Stores with a static offset: the value sits between address and buffer on the JVM stack.
    public static void i32Store(int addr, int v, int off, ByteBuffer m) { m.putInt(ea(addr, off), v); }
    public static void i64Store(int addr, long v, int off, ByteBuffer m) { m.putLong(ea(addr, off), v); }
    public static void f32Store(int addr, float v, int off, ByteBuffer m) { m.putInt(ea(addr, off), Float.floatToRawIntBits(v)); }
    public static void f64Store(int addr, double v, int off, ByteBuffer m) { m.putLong(ea(addr, off), Double.doubleToRawLongBits(v)); }
    public static void i32Store8(int addr, int v, int off, ByteBuffer m) { m.put(ea(addr, off), (byte) v); }
    public static void i32Store16(int addr, int v, int off, ByteBuffer m) { m.putShort(ea(addr, off), (short) v); }
    public static void i64Store8(int addr, long v, int off, ByteBuffer m) { m.put(ea(addr, off), (byte) v); }
    public static void i64Store16(int addr, long v, int off, ByteBuffer m) { m.putShort(ea(addr, off), (short) v); }
    public static void i64Store32(int addr, long v, int off, ByteBuffer m) { m.putInt(ea(addr, off), (int) v); }

    private static boolean outOfRange(int start, int n, long size) {
        return Integer.toUnsignedLong(start) + Integer.toUnsignedLong(n) > size;
    }

    /** {@code memory.fill}. */
    public static void fill(int d, int val, int n, MemoryInstance mem) {
        ByteBuffer b = mem.buffer;
        if (outOfRange(d, n, b.limit())) throw oob();
        byte v = (byte) val;
        if (b.hasArray()) {
            java.util.Arrays.fill(b.array(), b.arrayOffset() + d, b.arrayOffset() + d + n, v);
        } else {
            for (int i = 0; i < n; i++) b.put(d + i, v);
        }
    }

    /** {@code memory.copy} within one memory (overlap-safe). */
    public static void copy(int d, int s, int n, MemoryInstance mem) {
        ByteBuffer b = mem.buffer;
        if (outOfRange(s, n, b.limit()) || outOfRange(d, n, b.limit())) throw oob();
        if (b.hasArray()) {
            System.arraycopy(b.array(), b.arrayOffset() + s, b.array(), b.arrayOffset() + d, n);
        } else {
            b.put(d, b.duplicate(), s, n);
        }
    }

    /** {@code memory.init} and active data segments. */
    public static void init(int d, int s, int n, MemoryInstance mem, byte[] seg) {
        ByteBuffer b = mem.buffer;
        if (outOfRange(s, n, seg.length) || outOfRange(d, n, b.limit())) throw oob();
        b.put(d, seg, s, n);
    }

    public static void init(int d, int s, int n, int seg, InstanceBase inst) {
        init(d, s, n, inst.memory0, inst.dataSegments[seg]);
    }
}
