/**
 * Wasm 2.0 module validation (SIMD excluded), entry point
 * {@link org.wasm2jvm.compiler.validate.ModuleValidator#validate}.
 *
 * <p>Errors are {@link org.wasm2jvm.api.ModuleException#invalid} whose message starts with the
 * reference interpreter's wording, as matched by {@code assert_invalid}:
 * <ul>
 *   <li>"type mismatch" (followed by ": detail") - operand stack, block/function results, if
 *       without else changing the stack, br_table targets of different arity or type, untyped
 *       select on non-numeric operands, call_indirect through a non-funcref table, table.init and
 *       table.copy element types, element segment type vs. table, constant expression types
 *   <li>"unknown local|global|function|table|memory|type|label|elem segment|data segment N"
 *   <li>"global is immutable", "alignment must not be larger than natural",
 *       "invalid result arity" (typed select with other than one type),
 *       "undeclared function reference" (ref.func of a function not in C.refs)
 *   <li>"constant expression required" - globals, segment offsets and element items; global.get
 *       only of imported immutable globals (context C')
 *   <li>"memory size must be at most 65536 pages (4GiB)", "table size must be at most 2^32-1",
 *       "size minimum must not be greater than maximum", "multiple memories"
 *   <li>"start function must have type [] -> []", "duplicate export name"
 * </ul>
 * Structural faults a decoder should already reject (code after the final {@code end}, a missing
 * {@code end}, {@code else} without {@code if}, code/function count mismatch, bad block or value
 * type bytes) are reported as {@link org.wasm2jvm.api.ModuleException#malformed}.
 *
 * @see <a href="https://webassembly.github.io/spec/core/valid/index.html">Spec 3 Validation</a>
 */
package org.wasm2jvm.compiler.validate;
