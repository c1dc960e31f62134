package org.wasm2jvm.api;

/** A trap raised because the instance ran out of fuel (InstanceLimits.fuel); the guest stopped at a function entry or loop iteration. */
public class FuelExhaustedException extends TrapException {
    private static final long serialVersionUID = 1L;

    public FuelExhaustedException(String message) {
        super(message);
    }
}
