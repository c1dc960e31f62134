package org.wasm2jvm.model;

/** A defined global with its constant initialiser expression (without the final {@code end}). */
public record Global(GlobalType type, Instruction[] init) {
}
