package org.wasm2jvm.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
import org.wasm2jvm.compiler.codegen.ModuleClassGenerator;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.runtime.CompiledModule;
import org.wasm2jvm.runtime.InstanceBase;

/**
 * The JVM classes of one compiled module: the instance class, defined at once, and the
 * function classes, each generated (or taken from the class cache) and defined the first time
 * it is needed — when the JVM resolves a call into it, or a function handle is made — or all
 * at once for {@link org.wasm2jvm.api.Compilation#EAGER eager} compilation.
 *
 * <p>Each function class is made by one {@link FutureTask}: run once, whichever thread asks
 * first, and every later request gets the same class. Guest threads never run it themselves:
 * they queue it on the {@link CompilerThread} and wait (see LAZY.md for why).
 */
public final class ModuleClasses implements CompiledModule.FunctionLocator {
    private final Module module;
    private final ModuleClassGenerator gen;
    /** Classes read from the cache (checksums verified), by internal name; never changed. */
    private final Map<String, byte[]> cached;
    private final ModuleClassLoader loader;
    private final Class<? extends InstanceBase> instanceClass;
    private final Map<String, Integer> chunkByName = new HashMap<>();
    private final FutureTask<Class<?>>[] chunks;
    /** 1 once a chunk's task has been queued on the compiler thread. */
    private final AtomicIntegerArray queued;
    /** Bytes of every class defined so far, by internal name (what the cache will hold). */
    private final Map<String, byte[]> defined = new ConcurrentHashMap<>();
    private final AtomicInteger compiledFunctions = new AtomicInteger();
    private final AtomicInteger generatedFunctions = new AtomicInteger();
    private final boolean lazy;
    /** Number of classes the cache entry holds, as far as this compilation knows. */
    private int cachedOrWritten;

    /**
     * @param module a validated module
     * @param cached classes of this module (same compiler, same options) from the cache, possibly
     *        only some of them; the others are generated
     */
    @SuppressWarnings("unchecked")
    ModuleClasses(Module module, ModuleClassGenerator gen, boolean lazy, Map<String, byte[]> cached) {
        this.module = module;
        this.gen = gen;
        this.lazy = lazy;
        this.cached = cached;
        this.cachedOrWritten = cached.size();
        int n = gen.functionClassCount();
        chunks = new FutureTask[n];
        queued = new AtomicIntegerArray(n);
        for (int c = 0; c < n; c++) {
            int chunk = c;
            chunks[c] = new FutureTask<>(() -> makeFunctionClass(chunk));
            chunkByName.put(gen.functionClassName(c), c);
        }
        loader = new ModuleClassLoader(InstanceBase.class.getClassLoader(), this::functionClass);
        String instanceName = gen.instanceClassName();
        byte[] bytes = cached.get(instanceName);
        if (bytes == null) bytes = gen.generateInstanceClass();
        @SuppressWarnings("unchecked")
        Class<? extends InstanceBase> ic = (Class<? extends InstanceBase>) defineAndLink(instanceName, bytes);
        instanceClass = ic;
        if (!lazy) {
            for (int c = 0; c < n; c++) chunks[c].run();
            for (int c = 0; c < n; c++) CompilerThread.await(chunks[c]);
        }
    }

    Class<? extends InstanceBase> instanceClass() {
        return instanceClass;
    }

    /** The class loader's source: function classes by internal name, made on demand. */
    private Class<?> functionClass(String internalName) {
        Integer chunk = chunkByName.get(internalName);
        return chunk == null ? null : functionClass(chunk);
    }

    private Class<?> functionClass(int chunk) {
        FutureTask<Class<?>> task = chunks[chunk];
        if (!task.isDone()) {
            if (CompilerThread.isCurrent()) {
                task.run(); // already on the compiler thread: queueing would wait on ourselves
            } else if (queued.compareAndSet(chunk, 0, 1)) {
                CompilerThread.execute(task);
            }
        }
        return CompilerThread.await(task);
    }

    private Class<?> makeFunctionClass(int chunk) {
        String name = gen.functionClassName(chunk);
        byte[] bytes = cached.get(name);
        int functions = gen.functionCount(chunk);
        if (bytes == null) {
            try {
                bytes = gen.generateFunctionClass(chunk);
            } catch (RuntimeException e) {
                // validation passed, so this is a compiler bug: say where
                throw new IllegalStateException("wasm2jvm: cannot generate " + name + ": " + e.getMessage(), e);
            }
            generatedFunctions.addAndGet(functions);
        }
        Class<?> c = defineAndLink(name, bytes);
        compiledFunctions.addAndGet(functions);
        return c;
    }

    /**
     * Defines a class and links it here (verification included), rather than leaving that to
     * the first guest call that resolves it. No generated class has a static initialiser.
     */
    private Class<?> defineAndLink(String internalName, byte[] bytes) {
        dump(internalName, bytes);
        Class<?> c = loader.define(internalName, bytes);
        defined.put(internalName, bytes);
        try {
            // found in the loader's dictionary (it defined the class): no findClass, no lock taken
            return Class.forName(c.getName(), true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Class<?> classOf(int funcIndex) {
        int defined = funcIndex - module.importedFunctionCount();
        return defined < 0 ? instanceClass : functionClass(gen.functionClassOfDefined(defined));
    }

    @Override
    public String methodName(int funcIndex) {
        return gen.handleMethodName(funcIndex);
    }

    @Override
    public <T> T resolve(Supplier<T> work) {
        if (!lazy || CompilerThread.isCurrent()) return work.get();
        FutureTask<T> task = new FutureTask<>(work::get);
        CompilerThread.execute(task);
        return CompilerThread.await(task);
    }

    @Override
    public int compiledFunctionCount() {
        return compiledFunctions.get();
    }

    /** Defined functions whose code was generated by this compilation (not read from the cache). */
    public int generatedFunctionCount() {
        return generatedFunctions.get();
    }

    /** Number of function classes the module's functions are spread over. */
    public int functionClassCount() {
        return chunks.length;
    }

    /**
     * What the cache entry should now hold — the cached classes and every class defined since —
     * or null when no class was generated since the entry was read or last written.
     */
    synchronized Map<String, byte[]> classesToCache() {
        Map<String, byte[]> all = new LinkedHashMap<>(cached);
        all.putAll(defined);
        if (all.size() == cachedOrWritten) return null;
        cachedOrWritten = all.size();
        return all;
    }

    private static void dump(String internalName, byte[] bytes) {
        String dir = System.getProperty("wasm2jvm.dump");
        if (dir == null || dir.isEmpty()) return;
        try {
            Path p = Path.of(dir, internalName + ".class");
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
