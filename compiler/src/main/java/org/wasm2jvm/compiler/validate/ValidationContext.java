package org.wasm2jvm.compiler.validate;

import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.DataSegment;
import org.wasm2jvm.model.ElementSegment;
import org.wasm2jvm.model.Export;
import org.wasm2jvm.model.ExternKind;
import org.wasm2jvm.model.Global;
import org.wasm2jvm.model.GlobalType;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.model.Opcodes;

/**
 * The validation context C of a module, flattened into arrays so that checking an instruction
 * never allocates: types of every index space plus the set C.refs of declared function
 * references. Lookups throw the reference interpreter's "unknown ..." errors.
 *
 * <p>Built only after the function type indices of imports and definitions are known to be valid.
 *
 * @see <a href="https://webassembly.github.io/spec/core/valid/conventions.html#contexts">Spec 3.1.1 Contexts</a>
 */
final class ValidationContext {
    final Module module;
    /** Parameter/result operand types of every entry of the type section. */
    final byte[][] typeParams, typeResults;
    /** Type index of every function of the function index space. */
    final int[] funcTypes;
    /** Element operand type of every table. */
    final byte[] tableElems;
    final int memoryCount;
    final byte[] globalTypes;
    final boolean[] globalMutable;
    final int importedGlobals;
    final byte[] elemTypes;
    /** C.datas: the data count section when present, otherwise the data segments. */
    final int dataCount;
    /** C.refs: functions referenced outside function bodies, which ref.func may name. */
    final boolean[] declaredFuncs;

    ValidationContext(Module m) {
        this.module = m;
        int nt = m.types.size();
        typeParams = new byte[nt][];
        typeResults = new byte[nt][];
        for (int i = 0; i < nt; i++) {
            FuncType t = m.types.get(i);
            typeParams[i] = OperandTypes.codes(t.params());
            typeResults[i] = OperandTypes.codes(t.results());
        }
        int nf = m.functionCount();
        funcTypes = new int[nf];
        for (int i = 0; i < nf; i++) funcTypes[i] = m.functionTypeIndex(i);
        int ntab = m.tableCount();
        tableElems = new byte[ntab];
        for (int i = 0; i < ntab; i++) tableElems[i] = OperandTypes.code(m.tableType(i).elementType());
        memoryCount = m.memoryCount();
        int ng = m.globalCount();
        globalTypes = new byte[ng];
        globalMutable = new boolean[ng];
        for (int i = 0; i < ng; i++) {
            GlobalType g = m.globalType(i);
            globalTypes[i] = OperandTypes.code(g.valType());
            globalMutable[i] = g.mutable();
        }
        importedGlobals = m.importedGlobalCount();
        elemTypes = new byte[m.elements.size()];
        for (int i = 0; i < elemTypes.length; i++) {
            ValType t = m.elements.get(i).type();
            elemTypes[i] = t == null ? OperandTypes.UNKNOWN : OperandTypes.code(t);
        }
        dataCount = m.dataCount >= 0 ? m.dataCount : m.data.size();
        declaredFuncs = declaredFunctions(m, nf);
    }

    /**
     * C.refs: the function indices occurring in the module outside function bodies and the
     * start function: in exports and in the constant expressions of globals and segments.
     *
     * @see <a href="https://webassembly.github.io/spec/core/valid/modules.html#valid-module">Spec 3.4.10 Modules</a>
     */
    private static boolean[] declaredFunctions(Module m, int funcCount) {
        boolean[] refs = new boolean[funcCount];
        for (Export e : m.exports) {
            if (e.kind() == ExternKind.FUNCTION && e.index() >= 0 && e.index() < funcCount) refs[e.index()] = true;
        }
        for (Global g : m.globals) markRefs(g.init(), refs);
        for (ElementSegment e : m.elements) {
            markRefs(e.offset(), refs);
            if (e.init() != null) for (Instruction[] expr : e.init()) markRefs(expr, refs);
        }
        for (DataSegment d : m.data) markRefs(d.offset(), refs);
        return refs;
    }

    private static void markRefs(Instruction[] expr, boolean[] refs) {
        if (expr == null) return;
        for (Instruction i : expr) {
            if (i.opcode == Opcodes.REF_FUNC && i.a >= 0 && i.a < refs.length) refs[(int) i.a] = true;
        }
    }

    static String index(long idx) {
        return Long.toString(idx >= 0 ? idx : idx & 0xFFFFFFFFL);
    }

    private static ModuleException unknown(String what, long idx, String section, long offset) {
        return ModuleException.invalid("unknown " + what + " " + index(idx), section, offset);
    }

    int type(long idx, String section, long offset) {
        if (idx < 0 || idx >= typeParams.length) throw unknown("type", idx, section, offset);
        return (int) idx;
    }

    int func(long idx, String section, long offset) {
        if (idx < 0 || idx >= funcTypes.length) throw unknown("function", idx, section, offset);
        return (int) idx;
    }

    int table(long idx, String section, long offset) {
        if (idx < 0 || idx >= tableElems.length) throw unknown("table", idx, section, offset);
        return (int) idx;
    }

    void memory(long idx, String section, long offset) {
        if (idx < 0 || idx >= memoryCount) throw unknown("memory", idx, section, offset);
    }

    int global(long idx, String section, long offset) {
        if (idx < 0 || idx >= globalTypes.length) throw unknown("global", idx, section, offset);
        return (int) idx;
    }

    int elem(long idx, String section, long offset) {
        if (idx < 0 || idx >= elemTypes.length) throw unknown("elem segment", idx, section, offset);
        return (int) idx;
    }

    void data(long idx, String section, long offset) {
        if (idx < 0 || idx >= dataCount) throw unknown("data segment", idx, section, offset);
    }
}
