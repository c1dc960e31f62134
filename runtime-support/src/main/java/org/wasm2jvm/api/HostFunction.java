package org.wasm2jvm.api;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A function written in Java that a module imports.
 *
 * <pre>{@code
 * HostFunction log = HostFunction.of(FuncType.of(new ValType[] {ValType.I32}),
 *         args -> { System.out.println(args[0]); return null; });
 * }</pre>
 *
 * Arguments and results are boxed (Integer, Long, Float, Double, references). For hot host
 * calls, {@link #ofHandle(FuncType, MethodHandle)} takes a method handle of the exact JVM type
 * and is called without boxing.
 */
public final class HostFunction extends WasmFunction {
    /** The body of a boxed host function. */
    @FunctionalInterface
    public interface Body {
        /** @return the results: null or an empty array for none, else one boxed value per result */
        Object[] apply(Object[] args) throws Exception;
    }

    private final MethodHandle handle;
    private final String name;

    private HostFunction(FuncType type, MethodHandle handle, String name) {
        super(type);
        this.handle = handle;
        this.name = name;
    }

    public static HostFunction of(FuncType type, Body body) {
        return of(type, body, "host");
    }

    public static HostFunction of(FuncType type, Body body, String name) {
        MethodHandle mh = INVOKE.bindTo(new Boxed(type, body)).asCollector(Object[].class, type.paramCount());
        MethodType target = methodType(type);
        if (type.resultCount() == 1) {
            mh = MethodHandles.filterReturnValue(mh, FIRST);
        } else if (type.resultCount() == 0) {
            mh = mh.asType(mh.type().changeReturnType(void.class));
        }
        return new HostFunction(type, mh.asType(target), name);
    }

    /** A host function from a handle whose type is exactly {@link WasmFunction#methodType(FuncType)}. */
    public static HostFunction ofHandle(FuncType type, MethodHandle handle) {
        if (!handle.type().equals(methodType(type))) {
            throw new IllegalArgumentException("handle type " + handle.type() + " does not match " + methodType(type));
        }
        return new HostFunction(type, handle, "host");
    }

    @Override
    public MethodHandle handle() {
        return handle;
    }

    @Override
    public String toString() {
        return name + type();
    }

    private static final class Boxed {
        private final FuncType type;
        private final Body body;

        Boxed(FuncType type, Body body) {
            this.type = type;
            this.body = body;
        }

        Object[] invoke(Object[] args) throws Throwable {
            Object[] r;
            try {
                r = body.apply(args);
            } catch (IndexOutOfBoundsException e) {
                // Generated code turns its own IndexOutOfBoundsException into a memory trap;
                // one raised by host code must stay a host error.
                throw new HostException(e);
            }
            int n = type.resultCount();
            if (n == 0) return null;
            if (r == null || r.length != n) {
                throw new IllegalStateException("host function must return " + n + " results");
            }
            return r;
        }
    }

    /** A host function failed with an exception that generated code would otherwise misread. */
    public static final class HostException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostException(Throwable cause) {
            super(cause.toString(), cause);
        }
    }

    private static Object first(Object[] r) {
        return r[0];
    }

    private static final MethodHandle INVOKE;
    private static final MethodHandle FIRST;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            INVOKE = l.findVirtual(Boxed.class, "invoke", MethodType.methodType(Object[].class, Object[].class));
            FIRST = l.findStatic(HostFunction.class, "first", MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
