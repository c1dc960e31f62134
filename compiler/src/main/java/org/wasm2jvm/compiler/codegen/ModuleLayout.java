package org.wasm2jvm.compiler.codegen;

import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.model.Export;
import org.wasm2jvm.model.ExternKind;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.model.Opcodes;

/**
 * Where everything of a module goes in JVM terms: the instance class, which class holds each
 * function's static method, and which globals are typed fields or shared cells.
 *
 * <p>Defined functions are spread over "function classes" so that no class reaches the JVM's
 * limits (65,535 constant pool entries, methods per class); the budget is counted in
 * instructions, which bounds the constants a chunk can need.
 */
final class ModuleLayout {
    static final int MAX_FUNCTIONS_PER_CLASS = 1000;
    static final int MAX_INSTRUCTIONS_PER_CLASS = 12_000;
    /**
     * Batches for lazy compilation: the first call of a function generates and loads its whole
     * class, so classes are kept small (measured in LAZY.md).
     */
    static final int LAZY_MAX_FUNCTIONS_PER_CLASS = 16;
    static final int LAZY_MAX_INSTRUCTIONS_PER_CLASS = 1_500;

    private final Module module;
    private final String packagePrefix;
    private final int importedFunctions;
    private final int[] chunkOf;
    private final int chunkCount;
    private final boolean[] globalCell;

    ModuleLayout(Module module, String packagePrefix) {
        this(module, packagePrefix, MAX_FUNCTIONS_PER_CLASS, MAX_INSTRUCTIONS_PER_CLASS);
    }

    /** A layout whose function classes hold at most these many functions and Wasm instructions. */
    ModuleLayout(Module module, String packagePrefix, int maxFunctionsPerClass, int maxInstructionsPerClass) {
        this.module = module;
        this.packagePrefix = packagePrefix;
        this.importedFunctions = module.importedFunctionCount();
        int n = module.functions.size();
        chunkOf = new int[n];
        int chunk = 0, funcs = 0, insns = 0;
        for (int i = 0; i < n; i++) {
            FunctionBody b = module.codes.get(i);
            int size = b.code().length;
            if (funcs > 0 && (funcs >= maxFunctionsPerClass || insns + size > maxInstructionsPerClass)) {
                chunk++;
                funcs = 0;
                insns = 0;
            }
            chunkOf[i] = chunk;
            funcs++;
            insns += size;
        }
        chunkCount = n == 0 ? 0 : chunk + 1;

        int ng = module.globalCount();
        globalCell = new boolean[ng];
        int importedGlobals = module.importedGlobalCount();
        for (int g = 0; g < importedGlobals; g++) {
            globalCell[g] = module.globalType(g).mutable();
        }
        for (Export e : module.exports) {
            if (e.kind() == ExternKind.GLOBAL && module.globalType(e.index()).mutable()) globalCell[e.index()] = true;
        }
    }

    String instanceClass() {
        return packagePrefix + "Instance";
    }

    int chunkCount() {
        return chunkCount;
    }

    String functionClass(int chunk) {
        return packagePrefix + "Functions" + chunk;
    }

    int chunkOfDefined(int definedIndex) {
        return chunkOf[definedIndex];
    }

    boolean isImported(int funcIndex) {
        return funcIndex < importedFunctions;
    }

    /** Internal name of the class whose static method implements function {@code funcIndex}. */
    String ownerOf(int funcIndex) {
        return isImported(funcIndex) ? instanceClass() : functionClass(chunkOf[funcIndex - importedFunctions]);
    }

    /**
     * {@code f<index>}, followed by {@code _<name>} when the {@code name} section names the
     * function, so that plain Java stack traces already say which Wasm function ran
     * ({@code Functions0.f8_crash_with_unreachable(wasm:12)}); {@code WasmBacktrace} reads the index back.
     */
    String methodName(int funcIndex) {
        if (isImported(funcIndex)) return "import" + funcIndex;
        String name = module.functionNames.get(funcIndex);
        return name == null || name.isEmpty() ? "f" + funcIndex : "f" + funcIndex + "_" + jvmSafe(name);
    }

    /**
     * The method a function's method handle binds to: the function's own method, or for
     * multi-value functions the bridge that boxes its results ({@code ...$boxed}).
     */
    String handleMethodName(int funcIndex) {
        String m = methodName(funcIndex);
        return !isImported(funcIndex) && module.functionType(funcIndex).resultCount() > 1 ? m + "$boxed" : m;
    }

    /** A JVM method name may not contain {@code . ; [ / < >}; long (mangled) names are cut. */
    private static String jvmSafe(String name) {
        StringBuilder sb = new StringBuilder(Math.min(name.length(), 64));
        for (int i = 0; i < name.length() && sb.length() < 64; i++) {
            char c = name.charAt(i);
            sb.append(c == '.' || c == ';' || c == '[' || c == '/' || c == '<' || c == '>' || c == '$'
                    || Character.isISOControl(c) ? '_' : c);
        }
        return sb.toString();
    }

    boolean hasMemory() {
        return module.memoryCount() > 0;
    }

    boolean isGlobalCell(int g) {
        return globalCell[g];
    }

    static String globalField(int g) {
        return "g" + g;
    }

    static String globalCellField(int g) {
        return "cell" + g;
    }

    static String importHandleField(int f) {
        return "import" + f + "Handle";
    }

    static String indirectBridgeName(int typeIndex) {
        return "callIndirect" + typeIndex;
    }

    /**
     * (params..., int element, TableInstance, FuncType expected) -> result; with call-depth
     * counting, the calling instance follows (see {@code Rt.indirectTarget}).
     */
    static String indirectBridgeDesc(FuncType t, boolean depthLimit) {
        return "(" + JvmTypes.paramsDesc(t) + "IL" + JvmTypes.TABLE + ";L" + JvmTypes.FUNC_TYPE + ";"
                + (depthLimit ? "L" + JvmTypes.INSTANCE_BASE + ";" : "") + ")" + JvmTypes.returnDesc(t);
    }

    /** Type indices used by call_indirect anywhere in the module. */
    boolean[] indirectTypes() {
        boolean[] used = new boolean[module.types.size()];
        for (FunctionBody b : module.codes) {
            for (Instruction in : b.code()) {
                if (in.opcode == Opcodes.CALL_INDIRECT) used[(int) in.a] = true;
            }
        }
        return used;
    }
}
