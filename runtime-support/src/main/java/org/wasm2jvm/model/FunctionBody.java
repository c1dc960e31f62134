package org.wasm2jvm.model;

import org.wasm2jvm.api.ValType;

/**
 * The code of a defined function: its declared locals (parameters excluded) and its
 * instructions, ending with the function's final {@code end}. {@code offset} is the byte offset
 * of the body in the module binary, {@code size} the body's size in bytes.
 */
public record FunctionBody(ValType[] locals, Instruction[] code, int offset, int size) {
}
