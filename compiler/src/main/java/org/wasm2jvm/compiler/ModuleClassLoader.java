package org.wasm2jvm.compiler;

import java.util.Map;

/**
 * One class loader per compiled module, so that dropping the module makes its generated classes
 * collectable (metaspace stays bounded in long-running services). Its parent sees
 * runtime-support, the only code generated classes link against.
 */
final class ModuleClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    private final Map<String, byte[]> classes;

    ModuleClassLoader(ClassLoader parent, Map<String, byte[]> classesByInternalName) {
        super("wasm2jvm-module-" + COUNTER.incrementAndGet(), parent);
        this.classes = classesByInternalName;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = classes.get(name.replace('.', '/'));
        if (b == null) throw new ClassNotFoundException(name);
        return defineClass(name, b, 0, b.length);
    }
}
