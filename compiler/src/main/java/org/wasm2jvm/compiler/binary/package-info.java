/**
 * The binary format decoder: {@link org.wasm2jvm.compiler.binary.ModuleDecoder} turns a module
 * binary into the shared {@link org.wasm2jvm.model.Module}, reporting malformed input with the
 * reference interpreter's messages. Validation is not done here.
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/index.html">Spec 5 Binary Format</a>
 */
package org.wasm2jvm.compiler.binary;
