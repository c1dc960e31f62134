package org.wasm2jvm.compiler.validate;

import java.util.HashSet;
import java.util.Set;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.DataSegment;
import org.wasm2jvm.model.ElementSegment;
import org.wasm2jvm.model.Export;
import org.wasm2jvm.model.Global;
import org.wasm2jvm.model.Import;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Limits;
import org.wasm2jvm.model.MemoryType;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.model.SegmentMode;
import org.wasm2jvm.model.TableType;

/**
 * Validates a decoded module against the Wasm 2.0 validation rules, throwing
 * {@link ModuleException#invalid} with the reference interpreter's wording for the first
 * violation. The checks run in the reference interpreter's order (imports, function types,
 * globals, tables, memories, element and data segments, code, start, exports, memory count), so
 * that a module with several faults reports the same one.
 *
 * @see <a href="https://webassembly.github.io/spec/core/valid/modules.html">Spec 3.4 Modules</a>
 */
public final class ModuleValidator {
    private ModuleValidator() {
    }

    /** The largest memory, in 64 KiB pages. */
    private static final long MAX_PAGES = 0x1_0000L;
    private static final long MAX_TABLE_SIZE = 0xFFFF_FFFFL;

    public static void validate(Module m) {
        for (Import i : m.imports) importDesc(m, i);
        for (int i = 0; i < m.functions.size(); i++) {
            typeIndex(m, m.functions.get(i), "function");
        }
        ValidationContext ctx = new ValidationContext(m);
        for (Global g : m.globals) {
            ConstantExpressions.validate(ctx, g.init(), g.type().valType(), "global", -1);
        }
        for (TableType t : m.tables) table(t, "table");
        for (MemoryType t : m.memories) memory(t, "memory");
        for (ElementSegment e : m.elements) elementSegment(ctx, e);
        for (DataSegment d : m.data) dataSegment(ctx, d);
        code(ctx, m);
        if (m.start >= 0) start(ctx, m);
        exports(ctx, m);
        if (ctx.memoryCount > 1) throw ModuleException.invalid("multiple memories", null, -1);
    }

    private static void importDesc(Module m, Import i) {
        switch (i.kind()) {
            case FUNCTION: typeIndex(m, i.typeIndex(), "import"); break;
            case TABLE: table(i.tableType(), "import"); break;
            case MEMORY: memory(i.memoryType(), "import"); break;
            default: break;
        }
    }

    private static void typeIndex(Module m, int idx, String section) {
        if (idx < 0 || idx >= m.types.size()) {
            throw ModuleException.invalid("unknown type " + ValidationContext.index(idx), section, -1);
        }
    }

    /** @see <a href="https://webassembly.github.io/spec/core/valid/types.html#table-types">Spec 3.2.4 Table Types</a> */
    private static void table(TableType t, String section) {
        limits(t.limits(), MAX_TABLE_SIZE, "table size must be at most 2^32-1", section);
    }

    /** @see <a href="https://webassembly.github.io/spec/core/valid/types.html#memory-types">Spec 3.2.5 Memory Types</a> */
    private static void memory(MemoryType t, String section) {
        limits(t.limits(), MAX_PAGES, "memory size must be at most 65536 pages (4GiB)", section);
    }

    /** @see <a href="https://webassembly.github.io/spec/core/valid/types.html#limits">Spec 3.2.1 Limits</a> */
    private static void limits(Limits l, long range, String tooLarge, String section) {
        long min = u32(l.min());
        if (min > range) throw ModuleException.invalid(tooLarge, section, -1);
        if (l.hasMax()) {
            long max = u32(l.max());
            if (max > range) throw ModuleException.invalid(tooLarge, section, -1);
            if (min > max) throw ModuleException.invalid("size minimum must not be greater than maximum", section, -1);
        }
    }

    /** Reads a limit as unsigned, whether the decoder kept it as u32 or sign-extended it. */
    private static long u32(long v) {
        return v < 0 ? v & 0xFFFF_FFFFL : v;
    }

    /** @see <a href="https://webassembly.github.io/spec/core/valid/modules.html#element-segments">Spec 3.4.5 Element Segments</a> */
    private static void elementSegment(ValidationContext ctx, ElementSegment e) {
        ValType type = e.type();
        if (type == null || !type.isRef()) throw ModuleException.malformed("malformed reference type", "element", -1);
        if (e.init() != null) {
            for (Instruction[] item : e.init()) ConstantExpressions.validate(ctx, item, type, "element", -1);
        }
        if (e.mode() == SegmentMode.ACTIVE) {
            int table = ctx.table(e.tableIndex(), "element", firstOffset(e.offset()));
            ConstantExpressions.validate(ctx, e.offset(), ValType.I32, "element", -1);
            if (ctx.tableElems[table] != OperandTypes.code(type)) {
                throw ModuleException.invalid("type mismatch: " + type + " segment for "
                        + OperandTypes.name(ctx.tableElems[table]) + " table", "element", firstOffset(e.offset()));
            }
        }
    }

    /** @see <a href="https://webassembly.github.io/spec/core/valid/modules.html#data-segments">Spec 3.4.6 Data Segments</a> */
    private static void dataSegment(ValidationContext ctx, DataSegment d) {
        if (d.mode() == SegmentMode.ACTIVE) {
            ctx.memory(d.memoryIndex(), "data", firstOffset(d.offset()));
            ConstantExpressions.validate(ctx, d.offset(), ValType.I32, "data", -1);
        }
    }

    private static long firstOffset(Instruction[] expr) {
        return expr != null && expr.length > 0 ? expr[0].offset : -1;
    }

    /** @see <a href="https://webassembly.github.io/spec/core/valid/modules.html#functions">Spec 3.4.1 Functions</a> */
    private static void code(ValidationContext ctx, Module m) {
        if (m.codes.size() != m.functions.size()) {
            throw ModuleException.malformed("function and code section have inconsistent lengths", "code", -1);
        }
        CodeValidator validator = new CodeValidator(ctx);
        int imported = m.importedFunctionCount();
        for (int i = 0; i < m.codes.size(); i++) validator.validate(imported + i, m.codes.get(i));
    }

    /** @see <a href="https://webassembly.github.io/spec/core/valid/modules.html#start-function">Spec 3.4.8 Start Function</a> */
    private static void start(ValidationContext ctx, Module m) {
        int f = ctx.func(m.start, "start", -1);
        FuncType t = m.types.get(ctx.funcTypes[f]);
        if (t.paramCount() != 0 || t.resultCount() != 0) {
            throw ModuleException.invalid("start function must have type [] -> []", "start", -1);
        }
    }

    /** @see <a href="https://webassembly.github.io/spec/core/valid/modules.html#exports">Spec 3.4.9 Exports</a> */
    private static void exports(ValidationContext ctx, Module m) {
        Set<String> names = new HashSet<>();
        for (Export e : m.exports) {
            switch (e.kind()) {
                case FUNCTION: ctx.func(e.index(), "export", -1); break;
                case TABLE: ctx.table(e.index(), "export", -1); break;
                case MEMORY: ctx.memory(e.index(), "export", -1); break;
                case GLOBAL: ctx.global(e.index(), "export", -1); break;
                default: break;
            }
            if (!names.add(e.name())) throw ModuleException.invalid("duplicate export name", "export", -1);
        }
    }
}
