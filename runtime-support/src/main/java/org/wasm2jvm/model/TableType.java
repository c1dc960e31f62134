package org.wasm2jvm.model;

import org.wasm2jvm.api.ValType;

/** @see <a href="https://webassembly.github.io/spec/core/syntax/types.html#table-types">Spec 2.3.9 Table Types</a> */
public record TableType(ValType elementType, Limits limits) {
}
