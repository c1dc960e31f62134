package org.wasm2jvm.model;

/** @see <a href="https://webassembly.github.io/spec/core/syntax/types.html#memory-types">Spec 2.3.8 Memory Types</a> */
public record MemoryType(Limits limits) {
}
