package org.wasm2jvm.model;

/**
 * An import. Exactly one descriptor matches {@link #kind()}: {@code typeIndex} for functions,
 * {@code tableType}, {@code memoryType} or {@code globalType} for the others.
 *
 * @see <a href="https://webassembly.github.io/spec/core/syntax/modules.html#imports">Spec 2.5.11 Imports</a>
 */
public record Import(String module, String name, ExternKind kind, int typeIndex,
                     TableType tableType, MemoryType memoryType, GlobalType globalType) {
}
