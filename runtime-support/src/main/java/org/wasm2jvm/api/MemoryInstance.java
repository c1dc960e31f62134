package org.wasm2jvm.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.wasm2jvm.runtime.Mem;

/**
 * A linear memory: a {@code byte[]} read little-endian, whose first {@link #size} bytes are the
 * memory. A memory imported into or exported from several instances is this one object, so every
 * instance sees the others' writes and growth.
 *
 * <p>Generated code reads {@link #bytes} and {@link #size} directly and caches them in locals; it
 * reloads them after every call and {@code memory.grow}, because growing may replace the array.
 * The array is exactly the memory's size for as long as growing that way stays cheap, so the
 * JVM's own array bounds check is the Wasm bounds check; a memory that grows often gets spare
 * room instead (see {@link #grow}), and then {@code bytes.length != size} tells the access
 * helpers ({@code runtime.Mem}) to check against {@code size} too. runtime-support's DESIGN.md, "Memory",
 * says why. A JVM array holds at most 2 GiB - 1 bytes, so memories grow to at most 32767 pages
 * here; {@code memory.grow} past that returns -1 as the spec allows.
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/runtime.html#memory-instances">Spec 4.2.8 Memory Instances</a>
 */
public final class MemoryInstance {
    public static final int PAGE_SIZE = 65536;
    /** The most pages a JVM byte array can hold. */
    public static final int MAX_PAGES_JVM = 32767;
    /** Spec limit for a 32-bit memory. */
    public static final long MAX_PAGES_SPEC = 65536;

    /**
     * The contents: bytes {@code [0, size)} are the memory, any beyond are spare room, always
     * zero. Internal: read by generated code.
     */
    public byte[] bytes;
    /** The memory's size in bytes, {@code pages * 64 KiB}. Internal: read by generated code. */
    public int size;
    private int pages;
    private final long maxPages;
    private long pageCap = MAX_PAGES_JVM;
    /** {@code memory.grow} executions, for {@code run --stats}: grow is a cold path, so it is always counted. */
    private int growCalls;
    /** Bytes copied by grows that replaced an exact-size array: what decides when to add spare room. */
    private long copiedByGrows;

    /**
     * @param minPages initial size in pages
     * @param maxPages declared maximum, or -1 for none
     */
    public MemoryInstance(int minPages, long maxPages) {
        if (minPages > MAX_PAGES_JVM) {
            throw new TrapException("memory size " + minPages + " pages exceeds what the JVM can hold");
        }
        this.pages = minPages;
        this.maxPages = maxPages;
        this.size = minPages * PAGE_SIZE;
        this.bytes = new byte[size];
    }

    /** Embedder's cap on this memory's pages (never above {@link #MAX_PAGES_JVM}). */
    public void setPageCap(long cap) {
        this.pageCap = Math.min(cap, MAX_PAGES_JVM);
    }

    public int pages() {
        return pages;
    }

    /** Declared maximum in pages, or -1. */
    public long maxPages() {
        return maxPages;
    }

    /**
     * How many times {@link #grow} was called (failed and zero-page grows included). A memory
     * never shrinks, so {@link #pages()} is also its peak size.
     */
    public int growCalls() {
        return growCalls;
    }

    public long byteSize() {
        return (long) pages * PAGE_SIZE;
    }

    /**
     * {@code memory.grow}: grows by {@code delta} pages (unsigned) and returns the old size, or -1
     * when the new size would pass the declared maximum or what this runtime can hold.
     *
     * <p>While the copies it makes stay within twice the memory's new size in all, a grow
     * replaces the array with one of exactly the new size, keeping the single bounds check. Past
     * that (a guest that grows a page at a time, as dlmalloc's {@code sbrk} does) the array gets
     * spare room, doubling up to the maximum, so later grows mostly copy nothing.
     */
    public int grow(int delta) {
        growCalls++;
        long d = Integer.toUnsignedLong(delta);
        long newPages = pages + d;
        long limit = maxPages >= 0 ? Math.min(maxPages, MAX_PAGES_SPEC) : MAX_PAGES_SPEC;
        if (newPages > limit || newPages > pageCap) return -1;
        int old = pages;
        if (d == 0) return old;
        int newBytes = (int) (newPages * PAGE_SIZE);
        byte[] cur = bytes;
        if (newBytes > cur.length) {
            long capPages = newPages;
            if (copiedByGrows + size > 2L * newBytes) {
                capPages = Math.max(newPages, Math.min((long) pages * 2, Math.min(limit, pageCap)));
            }
            byte[] nb;
            try {
                nb = new byte[(int) (capPages * PAGE_SIZE)];
            } catch (OutOfMemoryError e) {
                if (capPages == newPages) return -1;
                try {
                    nb = new byte[newBytes];
                } catch (OutOfMemoryError e2) {
                    return -1;
                }
            }
            System.arraycopy(cur, 0, nb, 0, size);
            copiedByGrows += size;
            bytes = nb;
        }
        size = newBytes;
        pages = (int) newPages;
        return old;
    }

    // Convenience accessors for embedders; generated code uses the array directly. Offsets are
    // checked against the memory's size (IndexOutOfBoundsException when outside).

    public byte[] read(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, size);
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    public void write(int offset, byte[] data) {
        Objects.checkFromIndexSize(offset, data.length, size);
        System.arraycopy(data, 0, bytes, offset, data.length);
    }

    public int readI32(int offset) {
        return (int) Mem.I32.get(bytes, Objects.checkFromIndexSize(offset, 4, size));
    }

    public long readI64(int offset) {
        return (long) Mem.I64.get(bytes, Objects.checkFromIndexSize(offset, 8, size));
    }

    public void writeI32(int offset, int v) {
        Mem.I32.set(bytes, Objects.checkFromIndexSize(offset, 4, size), v);
    }

    public void writeI64(int offset, long v) {
        Mem.I64.set(bytes, Objects.checkFromIndexSize(offset, 8, size), v);
    }

    /**
     * A little-endian view of the memory's current bytes, for bulk I/O. It stays valid until the
     * memory next grows (which may replace the array); take a new one after any guest call.
     */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes, 0, size).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
