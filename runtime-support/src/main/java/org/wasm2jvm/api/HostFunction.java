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
 * Arguments and results of {@link #of(FuncType, Body)} are boxed (Integer, Long, Float, Double,
 * references). Typed host functions are called without boxing: a static method
 * ({@link #fromStatic}), a lambda of a common shape ({@link #intIntToInt}, {@link #longToLong},
 * {@link #intToVoid}, ...) or of any public functional interface ({@link #fromLambda}), or a
 * method handle ({@link #ofHandle}), each with the JVM types of {@link WasmFunction#methodType}
 * (i32 {@code int}, i64 {@code long}, f32 {@code float}, f64 {@code double}, references
 * {@code Object}):
 *
 * <pre>{@code
 * HostFunction add = HostFunction.intIntToInt((a, b) -> a + b);
 * HostFunction hash = HostFunction.fromStatic(Hashing.class, "mix", FuncType.of(
 *         new ValType[] {ValType.I64}, new ValType[] {ValType.I64}));
 * }</pre>
 *
 * A function whose type does not match the import is refused at instantiation with
 * {@link LinkException} ("incompatible import type", naming the import).
 *
 * <p><b>Exceptions.</b> An exception thrown by a host function propagates through the Wasm
 * frames to the embedder unchanged ({@code org.wasm2jvm.runtime.WasmBacktrace} lists the Wasm
 * frames it passed), with one exception: an {@link IndexOutOfBoundsException} arrives wrapped in
 * {@link HostException}, because generated code reads its own as an out-of-bounds memory access.
 * To raise a Wasm trap on purpose, throw {@link TrapException}.
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
        return ofHandle(type, handle, "host");
    }

    private static HostFunction ofHandle(FuncType type, MethodHandle handle, String name) {
        if (!handle.type().equals(methodType(type))) {
            throw new IllegalArgumentException("handle type " + handle.type() + " does not match " + methodType(type));
        }
        return new HostFunction(type, handle, name);
    }

    /**
     * A host function from a public static method whose JVM type is exactly
     * {@link WasmFunction#methodType(FuncType) methodType(type)}, e.g. {@code static long mix(long)}
     * for {@code (func (param i64) (result i64))}.
     *
     * @throws IllegalArgumentException when there is no such accessible method
     */
    public static HostFunction fromStatic(Class<?> owner, String method, FuncType type) {
        return fromStatic(MethodHandles.publicLookup(), owner, method, type);
    }

    /** Like {@link #fromStatic(Class, String, FuncType)}, looking the method up with {@code lookup} (for non-public methods). */
    public static HostFunction fromStatic(MethodHandles.Lookup lookup, Class<?> owner, String method, FuncType type) {
        MethodType mt = methodType(type);
        MethodHandle h;
        try {
            h = lookup.findStatic(owner, method, mt);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException("no accessible static method " + owner.getName() + "." + method + mt
                    + " for " + type, e);
        }
        return ofHandle(type, h, owner.getSimpleName() + "." + method);
    }

    /**
     * A host function from an object of a public functional interface whose single abstract
     * method has exactly the JVM type {@link WasmFunction#methodType(FuncType) methodType(type)},
     * e.g. a lambda of a user-declared {@code interface I3 { int apply(int a, int b, int c); }}.
     *
     * @throws IllegalArgumentException when no interface of {@code fn} has such a method
     */
    public static HostFunction fromLambda(FuncType type, Object fn) {
        MethodType mt = methodType(type);
        for (Class<?> iface : fn.getClass().getInterfaces()) {
            java.lang.reflect.Method sam = singleAbstractMethod(iface);
            if (sam == null || !MethodType.methodType(sam.getReturnType(), sam.getParameterTypes()).equals(mt)) continue;
            try {
                MethodHandle h = MethodHandles.publicLookup().findVirtual(iface, sam.getName(), mt).bindTo(fn);
                return ofHandle(type, h, iface.getSimpleName());
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new IllegalArgumentException("functional interface " + iface.getName() + " is not public", e);
            }
        }
        throw new IllegalArgumentException("no functional interface of " + fn.getClass().getName()
                + " has a method of type " + mt + " for " + type);
    }

    // Common shapes: lambdas bind without boxing.

    /** {@code (param i32) (result i32)}. */
    public static HostFunction intToInt(java.util.function.IntUnaryOperator fn) {
        return fromLambda(FuncType.of(new ValType[] {ValType.I32}, new ValType[] {ValType.I32}), fn);
    }

    /** {@code (param i32 i32) (result i32)}. */
    public static HostFunction intIntToInt(java.util.function.IntBinaryOperator fn) {
        return fromLambda(FuncType.of(new ValType[] {ValType.I32, ValType.I32}, new ValType[] {ValType.I32}), fn);
    }

    /** {@code (param i64) (result i64)}. */
    public static HostFunction longToLong(java.util.function.LongUnaryOperator fn) {
        return fromLambda(FuncType.of(new ValType[] {ValType.I64}, new ValType[] {ValType.I64}), fn);
    }

    /** {@code (param i64 i64) (result i64)}. */
    public static HostFunction longLongToLong(java.util.function.LongBinaryOperator fn) {
        return fromLambda(FuncType.of(new ValType[] {ValType.I64, ValType.I64}, new ValType[] {ValType.I64}), fn);
    }

    /** {@code (param f64) (result f64)}. */
    public static HostFunction doubleToDouble(java.util.function.DoubleUnaryOperator fn) {
        return fromLambda(FuncType.of(new ValType[] {ValType.F64}, new ValType[] {ValType.F64}), fn);
    }

    /** {@code (param i32)}. */
    public static HostFunction intToVoid(java.util.function.IntConsumer fn) {
        return fromLambda(FuncType.of(new ValType[] {ValType.I32}), fn);
    }

    /** {@code (param i64)}. */
    public static HostFunction longToVoid(java.util.function.LongConsumer fn) {
        return fromLambda(FuncType.of(new ValType[] {ValType.I64}), fn);
    }

    /** {@code (result i32)}. */
    public static HostFunction toInt(java.util.function.IntSupplier fn) {
        return fromLambda(FuncType.of(new ValType[0], new ValType[] {ValType.I32}), fn);
    }

    /** No parameters, no results. */
    public static HostFunction run(Runnable fn) {
        return fromLambda(FuncType.of(new ValType[0]), fn);
    }

    private static java.lang.reflect.Method singleAbstractMethod(Class<?> iface) {
        java.lang.reflect.Method found = null;
        for (java.lang.reflect.Method m : iface.getMethods()) {
            if (!java.lang.reflect.Modifier.isAbstract(m.getModifiers()) || isObjectMethod(m)) continue;
            if (found != null) return null;
            found = m;
        }
        return found;
    }

    private static boolean isObjectMethod(java.lang.reflect.Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
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

        /** For generated code (via {@code Rt.hostIndexError}); host code has no reason to make one. */
        public HostException(Throwable cause) {
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
