package org.wasm2jvm.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Where Java enters the code of an instance that counts call depth
 * ({@code CompileOptions.callDepthLimit}): a function's handle saves
 * {@link InstanceBase#callDepthLeft} on entry and puts it back when the call ends with an
 * exception (a trap, a host function's exception, a stack overflow). Generated methods only take
 * a unit at entry and give it back when they return; the frames an exception unwinds give
 * nothing back, and this is what makes the count right again for the next call.
 *
 * <p>Doing it once per entry rather than in a handler of every generated method matters on
 * JDK 22 and later: C2 compiles an exception handler that has never run as a deoptimization
 * ({@code ProfileExceptionHandlers}), so a runaway recursion unwinding through a handler in each of
 * millions of frames deoptimized each one (about 35 s for fac.wast's {@code assert_exhaustion} on
 * Temurin 25).
 */
final class CallDepthBoundary {
    private static final MethodHandle DEPTH;
    private static final MethodHandle RESTORE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            DEPTH = l.findGetter(InstanceBase.class, "callDepthLeft", int.class);
            RESTORE = l.findStatic(CallDepthBoundary.class, "restore",
                    MethodType.methodType(void.class, Throwable.class, int.class, InstanceBase.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CallDepthBoundary() {}

    /** After the call: an exception leaves the depth as it was when the call began. */
    private static void restore(Throwable thrown, int saved, InstanceBase inst) {
        if (thrown != null) inst.callDepthLeft = saved;
    }

    /**
     * {@code h} (a function of {@code inst}, the instance already bound) wrapped as
     * {@code saved = inst.callDepthLeft; try { return h(args) } catch (any) { inst.callDepthLeft = saved; throw }}.
     */
    static MethodHandle wrap(MethodHandle h, InstanceBase inst) {
        MethodType type = h.type();
        Class<?>[] params = type.parameterArray();
        Class<?> result = type.returnType();
        // (Throwable, int saved) -> void
        MethodHandle restore = MethodHandles.insertArguments(RESTORE, 2, inst);
        // cleanup: (Throwable, [result,] int saved, params...) -> result
        MethodHandle cleanup;
        if (result == void.class) {
            cleanup = MethodHandles.dropArguments(restore, 2, params);
        } else {
            // (Throwable, result, int) -> result, restoring first
            MethodHandle keep = MethodHandles.dropArguments(MethodHandles.identity(result), 0, Throwable.class);
            keep = MethodHandles.dropArguments(keep, 2, int.class);
            MethodHandle restoreFirst = MethodHandles.dropArguments(restore, 1, result);
            cleanup = MethodHandles.dropArguments(MethodHandles.foldArguments(keep, restoreFirst), 3, params);
        }
        // (int saved, params...) -> result
        MethodHandle guarded = MethodHandles.tryFinally(MethodHandles.dropArguments(h, 0, int.class), cleanup);
        // (params...) -> int: the depth on entry
        MethodHandle depth = MethodHandles.dropArguments(DEPTH.bindTo(inst), 0, params);
        return MethodHandles.foldArguments(guarded, depth);
    }
}
