package org.wasm2jvm.api;

/** A trap raised because the instance ran past its deadline (InstanceLimits.deadline); the guest stopped at a function entry or loop iteration. */
public class DeadlineExceededException extends TrapException {
    private static final long serialVersionUID = 1L;

    public DeadlineExceededException(String message) {
        super(message);
    }
}
