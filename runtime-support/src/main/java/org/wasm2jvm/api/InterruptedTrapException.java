package org.wasm2jvm.api;

/** A trap raised because the embedder interrupted the instance (Instance.interrupt); the guest stopped at a function entry or loop iteration. */
public class InterruptedTrapException extends TrapException {
    private static final long serialVersionUID = 1L;

    public InterruptedTrapException(String message) {
        super(message);
    }
}
