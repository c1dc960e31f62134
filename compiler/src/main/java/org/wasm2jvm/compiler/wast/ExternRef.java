package org.wasm2jvm.compiler.wast;

/**
 * The host object a script's {@code ref.extern N} stands for. Scripts only ever create these
 * through {@link ExternRefs}, so one N is always the same object and identity comparisons made
 * by generated code agree with the script's notion of equality.
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/runtime.html#values">Spec 4.2.1 Values (external references)</a>
 */
public record ExternRef(long n) {
    @Override
    public String toString() {
        return "ref.extern " + n;
    }
}
