package org.wasm2jvm.compiler.text;

import java.util.ArrayList;
import java.util.List;

import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ValType;

/**
 * Translates the fields of a text module into a binary module.
 *
 * <p>Two passes: the first binds the identifiers of every index space (fields may refer forward)
 * and collects the explicit type definitions; the second encodes the fields in textual order,
 * which is also index order, since imports must precede definitions.
 *
 * @see <a href="https://webassembly.github.io/spec/core/text/modules.html">Spec 6.6 Modules</a>
 */
final class ModuleEncoder {
    private static final int PAGE_SIZE = 65536;

    private final ModuleScope scope = new ModuleScope();
    private final List<SExpr> fields;

    private final ByteSink imports = new ByteSink();
    private int importCount;
    private final ByteSink functions = new ByteSink();
    private int functionCount;
    private final ByteSink tables = new ByteSink();
    private int tableCount;
    private final ByteSink memories = new ByteSink();
    private int memoryCount;
    private final ByteSink globals = new ByteSink();
    private int globalCount;
    private final ByteSink exports = new ByteSink();
    private int exportCount;
    private long start = -1;
    private final ByteSink elems = new ByteSink();
    private int elemCount;
    private final ByteSink codes = new ByteSink();
    private final ByteSink datas = new ByteSink();
    private int dataCount;

    /** Next index of each space in the second pass. */
    private int funcIndex;
    private int tableIndex;
    private int memoryIndex;
    private int globalIndex;

    private ModuleEncoder(List<SExpr> fields) {
        this.fields = fields;
    }

    /** Encodes the given module fields into a binary module. */
    static byte[] encode(List<SExpr> fields) {
        ModuleEncoder e = new ModuleEncoder(fields);
        e.bindIds();
        for (SExpr f : fields) e.field((SExpr.Group) f);
        return e.assemble();
    }

    // ---- pass 1 ----

    private void bindIds() {
        String definedKind = null;
        for (SExpr f : fields) {
            if (!(f instanceof SExpr.Group g) || g.items().isEmpty()) throw Items.unexpected(f);
            String head = g.head();
            if (head == null) throw Items.unexpected(g.items().get(0));
            Items it = Items.body(g);
            switch (head) {
                case "type" -> {
                    scope.types.add(it.optId(), g);
                    scope.typeList.add(ModuleScope.funcType(it.nextGroup("func")));
                    it.end();
                }
                case "import" -> {
                    if (definedKind != null) throw Items.error("import after " + definedKind, g);
                    it.nextString();
                    it.nextString();
                    SExpr d = it.next();
                    String kind = d instanceof SExpr.Group dg ? dg.head() : null;
                    IdSpace space = kind == null ? null : spaceOf(kind);
                    if (space == null) throw Items.unexpected(d instanceof SExpr.Group dg && !dg.items().isEmpty() ? dg.items().get(0) : d);
                    space.add(Items.body((SExpr.Group) d).optId(), d);
                }
                case "func", "table", "memory", "global" -> {
                    spaceOf(head).add(it.optId(), g);
                    while (it.peekGroup("export")) it.next();
                    if (it.peekGroup("import")) {
                        if (definedKind != null) throw Items.error("import after " + definedKind, g);
                    } else if (definedKind == null) {
                        definedKind = head.equals("func") ? "function" : head;
                    }
                    if (head.equals("table") && it.peekRefType()) scope.elems.add(null, g);
                    if (head.equals("memory") && it.peekGroup("data")) scope.datas.add(null, g);
                }
                case "elem" -> scope.elems.add(it.optId(), g);
                case "data" -> scope.datas.add(it.optId(), g);
                case "export", "start" -> {
                }
                default -> throw Items.unexpected(g.items().get(0));
            }
        }
    }

    private IdSpace spaceOf(String kind) {
        return switch (kind) {
            case "func" -> scope.funcs;
            case "table" -> scope.tables;
            case "memory" -> scope.memories;
            case "global" -> scope.globals;
            default -> null;
        };
    }

    // ---- pass 2 ----

    private void field(SExpr.Group g) {
        Items it = Items.body(g);
        switch (g.head()) {
            case "type" -> {
            }
            case "import" -> importField(it);
            case "func" -> func(it);
            case "table" -> table(it);
            case "memory" -> memory(it);
            case "global" -> global(it);
            case "export" -> export(it);
            case "start" -> {
                if (start >= 0) throw Items.error("multiple start sections", g);
                start = scope.funcs.resolve(it.nextAtom());
                it.end();
            }
            case "elem" -> elem(it);
            case "data" -> data(it);
            default -> throw Items.unexpected(g);
        }
    }

    /** {@code (import "m" "n" desc)}. */
    private void importField(Items it) {
        byte[] module = it.nextName();
        byte[] name = it.nextName();
        SExpr.Group d = (SExpr.Group) it.next();
        it.end();
        Items di = Items.body(d);
        di.optId();
        importDesc(module, name, d.head(), di);
        di.end();
    }

    private void importDesc(byte[] module, byte[] name, String kind, Items it) {
        imports.name(module);
        imports.name(name);
        importCount++;
        switch (kind) {
            case "func" -> {
                imports.u8(0);
                imports.u32(scope.typeUse(it, true).index());
                funcIndex++;
            }
            case "table" -> {
                imports.u8(1);
                tableType(it, imports);
                tableIndex++;
            }
            case "memory" -> {
                imports.u8(2);
                limits(it, imports);
                memoryIndex++;
            }
            case "global" -> {
                imports.u8(3);
                globalType(it, imports);
                globalIndex++;
            }
            default -> throw Items.unexpected(it.peek());
        }
    }

    /** Inline {@code (export "n")*} abbreviations, exporting entity {@code index} of {@code kind}. */
    private void inlineExports(Items it, int kind, int index) {
        while (it.peekGroup("export")) {
            Items e = Items.body((SExpr.Group) it.next());
            addExport(e.nextName(), kind, index);
            e.end();
        }
    }

    private void addExport(byte[] name, int kind, long index) {
        exports.name(name);
        exports.u8(kind);
        exports.u32(index);
        exportCount++;
    }

    /** An inline {@code (import "m" "n")}, if present: the field is then an import of {@code kind}. */
    private boolean inlineImport(Items it, String kind) {
        if (!it.peekGroup("import")) return false;
        Items im = Items.body((SExpr.Group) it.next());
        byte[] module = im.nextName();
        byte[] name = im.nextName();
        im.end();
        importDesc(module, name, kind, it);
        it.end();
        return true;
    }

    /**
     * {@code (func id? export* import? typeuse local* instr*)}.
     *
     * @see <a href="https://webassembly.github.io/spec/core/text/modules.html#functions">Spec 6.6.5 Functions</a>
     */
    private void func(Items it) {
        it.optId();
        inlineExports(it, 0, funcIndex);
        if (inlineImport(it, "func")) return;
        funcIndex++;
        ModuleScope.TypeUse tu = scope.typeUse(it, true);
        functions.u32(tu.index());
        functionCount++;
        IdSpace locals = new IdSpace("local", "local");
        for (String id : tu.paramIds()) locals.add(id, it.peek());
        List<ValType> localTypes = new ArrayList<>();
        while (it.peekGroup("local")) {
            SExpr.Group lg = (SExpr.Group) it.next();
            Items l = Items.body(lg);
            if (l.peekId()) {
                locals.add(l.optId(), lg);
                localTypes.add(l.nextValType());
                l.end();
            } else {
                while (!l.atEnd()) {
                    localTypes.add(l.nextValType());
                    locals.add(null, lg);
                }
            }
        }
        ByteSink body = new ByteSink();
        compressedLocals(localTypes, body);
        new InstrEncoder(scope, locals, body).instrs(it);
        body.u8(0x0B);
        codes.u32(body.size());
        codes.append(body);
    }

    /** Locals are encoded as runs of equal types. */
    private static void compressedLocals(List<ValType> types, ByteSink out) {
        List<int[]> runs = new ArrayList<>();
        for (ValType t : types) {
            if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == t.code) runs.get(runs.size() - 1)[0]++;
            else runs.add(new int[] {1, t.code});
        }
        out.u32(runs.size());
        for (int[] r : runs) {
            out.u32(r[0]);
            out.u8(r[1]);
        }
    }

    /** {@code (table id? export* import? tabletype)} or with inline {@code (elem ...)}. */
    private void table(Items it) {
        it.optId();
        inlineExports(it, 1, tableIndex);
        if (inlineImport(it, "table")) return;
        int index = tableIndex++;
        tableCount++;
        if (it.peekRefType()) {
            ValType t = it.nextRefType();
            Items e = Items.body(it.nextGroup("elem"));
            it.end();
            ByteSink items = new ByteSink();
            int n = elemList(e, t, items);
            tables.u8(t.code);
            tables.u8(1);
            tables.u32(n);
            tables.u32(n);
            elemCount++;
            elems.u8(index == 0 ? 4 : 6);
            if (index != 0) elems.u32(index);
            elems.u8(0x41);
            elems.u8(0);
            elems.u8(0x0B);
            if (index != 0) elems.u8(t.code);
            elems.append(items);
            return;
        }
        tableType(it, tables);
        it.end();
    }

    /** Element expressions (when the list holds lists) or function indices, as a vec of expressions. */
    private int elemList(Items e, ValType type, ByteSink out) {
        List<ByteSink> exprs = new ArrayList<>();
        while (!e.atEnd()) {
            ByteSink x = new ByteSink();
            if (e.peekGroup()) {
                SExpr.Group g = (SExpr.Group) e.next();
                InstrEncoder enc = new InstrEncoder(scope, null, x);
                if (g.is("item")) enc.instrs(Items.body(g));
                else enc.instrs(new Items(List.of(g), 0, g.endOffset()));
            } else {
                if (type != ValType.FUNCREF) throw Items.unexpected(e.peek());
                x.u8(0xD2);
                x.u32(scope.funcs.resolve(e.nextAtom()));
            }
            x.u8(0x0B);
            exprs.add(x);
        }
        out.u32(exprs.size());
        for (ByteSink x : exprs) out.append(x);
        return exprs.size();
    }

    private void tableType(Items it, ByteSink out) {
        ByteSink lim = new ByteSink();
        limits(it, lim);
        out.u8(it.nextRefType().code);
        out.append(lim);
    }

    /** {@code limits ::= n:u32 m:u32?}. */
    private static void limits(Items it, ByteSink out) {
        long min = it.nextU32();
        if (it.peekNat()) {
            long max = it.nextU32();
            out.u8(1);
            out.u32(min);
            out.u32(max);
        } else {
            out.u8(0);
            out.u32(min);
        }
    }

    /** {@code (memory id? export* import? limits)} or with inline {@code (data ...)}. */
    private void memory(Items it) {
        it.optId();
        inlineExports(it, 2, memoryIndex);
        if (inlineImport(it, "memory")) return;
        int index = memoryIndex++;
        memoryCount++;
        if (it.peekGroup("data")) {
            Items d = Items.body((SExpr.Group) it.next());
            it.end();
            ByteSink bytes = new ByteSink();
            while (!d.atEnd()) bytes.bytes(d.nextString());
            long pages = (bytes.size() + PAGE_SIZE - 1L) / PAGE_SIZE;
            memories.u8(1);
            memories.u32(pages);
            memories.u32(pages);
            dataCount++;
            if (index == 0) {
                datas.u8(0);
            } else {
                datas.u8(2);
                datas.u32(index);
            }
            datas.u8(0x41);
            datas.u8(0);
            datas.u8(0x0B);
            datas.name(bytes.toByteArray());
            return;
        }
        limits(it, memories);
        it.end();
    }

    private void globalType(Items it, ByteSink out) {
        if (it.peekGroup("mut")) {
            Items m = Items.body((SExpr.Group) it.next());
            out.u8(m.nextValType().code);
            m.end();
            out.u8(1);
        } else {
            out.u8(it.nextValType().code);
            out.u8(0);
        }
    }

    /** {@code (global id? export* import? globaltype expr)}. */
    private void global(Items it) {
        it.optId();
        inlineExports(it, 3, globalIndex);
        if (inlineImport(it, "global")) return;
        globalIndex++;
        globalCount++;
        globalType(it, globals);
        new InstrEncoder(scope, null, globals).instrs(it);
        globals.u8(0x0B);
    }

    /** {@code (export "name" (kind x))}. */
    private void export(Items it) {
        byte[] name = it.nextName();
        SExpr n = it.next();
        it.end();
        if (!(n instanceof SExpr.Group d) || d.head() == null) throw Items.unexpected(n);
        Items di = Items.body(d);
        int kind;
        IdSpace space;
        switch (d.head()) {
            case "func" -> { kind = 0; space = scope.funcs; }
            case "table" -> { kind = 1; space = scope.tables; }
            case "memory" -> { kind = 2; space = scope.memories; }
            case "global" -> { kind = 3; space = scope.globals; }
            default -> throw Items.unexpected(d.items().get(0));
        }
        long index = space.resolve(di.nextAtom());
        di.end();
        addExport(name, kind, index);
    }

    /**
     * {@code (elem id? mode elemlist)}; the binary form uses the flag that fits the list's shape.
     *
     * @see <a href="https://webassembly.github.io/spec/core/text/modules.html#element-segments">Spec 6.6.11 Element Segments</a>
     * @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#element-section">Spec 5.5.12 Element Section</a>
     */
    private void elem(Items it) {
        it.optId();
        elemCount++;
        boolean declare = false;
        boolean active = false;
        long table = 0;
        ByteSink offset = new ByteSink();
        if (it.peekKeyword("declare")) {
            it.next();
            declare = true;
        } else if (it.peekGroup()) {
            active = true;
            if (it.peekGroup("table")) {
                Items t = Items.body((SExpr.Group) it.next());
                table = scope.tables.resolve(t.nextAtom());
                t.end();
            }
            offsetExpr(it, offset);
        }
        ValType type = ValType.FUNCREF;
        boolean funcIndices;
        if (it.peekKeyword("func")) {
            it.next();
            funcIndices = true;
        } else if (it.peekRefType()) {
            type = it.nextRefType();
            funcIndices = false;
        } else {
            // Legacy abbreviation: an active segment's bare function index list.
            if (!active) throw Items.unexpected(it.peek());
            funcIndices = true;
        }
        if (funcIndices) {
            List<Long> fs = new ArrayList<>();
            while (!it.atEnd()) fs.add(scope.funcs.resolve(it.nextAtom()));
            if (active) {
                if (table == 0) {
                    elems.u8(0);
                    elems.append(offset);
                } else {
                    elems.u8(2);
                    elems.u32(table);
                    elems.append(offset);
                    elems.u8(0);
                }
            } else {
                elems.u8(declare ? 3 : 1);
                elems.u8(0);
            }
            elems.u32(fs.size());
            for (long f : fs) elems.u32(f);
            return;
        }
        ByteSink list = new ByteSink();
        elemList(it, type, list);
        if (active) {
            if (table == 0 && type == ValType.FUNCREF) {
                elems.u8(4);
                elems.append(offset);
            } else {
                elems.u8(6);
                elems.u32(table);
                elems.append(offset);
                elems.u8(type.code);
            }
        } else {
            elems.u8(declare ? 7 : 5);
            elems.u8(type.code);
        }
        elems.append(list);
    }

    /** {@code (offset instr*)} or a single folded instruction, with the closing {@code end}. */
    private void offsetExpr(Items it, ByteSink out) {
        SExpr.Group g = (SExpr.Group) it.next();
        InstrEncoder enc = new InstrEncoder(scope, null, out);
        if (g.is("offset")) enc.instrs(Items.body(g));
        else enc.instrs(new Items(List.of(g), 0, g.endOffset()));
        out.u8(0x0B);
    }

    /**
     * {@code (data id? (memory x)? (offset ...) string*)} or passive {@code (data id? string*)}.
     *
     * @see <a href="https://webassembly.github.io/spec/core/text/modules.html#data-segments">Spec 6.6.12 Data Segments</a>
     */
    private void data(Items it) {
        it.optId();
        dataCount++;
        if (it.peekGroup()) {
            long mem = 0;
            if (it.peekGroup("memory")) {
                Items m = Items.body((SExpr.Group) it.next());
                mem = scope.memories.resolve(m.nextAtom());
                m.end();
            }
            if (mem == 0) {
                datas.u8(0);
            } else {
                datas.u8(2);
                datas.u32(mem);
            }
            offsetExpr(it, datas);
        } else {
            datas.u8(1);
        }
        ByteSink bytes = new ByteSink();
        while (!it.atEnd()) bytes.bytes(it.nextString());
        datas.name(bytes.toByteArray());
    }

    // ---- output ----

    /** @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#binary-module">Spec 5.5.16 Modules</a> */
    private byte[] assemble() {
        ByteSink out = new ByteSink();
        out.bytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        if (!scope.typeList.isEmpty()) {
            ByteSink types = new ByteSink();
            types.u32(scope.typeList.size());
            for (FuncType t : scope.typeList) {
                types.u8(0x60);
                types.u32(t.paramCount());
                for (ValType v : t.params()) types.u8(v.code);
                types.u32(t.resultCount());
                for (ValType v : t.results()) types.u8(v.code);
            }
            section(out, 1, types);
        }
        vecSection(out, 2, importCount, imports);
        vecSection(out, 3, functionCount, functions);
        vecSection(out, 4, tableCount, tables);
        vecSection(out, 5, memoryCount, memories);
        vecSection(out, 6, globalCount, globals);
        vecSection(out, 7, exportCount, exports);
        if (start >= 0) {
            ByteSink s = new ByteSink();
            s.u32(start);
            section(out, 8, s);
        }
        vecSection(out, 9, elemCount, elems);
        if (scope.usesDataCount) {
            ByteSink dc = new ByteSink();
            dc.u32(dataCount);
            section(out, 12, dc);
        }
        vecSection(out, 10, functionCount, codes);
        vecSection(out, 11, dataCount, datas);
        return out.toByteArray();
    }

    private static void vecSection(ByteSink out, int id, int count, ByteSink content) {
        if (count == 0) return;
        ByteSink s = new ByteSink();
        s.u32(count);
        s.append(content);
        section(out, id, s);
    }

    private static void section(ByteSink out, int id, ByteSink content) {
        out.u8(id);
        out.u32(content.size());
        out.append(content);
    }
}
