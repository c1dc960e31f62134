package org.wasm2jvm.runtime;

import java.lang.invoke.MethodHandle;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.WasmFunction;

/**
 * A function defined by a compiled module, bound to its instance. The method handle is made on
 * the first {@link #handle()} (which compiles the function when the module is lazy), so tables
 * full of function references cost nothing until they are called.
 */
public final class CompiledFunction extends WasmFunction {
    /**
     * Null until first needed. Racing threads may each resolve it; they store equivalent
     * handles, and a {@code MethodHandle} is safely published through its final fields.
     */
    private MethodHandle handle;
    /** Likewise: the handle without the call-depth boundary, for this instance's own call_indirect. */
    private MethodHandle raw;
    private final InstanceBase instance;
    private final int index;

    CompiledFunction(FuncType type, InstanceBase instance, int index) {
        super(type);
        this.instance = instance;
        this.index = index;
    }

    @Override
    public MethodHandle handle() {
        MethodHandle h = handle;
        return h != null ? h : resolveHandle();
    }

    private MethodHandle resolveHandle() {
        MethodHandle h = instance.compiled.boundHandle(instance, rawHandle());
        handle = h;
        return h;
    }

    /**
     * The handle for calls from the function's own instance ({@code call_indirect}): with
     * call-depth counting, without the boundary that puts the count back after an exception
     * ({@link CallDepthBoundary}), which the caller's own entry into the instance does once.
     */
    MethodHandle rawHandle() {
        MethodHandle h = raw;
        if (h == null) {
            h = instance.compiled.rawHandle(instance, index);
            raw = h;
        }
        return h;
    }

    public InstanceBase instance() {
        return instance;
    }

    public int index() {
        return index;
    }

    @Override
    public String toString() {
        String n = instance.compiled.module().functionNames.get(index);
        return "func[" + index + "]" + (n != null ? " " + n : "") + " " + type();
    }
}
