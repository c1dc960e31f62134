package org.wasm2jvm.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A linear memory: a little-endian {@link ByteBuffer} whose limit is the current size.
 * A memory imported into or exported from several instances is this one object, so every
 * instance sees the others' writes and growth.
 *
 * <p>Generated code reads {@link #buffer} directly and caches it in a local; it reloads the
 * field after every call and {@code memory.grow}, because growing may replace the buffer.
 * The JVM caps a buffer at 2 GiB - 1 bytes, so memories grow to at most 32767 pages here;
 * {@code memory.grow} past that returns -1 as the spec allows.
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/runtime.html#memory-instances">Spec 4.2.8 Memory Instances</a>
 */
public final class MemoryInstance {
    public static final int PAGE_SIZE = 65536;
    /** The most pages a JVM byte buffer can hold. */
    public static final int MAX_PAGES_JVM = 32767;
    /** Spec limit for a 32-bit memory. */
    public static final long MAX_PAGES_SPEC = 65536;

    /** Current contents; limit == pages * 64 KiB. Internal: read by generated code. */
    public ByteBuffer buffer;
    private int pages;
    private final long maxPages;
    private long pageCap = MAX_PAGES_JVM;
    /** {@code memory.grow} executions, for {@code run --stats}: grow is a cold path, so it is always counted. */
    private int growCalls;

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
        this.buffer = ByteBuffer.allocate(minPages * PAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
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
        ByteBuffer cur = buffer;
        if (newBytes <= cur.capacity()) {
            cur.limit(newBytes);
        } else {
            // Grow geometrically (bounded by the maximum) so repeated small grows copy rarely.
            long cap = Math.max(newPages, Math.min((long) pages * 2, Math.min(limit, pageCap)));
            ByteBuffer nb;
            try {
                nb = ByteBuffer.allocate((int) (cap * PAGE_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
            } catch (OutOfMemoryError e) {
                try {
                    nb = ByteBuffer.allocate(newBytes).order(ByteOrder.LITTLE_ENDIAN);
                } catch (OutOfMemoryError e2) {
                    return -1;
                }
            }
            nb.put(0, cur, 0, cur.limit());
            nb.limit(newBytes);
            buffer = nb;
        }
        pages = (int) newPages;
        return old;
    }

    // Convenience accessors for embedders; generated code uses the buffer directly.

    public byte[] read(int offset, int length) {
        byte[] out = new byte[length];
        buffer.get(offset, out);
        return out;
    }

    public void write(int offset, byte[] data) {
        buffer.put(offset, data);
    }

    public int readI32(int offset) {
        return buffer.getInt(offset);
    }

    public long readI64(int offset) {
        return buffer.getLong(offset);
    }

    public void writeI32(int offset, int v) {
        buffer.putInt(offset, v);
    }

    public void writeI64(int offset, long v) {
        buffer.putLong(offset, v);
    }
}
