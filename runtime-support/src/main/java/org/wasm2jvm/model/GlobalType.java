package org.wasm2jvm.model;

import org.wasm2jvm.api.ValType;

/** @see <a href="https://webassembly.github.io/spec/core/syntax/types.html#global-types">Spec 2.3.10 Global Types</a> */
public record GlobalType(ValType valType, boolean mutable) {
}
