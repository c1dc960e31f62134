/**
 * The binary format decoder: {@link org.wasm2jvm.binary.ModuleDecoder} turns a module
 * binary into the shared {@link org.wasm2jvm.model.Module}, reporting malformed input with the
 * reference interpreter's messages. Validation is not done here.
 *
 * <p>It lives in runtime-support, not in the compiler, because code compiled ahead of time still
 * needs the module's non-code sections (types, imports, exports, segments) at instantiation: an AOT
 * jar carries the module without its code section and decodes it here, with no compiler or ASM.
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/index.html">Spec 5 Binary Format</a>
 */
package org.wasm2jvm.binary;
