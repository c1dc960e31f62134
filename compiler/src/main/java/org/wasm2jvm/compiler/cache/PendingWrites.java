package org.wasm2jvm.compiler.cache;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cache entries of lazily compiled modules, written when the JVM exits (or on {@link #flush()}):
 * a lazy module generates classes as the guest runs, so its entry is complete only at the end.
 * Each registration is a supplier of the classes to write (null when nothing new was generated),
 * held weakly through its owner so that a dropped module is neither kept alive nor written.
 */
public final class PendingWrites {
    private record Pending(ClassCache cache, CacheKey key, WeakReference<Object> owner,
                           java.util.function.Function<Object, Map<String, byte[]>> classes) {}

    private static final List<Pending> PENDING = new ArrayList<>();
    private static boolean hookInstalled;

    private PendingWrites() {
    }

    /**
     * Registers {@code owner}'s entry: at exit, {@code classes.apply(owner)} is written to
     * {@code cache} under {@code key} unless it returns null.
     */
    @SuppressWarnings("unchecked")
    public static synchronized <T> void register(ClassCache cache, CacheKey key, T owner,
                                                 java.util.function.Function<T, Map<String, byte[]>> classes) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(PendingWrites::flush, "wasm2jvm-cache-writer"));
            hookInstalled = true;
        }
        PENDING.removeIf(p -> p.owner().get() == null);
        PENDING.add(new Pending(cache, key, new WeakReference<>(owner),
                (java.util.function.Function<Object, Map<String, byte[]>>) (java.util.function.Function<?, ?>) classes));
    }

    /** Writes every registered entry that has new classes now (also run at JVM exit). */
    public static void flush() {
        List<Pending> todo;
        synchronized (PendingWrites.class) {
            todo = new ArrayList<>(PENDING);
        }
        for (Pending p : todo) {
            Object owner = p.owner().get();
            if (owner == null) continue;
            Map<String, byte[]> classes = p.classes().apply(owner);
            if (classes != null) p.cache().write(p.key(), classes);
        }
    }
}
