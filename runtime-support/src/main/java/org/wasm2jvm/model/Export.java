package org.wasm2jvm.model;

/** @see <a href="https://webassembly.github.io/spec/core/syntax/modules.html#exports">Spec 2.5.10 Exports</a> */
public record Export(String name, ExternKind kind, int index) {
}
