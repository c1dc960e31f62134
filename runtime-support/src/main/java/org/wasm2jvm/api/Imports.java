package org.wasm2jvm.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The values a module's imports resolve to, by module and field name: {@link WasmFunction}s,
 * {@link MemoryInstance}s, {@link TableInstance}s and {@link GlobalInstance}s. Registering an
 * instance under a name makes all its exports importable under that module name (the spec
 * testsuite's {@code register}).
 */
public final class Imports {
    private final Map<String, Map<String, Object>> byModule = new LinkedHashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Function<String, Object>> providers = new LinkedHashMap<>();

    public static Imports empty() {
        return new Imports();
    }

    public Imports add(String module, String name, Object value) {
        if (!(value instanceof WasmFunction || value instanceof MemoryInstance || value instanceof TableInstance
                || value instanceof GlobalInstance)) {
            throw new IllegalArgumentException("not an extern value: " + value);
        }
        byModule.computeIfAbsent(module, k -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    public Imports function(String module, String name, WasmFunction f) {
        return add(module, name, f);
    }

    public Imports memory(String module, String name, MemoryInstance m) {
        return add(module, name, m);
    }

    public Imports table(String module, String name, TableInstance t) {
        return add(module, name, t);
    }

    public Imports global(String module, String name, GlobalInstance g) {
        return add(module, name, g);
    }

    /** Makes every export of {@code instance} importable as {@code (import "module" "<export>")}. */
    public Imports instance(String module, Instance instance) {
        instances.put(module, instance);
        byModule.remove(module);
        return this;
    }

    /**
     * Makes the fields of {@code module} resolve through {@code provider}, asked once per import the
     * module being instantiated actually has (it returns null for names it does not know). For
     * import sets with many functions of which a module uses few, such as WASI: making each host
     * function costs method-handle set-up that a program importing five of them should not pay
     * for the other forty. Values added by name win over the provider.
     */
    public Imports provider(String module, Function<String, Object> provider) {
        providers.put(module, provider);
        return this;
    }

    /** The value for an import, or null when nothing is registered under that name. */
    public Object resolve(String module, String name) {
        Map<String, Object> m = byModule.get(module);
        if (m != null && m.containsKey(name)) return m.get(name);
        Instance i = instances.get(module);
        if (i != null) return i.exports().get(name);
        Function<String, Object> p = providers.get(module);
        return p == null ? null : p.apply(name);
    }
}
