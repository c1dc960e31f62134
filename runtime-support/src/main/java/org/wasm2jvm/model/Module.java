package org.wasm2jvm.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wasm2jvm.api.FuncType;

/**
 * A decoded module: the abstract syntax of the spec, indices as in the binary format.
 * Index spaces (functions, tables, memories, globals) start with the imports.
 *
 * @see <a href="https://webassembly.github.io/spec/core/syntax/modules.html">Spec 2.5 Modules</a>
 */
public final class Module {
    public final List<FuncType> types = new ArrayList<>();
    public final List<Import> imports = new ArrayList<>();
    /** Type index of each defined (non-imported) function. */
    public final List<Integer> functions = new ArrayList<>();
    public final List<TableType> tables = new ArrayList<>();
    public final List<MemoryType> memories = new ArrayList<>();
    public final List<Global> globals = new ArrayList<>();
    public final List<Export> exports = new ArrayList<>();
    /** Start function index, or -1. */
    public int start = -1;
    public final List<ElementSegment> elements = new ArrayList<>();
    public final List<DataSegment> data = new ArrayList<>();
    /** The data count section's value, or -1 when absent. */
    public int dataCount = -1;
    public final List<FunctionBody> codes = new ArrayList<>();
    public final List<CustomSection> customs = new ArrayList<>();
    /** Function names from the {@code name} custom section, by function index. */
    public final Map<Integer, String> functionNames = new HashMap<>();
    /** Module name from the {@code name} section, or null. */
    public String name;

    private int importedFunctions = -1, importedTables, importedMemories, importedGlobals;
    private int[] importedFunctionTypes;

    private void countImports() {
        int f = 0, t = 0, m = 0, g = 0;
        int[] ft = new int[imports.size()];
        for (Import i : imports) {
            switch (i.kind()) {
                case FUNCTION: ft[f++] = i.typeIndex(); break;
                case TABLE: t++; break;
                case MEMORY: m++; break;
                case GLOBAL: g++; break;
                default: break;
            }
        }
        importedFunctionTypes = ft;
        importedFunctions = f;
        importedTables = t;
        importedMemories = m;
        importedGlobals = g;
    }

    /** Call after changing {@link #imports}; counts are cached on first use. */
    public void importsChanged() {
        importedFunctions = -1;
    }

    public int importedFunctionCount() {
        if (importedFunctions < 0) countImports();
        return importedFunctions;
    }

    public int importedTableCount() {
        if (importedFunctions < 0) countImports();
        return importedTables;
    }

    public int importedMemoryCount() {
        if (importedFunctions < 0) countImports();
        return importedMemories;
    }

    public int importedGlobalCount() {
        if (importedFunctions < 0) countImports();
        return importedGlobals;
    }

    public int functionCount() {
        return importedFunctionCount() + functions.size();
    }

    public int tableCount() {
        return importedTableCount() + tables.size();
    }

    public int memoryCount() {
        return importedMemoryCount() + memories.size();
    }

    public int globalCount() {
        return importedGlobalCount() + globals.size();
    }

    /** Type index of function {@code funcIndex} in the function index space. */
    public int functionTypeIndex(int funcIndex) {
        int imported = importedFunctionCount();
        if (funcIndex < imported) return importedFunctionTypes[funcIndex];
        return functions.get(funcIndex - imported);
    }

    public FuncType functionType(int funcIndex) {
        return types.get(functionTypeIndex(funcIndex));
    }

    /** The import that defines entry {@code index} of the given kind's index space. */
    public Import importOf(ExternKind kind, int index) {
        int n = 0;
        for (Import i : imports) {
            if (i.kind() == kind && n++ == index) return i;
        }
        throw new IndexOutOfBoundsException(kind + " import " + index);
    }

    public TableType tableType(int tableIndex) {
        int imported = importedTableCount();
        return tableIndex < imported ? importOf(ExternKind.TABLE, tableIndex).tableType() : tables.get(tableIndex - imported);
    }

    public MemoryType memoryType(int memIndex) {
        int imported = importedMemoryCount();
        return memIndex < imported ? importOf(ExternKind.MEMORY, memIndex).memoryType() : memories.get(memIndex - imported);
    }

    public GlobalType globalType(int globalIndex) {
        int imported = importedGlobalCount();
        return globalIndex < imported ? importOf(ExternKind.GLOBAL, globalIndex).globalType() : globals.get(globalIndex - imported).type();
    }
}
