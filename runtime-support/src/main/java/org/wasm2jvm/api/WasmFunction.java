package org.wasm2jvm.api;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * A function value: an export, an import, or a {@code funcref} held in a table. Stable: the
 * same function of the same instance is always the same object, so {@code ref.func} results
 * compare equal.
 *
 * <p>Its {@link #handle()} takes the Wasm parameters as JVM primitives (i32 {@code int}, i64
 * {@code long}, f32 {@code float}, f64 {@code double}, references {@code Object}) and returns
 * {@code void}, the single result, or an {@code Object[]} of boxed results when there are
 * several. Generated code calls it with {@code invokeExact}.
 */
public abstract class WasmFunction {
    private final FuncType type;

    protected WasmFunction(FuncType type) {
        this.type = type;
    }

    public final FuncType type() {
        return type;
    }

    /** The JVM method handle of the function; see the class comment for its type. */
    public abstract MethodHandle handle();

    /**
     * Calls the function with boxed arguments (Integer, Long, Float, Double or references) and
     * returns its results boxed the same way (an empty array when there are none). Traps surface
     * as {@link TrapException}; a stack overflow as the trap "call stack exhausted".
     */
    public Object[] call(Object... args) {
        if (args.length != type.paramCount()) {
            throw new IllegalArgumentException("expected " + type.paramCount() + " arguments, got " + args.length);
        }
        Object r;
        try {
            if (args.length == 0 && type.resultCount() == 0) {
                // _start and other commands: invokeWithArguments would spin adapter classes at start-up
                handle().invokeExact();
                return new Object[0];
            }
            r = handle().invokeWithArguments(args);
        } catch (StackOverflowError e) {
            throw new TrapException("call stack exhausted", e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new RuntimeException(t);
        }
        switch (type.resultCount()) {
            case 0: return new Object[0];
            case 1: return new Object[] {r};
            default: return (Object[]) r;
        }
    }

    /** The JVM type of a value of Wasm type {@code t}. */
    public static Class<?> jvmType(ValType t) {
        switch (t) {
            case I32: return int.class;
            case I64: return long.class;
            case F32: return float.class;
            case F64: return double.class;
            default: return Object.class;
        }
    }

    /** The JVM method type a function of type {@code t} has as a handle. */
    public static MethodType methodType(FuncType t) {
        Class<?>[] ps = new Class<?>[t.paramCount()];
        for (int i = 0; i < ps.length; i++) ps[i] = jvmType(t.param(i));
        Class<?> r = t.resultCount() == 0 ? void.class : t.resultCount() == 1 ? jvmType(t.result(0)) : Object[].class;
        return MethodType.methodType(r, ps);
    }
}
