package org.wasm2jvm.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.GlobalInstance;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.TableInstance;
import org.wasm2jvm.api.WasmFunction;

/**
 * Superclass of every generated instance class. Holds the state that generated code reaches
 * through the instance: memories, tables, function objects, segments. Globals live in typed
 * fields of the generated subclass (or in {@link GlobalInstance} cells when imported or
 * exported), which {@link #initFields()} fills from {@link #globalBits}/{@link #globalRefs}/
 * {@link #globalCells} after the linker has set them.
 *
 * <p>Fields are public because generated classes live in another package and class loader;
 * they are not API.
 */
public abstract class InstanceBase implements Instance {
    public CompiledModule compiled;
    public FuncType[] types;
    public WasmFunction[] functions;
    public MemoryInstance memory0;
    public MemoryInstance[] memories;
    public TableInstance[] tables;
    public GlobalInstance[] globalCells;
    public long[] globalBits;
    public Object[] globalRefs;
    public byte[][] dataSegments;
    public Object[][] elemSegments;
    Map<String, Object> exports = Collections.emptyMap();

    /** Copies linker-set state into the generated subclass's typed fields. */
    public abstract void initFields();

    /** Copies typed global fields back into {@link #globalBits}/{@link #globalRefs} (for inspection). */
    public abstract void syncGlobals();

    /** The function object of function {@code index}, created on first use and then stable. */
    public final WasmFunction func(int index) {
        WasmFunction f = functions[index];
        if (f == null) {
            f = compiled.newFunction(this, index);
            functions[index] = f;
        }
        return f;
    }

    @Override
    public Map<String, Object> exports() {
        return exports;
    }

    void setExports(LinkedHashMap<String, Object> e) {
        exports = Collections.unmodifiableMap(e);
    }
}
