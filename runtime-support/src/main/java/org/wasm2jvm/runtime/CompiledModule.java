package org.wasm2jvm.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.InstanceLimits;
import org.wasm2jvm.api.WasmFunction;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.model.Module;

/**
 * A module whose functions have been turned into JVM classes. Immutable after construction and
 * shared by all its instances; each instance is a new object of the generated instance class.
 */
public final class CompiledModule implements WasmModule {
    private final Module module;
    private final Class<? extends InstanceBase> instanceClass;
    private final FunctionLocator locator;
    private final MethodHandle constructor;
    private final AtomicReferenceArray<MethodHandle> staticHandles;
    private final CompileOptions options;

    /** Where the generated static method of each defined function lives. */
    public interface FunctionLocator {
        /** The class holding the function's method; a lazily compiled module may generate it now. */
        Class<?> classOf(int funcIndex);

        String methodName(int funcIndex);

        /**
         * Runs work that may generate or load classes (resolving a function's method handle).
         * A lazily compiling module runs it on its compiler thread, never deep in guest code: a
         * stack overflow inside class loading or method-handle setup can leave permanent damage
         * (a failed static initialiser of a JDK-internal class). Default: on the calling thread.
         */
        default <T> T resolve(java.util.function.Supplier<T> work) {
            return work.get();
        }

        /** Defined functions whose code is loaded so far, or -1 when all of them are. */
        default int compiledFunctionCount() {
            return -1;
        }
    }

    public CompiledModule(Module module, Class<? extends InstanceBase> instanceClass, FunctionLocator locator) {
        this(module, instanceClass, locator, CompileOptions.defaults());
    }

    public CompiledModule(Module module, Class<? extends InstanceBase> instanceClass, FunctionLocator locator,
                          CompileOptions options) {
        this.options = options;
        this.module = module;
        this.instanceClass = instanceClass;
        this.locator = locator;
        this.staticHandles = new AtomicReferenceArray<>(module.functionCount());
        try {
            this.constructor = MethodHandles.publicLookup().findConstructor(instanceClass, MethodType.methodType(void.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public Module module() {
        return module;
    }

    public Class<? extends InstanceBase> instanceClass() {
        return instanceClass;
    }

    /** Where the module's functions live (the compiler's implementation carries statistics). */
    public FunctionLocator locator() {
        return locator;
    }

    /**
     * How many defined functions have their code generated (or read from the cache) and loaded:
     * all of them for an eagerly compiled module, those in the batches called so far for a lazy one.
     */
    public int compiledFunctionCount() {
        int n = locator.compiledFunctionCount();
        return n < 0 ? module.codes.size() : n;
    }

    @Override
    public Instance instantiate(Imports imports, InstanceLimits limits) {
        if (limits.needsMetering() && !options.metering()) {
            throw new IllegalArgumentException("fuel and deadline limits need a module compiled with "
                    + "CompileOptions.builder().metering(true)");
        }
        if (limits.maxCallDepth() >= 0 && !options.callDepthLimit()) {
            throw new IllegalArgumentException("InstanceLimits.maxCallDepth needs a module compiled with "
                    + "CompileOptions.builder().callDepthLimit(true)");
        }
        return Linker.instantiate(this, imports, limits);
    }

    @Override
    public CompileOptions options() {
        return options;
    }

    InstanceBase newInstance() {
        try {
            return (InstanceBase) constructor.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The unbound static method of a defined function: (params..., instance) -> result. */
    MethodHandle staticHandle(int funcIndex) {
        MethodHandle h = staticHandles.get(funcIndex);
        if (h == null) {
            FuncType t = module.functionType(funcIndex);
            MethodType mt = WasmFunction.methodType(t).appendParameterTypes(instanceClass);
            try {
                h = MethodHandles.publicLookup().findStatic(locator.classOf(funcIndex), locator.methodName(funcIndex), mt);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            staticHandles.compareAndSet(funcIndex, null, h);
        }
        return h;
    }

    /**
     * The function object of a defined function. Its handle is resolved on first use, so making
     * function objects (exports, tables, {@code ref.func}) compiles nothing.
     */
    WasmFunction newFunction(InstanceBase inst, int funcIndex) {
        return new CompiledFunction(module.functionType(funcIndex), inst, funcIndex);
    }

    /**
     * The handle through which Java (and other instances) call the function: with call-depth
     * counting, {@link #rawHandle} wrapped so that an exception puts the count back
     * ({@link CallDepthBoundary}); else the raw handle itself.
     */
    MethodHandle boundHandle(InstanceBase inst, MethodHandle raw) {
        return options.callDepthLimit() ? CallDepthBoundary.wrap(raw, inst) : raw;
    }

    /** The function's static method bound to {@code inst}; may compile the function's batch. */
    MethodHandle rawHandle(InstanceBase inst, int funcIndex) {
        int paramCount = module.functionType(funcIndex).paramCount();
        MethodHandle known = staticHandles.get(funcIndex);
        MethodHandle bound;
        if (known != null) {
            bound = MethodHandles.insertArguments(known, paramCount, inst);
        } else {
            // first handle of this function in any instance: may compile, and spin JDK classes
            bound = locator.resolve(new java.util.function.Supplier<MethodHandle>() { // no lambda: start-up path
                @Override
                public MethodHandle get() {
                    return MethodHandles.insertArguments(staticHandle(funcIndex), paramCount, inst);
                }
            });
        }
        return bound;
    }
}
