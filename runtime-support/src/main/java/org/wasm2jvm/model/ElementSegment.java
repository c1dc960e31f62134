package org.wasm2jvm.model;

import org.wasm2jvm.api.ValType;

/**
 * An element segment. Every encoding (all 8 of the binary format) is normalised to a list of
 * constant expressions: function indices become {@code ref.func i}. {@code offset} is null
 * unless the segment is active.
 *
 * @see <a href="https://webassembly.github.io/spec/core/syntax/modules.html#element-segments">Spec 2.5.7 Element Segments</a>
 */
public record ElementSegment(SegmentMode mode, ValType type, int tableIndex, Instruction[] offset,
                             Instruction[][] init) {
}
