package org.wasm2jvm.compiler;

import java.util.function.Function;

/**
 * One class loader per compiled module, so that dropping the module makes its generated classes
 * collectable (metaspace stays bounded in long-running services). Its parent sees
 * runtime-support, the only code generated classes link against.
 *
 * <p>Function classes are not handed to it up front: when the JVM first resolves a call into
 * one, {@link #findClass} asks the module's {@link ModuleClasses}, which generates (or reads from
 * the cache) and defines it then. Parallel-capable, so guest threads of one module that need
 * different classes do not wait for each other here.
 */
final class ModuleClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    /** Internal name -> the defined class, or null when the module has no such class. */
    private final Function<String, Class<?>> classes;

    ModuleClassLoader(ClassLoader parent, Function<String, Class<?>> classesByInternalName) {
        super("wasm2jvm-module-" + COUNTER.incrementAndGet(), parent);
        this.classes = classesByInternalName;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = classes.apply(name.replace('.', '/'));
        if (c == null) throw new ClassNotFoundException(name);
        return c;
    }

    /** Defines a generated class (called once per class, by {@link ModuleClasses}). */
    Class<?> define(String internalName, byte[] bytes) {
        return defineClass(internalName.replace('/', '.'), bytes, 0, bytes.length);
    }
}
