package org.wasm2jvm.api;

import java.util.Arrays;

/**
 * A table of references ({@code funcref} elements are {@link WasmFunction}s or null, {@code externref}
 * elements any Java object or null). Shared by every instance that imports or exports it.
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/runtime.html#table-instances">Spec 4.2.7 Table Instances</a>
 */
public final class TableInstance {
    /** Largest table this runtime holds (elements). */
    public static final int MAX_ELEMENTS = 10_000_000;

    private final ValType elementType;
    /** Internal: read by generated code; valid entries are [0, size). */
    public Object[] elements;
    public int size;
    private final long max;
    private long elementCap = MAX_ELEMENTS;

    public TableInstance(ValType elementType, int min, long max) {
        this(elementType, min, max, null);
    }

    public TableInstance(ValType elementType, int min, long max, Object init) {
        this.elementType = elementType;
        this.max = max;
        this.elements = new Object[min];
        this.size = min;
        if (init != null) Arrays.fill(elements, init);
    }

    /** Embedder's cap on this table's size (never above {@link #MAX_ELEMENTS}); {@code table.grow} beyond it returns -1. */
    public void setElementCap(long cap) {
        this.elementCap = Math.min(cap, MAX_ELEMENTS);
    }

    public ValType elementType() {
        return elementType;
    }

    public int size() {
        return size;
    }

    /** Declared maximum, or -1. */
    public long max() {
        return max;
    }

    public Object get(int index) {
        if (index < 0 || index >= size) throw new TrapException("out of bounds table access");
        return elements[index];
    }

    public void set(int index, Object value) {
        if (index < 0 || index >= size) throw new TrapException("out of bounds table access");
        elements[index] = value;
    }

    /** {@code table.grow}: returns the old size or -1. */
    public int grow(int delta, Object init) {
        long newSize = (long) size + Integer.toUnsignedLong(delta);
        long limit = max >= 0 ? Math.min(max, 0xFFFFFFFFL) : 0xFFFFFFFFL;
        if (newSize > limit || newSize > elementCap) return -1;
        int old = size;
        if (newSize > elements.length) {
            elements = Arrays.copyOf(elements, (int) Math.max(newSize, Math.min(limit, Math.min(elementCap, (long) old * 2))));
        }
        Arrays.fill(elements, old, (int) newSize, init);
        size = (int) newSize;
        return old;
    }
}
