package org.wasm2jvm.runtime;

import java.lang.invoke.MethodHandle;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.WasmFunction;

/** A function defined by a compiled module, bound to its instance. */
public final class CompiledFunction extends WasmFunction {
    private final MethodHandle handle;
    private final InstanceBase instance;
    private final int index;

    CompiledFunction(FuncType type, MethodHandle handle, InstanceBase instance, int index) {
        super(type);
        this.handle = handle;
        this.instance = instance;
        this.index = index;
    }

    @Override
    public MethodHandle handle() {
        return handle;
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
