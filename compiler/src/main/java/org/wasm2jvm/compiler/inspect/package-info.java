/**
 * {@code wasm2jvm inspect}: a {@link org.wasm2jvm.compiler.inspect.ModuleReport} of a module —
 * section sizes (from a scan of the raw section headers), counts, the largest function bodies,
 * imports and exports, the {@code producers} and {@code target_features} custom sections, and
 * the layout of linear memory ({@link org.wasm2jvm.compiler.inspect.MemoryMapper} says which
 * toolchain conventions it relies on) — printed as text or JSON. It reads its own copies of the
 * custom sections rather than extending the shared decoder, which keeps only what running a
 * module needs.
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/modules.html">Spec 5.5 Modules (binary format)</a>
 * @see <a href="https://github.com/WebAssembly/tool-conventions">WebAssembly tool conventions</a>
 */
package org.wasm2jvm.compiler.inspect;
