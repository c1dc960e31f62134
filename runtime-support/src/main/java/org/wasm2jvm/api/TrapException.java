package org.wasm2jvm.api;

/**
 * A WebAssembly trap. Every trap raised by guest code surfaces as this one type; the message is
 * the spec's wording ("unreachable", "integer divide by zero", "out of bounds memory access", ...).
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/runtime.html#results">Spec 4.2.? Results (traps)</a>
 */
public class TrapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrapException(String message) {
        super(message);
    }

    public TrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
