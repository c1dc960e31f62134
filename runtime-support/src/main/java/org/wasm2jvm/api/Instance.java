package org.wasm2jvm.api;

import java.util.Map;

/**
 * An instantiated module. Cheap to create from a {@link WasmModule}; <b>not thread-safe</b>:
 * use one instance from one thread at a time (different instances of one module may run on
 * different threads at once).
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/runtime.html#module-instances">Spec 4.2.5 Module Instances</a>
 */
public interface Instance {
    /**
     * Asks the running guest code of this instance to stop: it traps with
     * {@link InterruptedTrapException} at its next function entry or loop iteration (never
     * inside a host call). If the instance is not running, the request waits
     * for its next run. The trap consumes the request. The one method of an instance that may be
     * called from any thread.
     *
     * @throws IllegalStateException when the module was compiled without metering
     */
    default void interrupt() {
        throw new IllegalStateException("this instance cannot be interrupted");
    }

    /**
     * Fuel this instance has not consumed yet (see {@link InstanceLimits.Builder#fuel(long)}), or
     * -1 when its fuel is not limited. Read it from the thread that runs the instance (a host
     * function may read it during a call). Exact after a normal return; after a trap it may be up
     * to one fuel slice too high (see {@link InstanceLimits}).
     */
    default long fuelLeft() {
        return -1;
    }

    /** Every export by name: {@link WasmFunction}, {@link MemoryInstance}, {@link TableInstance} or {@link GlobalInstance}. */
    Map<String, Object> exports();

    default Object export(String name) {
        Object e = exports().get(name);
        if (e == null) throw new IllegalArgumentException("unknown export: " + name);
        return e;
    }

    default WasmFunction function(String name) {
        return cast(name, WasmFunction.class);
    }

    default MemoryInstance memory(String name) {
        return cast(name, MemoryInstance.class);
    }

    default TableInstance table(String name) {
        return cast(name, TableInstance.class);
    }

    default GlobalInstance global(String name) {
        return cast(name, GlobalInstance.class);
    }

    private <T> T cast(String name, Class<T> kind) {
        Object e = export(name);
        if (!kind.isInstance(e)) throw new IllegalArgumentException("export " + name + " is not a " + kind.getSimpleName());
        return kind.cast(e);
    }
}
