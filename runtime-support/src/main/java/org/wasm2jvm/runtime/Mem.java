package org.wasm2jvm.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.TrapException;

/**
 * Memory access helpers called by generated code, which passes the memory's array and size from
 * two locals ({@link MemoryInstance#bytes}, {@link MemoryInstance#size}). Each is tiny so HotSpot
 * inlines it into the caller. While the array is exactly the memory's size, the JVM's own bounds
 * check on it (the array index, or the byte-array view's) is the Wasm bounds check, and the test
 * {@code m.length != size} is loop-invariant and never true, so C2 hoists it out of loops or
 * compiles it as a guard; a memory with spare room checks {@code size} first. Either way a bad
 * address ends in an {@link IndexOutOfBoundsException}, which the generated method turns into the
 * trap. What neither check can see is a wrapped effective address, so variants with a static
 * offset check {@code (addr | ea) < 0}: a negative {@code addr} is an unsigned address of 2 GiB
 * or more, a negative {@code ea} an overflow — both are beyond any memory the JVM can hold.
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions">Spec 4.4.7 Memory Instructions</a>
 */
public final class Mem {
    private Mem() {
    }

    /**
     * Little-endian views of a memory's array, 2, 4 and 8 bytes wide; also what
     * {@code MemoryInstance}'s accessors and WASI's guest-memory access read and write through.
     */
    public static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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

    public static int i32Load(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 3);
        return (int) I32.get(m, addr);
    }

    public static long i64Load(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 7);
        return (long) I64.get(m, addr);
    }

    public static float f32Load(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 3);
        return Float.intBitsToFloat((int) I32.get(m, addr));
    }

    public static double f64Load(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 7);
        return Double.longBitsToDouble((long) I64.get(m, addr));
    }

    public static int i32Load8S(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size);
        return m[addr];
    }

    public static int i32Load8U(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size);
        return m[addr] & 0xFF;
    }

    public static int i32Load16S(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 1);
        return (short) I16.get(m, addr);
    }

    public static int i32Load16U(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 1);
        return (short) I16.get(m, addr) & 0xFFFF;
    }

    public static long i64Load8S(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size);
        return m[addr];
    }

    public static long i64Load8U(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size);
        return m[addr] & 0xFFL;
    }

    public static long i64Load16S(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 1);
        return (short) I16.get(m, addr);
    }

    public static long i64Load16U(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 1);
        return (short) I16.get(m, addr) & 0xFFFFL;
    }

    public static long i64Load32S(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 3);
        return (int) I32.get(m, addr);
    }

    public static long i64Load32U(int addr, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 3);
        return (int) I32.get(m, addr) & 0xFFFFFFFFL;
    }

    public static void i32Store(int addr, int v, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 3);
        I32.set(m, addr, v);
    }

    public static void i64Store(int addr, long v, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 7);
        I64.set(m, addr, v);
    }

    public static void f32Store(int addr, float v, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 3);
        I32.set(m, addr, Float.floatToRawIntBits(v));
    }

    public static void f64Store(int addr, double v, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 7);
        I64.set(m, addr, Double.doubleToRawLongBits(v));
    }

    public static void i32Store8(int addr, int v, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size);
        m[addr] = (byte) v;
    }

    public static void i32Store16(int addr, int v, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 1);
        I16.set(m, addr, (short) v);
    }

    public static void i64Store8(int addr, long v, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size);
        m[addr] = (byte) v;
    }

    public static void i64Store16(int addr, long v, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 1);
        I16.set(m, addr, (short) v);
    }

    public static void i64Store32(int addr, long v, byte[] m, int size) {
        if (m.length != size) Objects.checkIndex(addr, size - 3);
        I32.set(m, addr, (int) v);
    }

    // Stores with a static offset: the value sits between address and buffer on the JVM stack.
    public static void i32Store(int addr, int v, int off, byte[] m, int size) {
        int a = ea(addr, off);
        if (m.length != size) Objects.checkIndex(a, size - 3);
        I32.set(m, a, v);
    }

    public static void i64Store(int addr, long v, int off, byte[] m, int size) {
        int a = ea(addr, off);
        if (m.length != size) Objects.checkIndex(a, size - 7);
        I64.set(m, a, v);
    }

    public static void f32Store(int addr, float v, int off, byte[] m, int size) {
        int a = ea(addr, off);
        if (m.length != size) Objects.checkIndex(a, size - 3);
        I32.set(m, a, Float.floatToRawIntBits(v));
    }

    public static void f64Store(int addr, double v, int off, byte[] m, int size) {
        int a = ea(addr, off);
        if (m.length != size) Objects.checkIndex(a, size - 7);
        I64.set(m, a, Double.doubleToRawLongBits(v));
    }

    public static void i32Store8(int addr, int v, int off, byte[] m, int size) {
        int a = ea(addr, off);
        if (m.length != size) Objects.checkIndex(a, size);
        m[a] = (byte) v;
    }

    public static void i32Store16(int addr, int v, int off, byte[] m, int size) {
        int a = ea(addr, off);
        if (m.length != size) Objects.checkIndex(a, size - 1);
        I16.set(m, a, (short) v);
    }

    public static void i64Store8(int addr, long v, int off, byte[] m, int size) {
        int a = ea(addr, off);
        if (m.length != size) Objects.checkIndex(a, size);
        m[a] = (byte) v;
    }

    public static void i64Store16(int addr, long v, int off, byte[] m, int size) {
        int a = ea(addr, off);
        if (m.length != size) Objects.checkIndex(a, size - 1);
        I16.set(m, a, (short) v);
    }

    public static void i64Store32(int addr, long v, int off, byte[] m, int size) {
        int a = ea(addr, off);
        if (m.length != size) Objects.checkIndex(a, size - 3);
        I32.set(m, a, (int) v);
    }

    private static boolean outOfRange(int start, int n, long size) {
        return Integer.toUnsignedLong(start) + Integer.toUnsignedLong(n) > size;
    }

    /** {@code memory.fill}. */
    public static void fill(int d, int val, int n, MemoryInstance mem) {
        if (outOfRange(d, n, mem.size)) throw oob();
        Arrays.fill(mem.bytes, d, d + n, (byte) val);
    }

    /** {@code memory.copy} within one memory (overlap-safe). */
    public static void copy(int d, int s, int n, MemoryInstance mem) {
        if (outOfRange(s, n, mem.size) || outOfRange(d, n, mem.size)) throw oob();
        System.arraycopy(mem.bytes, s, mem.bytes, d, n);
    }

    /** {@code memory.init} and active data segments. */
    public static void init(int d, int s, int n, MemoryInstance mem, byte[] seg) {
        if (outOfRange(s, n, seg.length) || outOfRange(d, n, mem.size)) throw oob();
        System.arraycopy(seg, s, mem.bytes, d, n);
    }

    public static void init(int d, int s, int n, int seg, InstanceBase inst) {
        init(d, s, n, inst.memory0, inst.dataSegments[seg]);
    }
}
