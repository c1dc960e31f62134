package org.wasm2jvm.compiler.inspect;

import java.util.List;

/**
 * How a module lays out its first linear memory: the memory's limits, where each active data
 * segment lands, the globals toolchains use for the layout ({@code __stack_pointer},
 * {@code __data_end}, {@code __heap_base}, {@code __global_base}) and, from those, a map of
 * regions from address 0 up to the initial size. Addresses are byte offsets; ends are exclusive.
 */
public record MemoryLayout(long minPages, long maxPages, boolean imported, List<Segment> segments,
                           List<LayoutGlobal> globals, List<Region> regions) {

    /**
     * An active data segment of memory 0. {@code start} is -1 when the offset is not a constant
     * (e.g. {@code global.get} of an imported global), then {@code end} is -1 too.
     */
    public record Segment(int index, String name, long start, long end) {
        public long size() {
            return end - start;
        }
    }

    /**
     * A global that toolchains use to lay out memory, found by its name in the {@code name}
     * section or by an export of that name. {@code value} is its initial value, or null when it
     * is imported or not initialised by a constant. {@code foundBy} says where the name came from.
     */
    public record LayoutGlobal(String name, int index, Long value, boolean mutable, String foundBy) {
    }

    /** What a region of the map holds. */
    public enum Kind {
        UNUSED, DATA, BSS, STACK, HEAP, FREE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A stretch {@code [start, end)} of memory. {@code inferred} marks bounds that follow from
     * wasm-ld's conventions rather than from a global the module names (see {@link MemoryMapper}).
     */
    public record Region(long start, long end, Kind kind, String description, boolean inferred) {
        public long size() {
            return end - start;
        }
    }

    public long minBytes() {
        return minPages * 65536L;
    }

    public LayoutGlobal global(String name) {
        for (LayoutGlobal g : globals) {
            if (g.name().equals(name)) return g;
        }
        return null;
    }
}
