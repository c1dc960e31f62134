package org.wasm2jvm.model;

/**
 * A data segment; {@code offset} is null unless the segment is active.
 *
 * @see <a href="https://webassembly.github.io/spec/core/syntax/modules.html#data-segments">Spec 2.5.8 Data Segments</a>
 */
public record DataSegment(SegmentMode mode, int memoryIndex, Instruction[] offset, byte[] bytes) {
}
