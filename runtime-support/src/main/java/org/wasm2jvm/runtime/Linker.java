package org.wasm2jvm.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.GlobalInstance;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.InstanceLimits;
import org.wasm2jvm.api.LinkException;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.TableInstance;
import org.wasm2jvm.api.TrapException;
import org.wasm2jvm.api.WasmFunction;
import org.wasm2jvm.model.DataSegment;
import org.wasm2jvm.model.ElementSegment;
import org.wasm2jvm.model.Export;
import org.wasm2jvm.model.Global;
import org.wasm2jvm.model.GlobalType;
import org.wasm2jvm.model.Import;
import org.wasm2jvm.model.Limits;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.model.SegmentMode;
import org.wasm2jvm.model.TableType;

/**
 * Instantiation in the spec's order: resolve and check imports, allocate, initialise globals,
 * apply active element then data segments (a segment that does not fit traps, and earlier
 * writes stay), then run the start function.
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/modules.html#instantiation">Spec 4.5.4 Instantiation</a>
 */
final class Linker {
    private static final byte[] NO_DATA = new byte[0];
    private static final Object[] NO_ELEMS = new Object[0];

    private Linker() {
    }

    static InstanceBase instantiate(CompiledModule cm, Imports imports, InstanceLimits limits) {
        long started = System.nanoTime();
        Module m = cm.module();
        InstanceBase inst = cm.newInstance();
        Duration deadline = limits.deadline();
        inst.setMetering(cm.options().metering(), limits.fuel(), deadline == null ? 0 : started + deadline.toNanos(),
                deadline == null ? -1 : deadline.toMillis(), limits.maxCallDepth());
        inst.compiled = cm;
        inst.types = m.types.toArray(new FuncType[0]);
        int maxResults = 0;
        for (FuncType t : inst.types) maxResults = Math.max(maxResults, t.resultCount());
        if (maxResults > 1) {
            inst.mvBits = new long[maxResults];
            inst.mvRefs = new Object[maxResults];
        }
        int nf = m.functionCount();
        inst.functions = new WasmFunction[nf];
        inst.memories = new MemoryInstance[m.memoryCount()];
        inst.tables = new TableInstance[m.tableCount()];
        int ng = m.globalCount();
        inst.globalCells = new GlobalInstance[ng];
        inst.globalBits = new long[ng];
        inst.globalRefs = new Object[ng];

        int fi = 0, ti = 0, mi = 0, gi = 0;
        for (Import imp : m.imports) {
            Object v = imports == null ? null : imports.resolve(imp.module(), imp.name());
            String where = " \"" + imp.module() + "\" \"" + imp.name() + "\"";
            if (v == null) throw new LinkException("unknown import" + where);
            switch (imp.kind()) {
                case FUNCTION: {
                    if (!(v instanceof WasmFunction)) throw incompatible(where, "expected a function");
                    WasmFunction f = (WasmFunction) v;
                    FuncType want = m.types.get(imp.typeIndex());
                    if (!f.type().equals(want)) throw incompatible(where, "expected " + want + ", got " + f.type());
                    inst.functions[fi++] = f;
                    break;
                }
                case TABLE: {
                    if (!(v instanceof TableInstance)) throw incompatible(where, "expected a table");
                    TableInstance t = (TableInstance) v;
                    TableType want = imp.tableType();
                    if (t.elementType() != want.elementType() || !limitsMatch(t.size(), t.max(), want.limits())) {
                        throw incompatible(where, "table type mismatch");
                    }
                    inst.tables[ti++] = t;
                    break;
                }
                case MEMORY: {
                    if (!(v instanceof MemoryInstance)) throw incompatible(where, "expected a memory");
                    MemoryInstance mem = (MemoryInstance) v;
                    if (!limitsMatch(mem.pages(), mem.maxPages(), imp.memoryType().limits())) {
                        throw incompatible(where, "memory limits mismatch");
                    }
                    inst.memories[mi++] = mem;
                    break;
                }
                case GLOBAL: {
                    if (!(v instanceof GlobalInstance)) throw incompatible(where, "expected a global");
                    GlobalInstance g = (GlobalInstance) v;
                    GlobalType want = imp.globalType();
                    if (g.type() != want.valType() || g.mutable() != want.mutable()) {
                        throw incompatible(where, "global type mismatch");
                    }
                    inst.globalCells[gi] = g;
                    inst.globalBits[gi] = g.bits;
                    inst.globalRefs[gi] = g.ref;
                    gi++;
                    break;
                }
                default:
                    throw new IllegalStateException();
            }
        }

        for (var mt : m.memories) {
            Limits l = mt.limits();
            if (l.min() > MemoryInstance.MAX_PAGES_JVM) {
                throw new TrapException("memory of " + l.min() + " pages exceeds what the JVM can hold");
            }
            int cap = limits.maxMemoryPages();
            if (cap >= 0 && l.min() > cap) {
                throw new LinkException("memory " + mi + " needs " + l.min() + " pages, more than the limit of " + cap
                        + " pages (InstanceLimits.maxMemoryPages)");
            }
            MemoryInstance mem = new MemoryInstance((int) l.min(), l.max());
            if (cap >= 0) mem.setPageCap(cap);
            inst.memories[mi++] = mem;
        }
        inst.memory0 = inst.memories.length > 0 ? inst.memories[0] : null;
        for (TableType tt : m.tables) {
            Limits l = tt.limits();
            if (l.min() > TableInstance.MAX_ELEMENTS) {
                throw new TrapException("table of " + l.min() + " elements exceeds what this runtime holds");
            }
            int cap = limits.maxTableElements();
            if (cap >= 0 && l.min() > cap) {
                throw new LinkException("table " + ti + " needs " + l.min() + " elements, more than the limit of " + cap
                        + " elements (InstanceLimits.maxTableElements)");
            }
            TableInstance table = new TableInstance(tt.elementType(), (int) l.min(), l.max());
            if (cap >= 0) table.setElementCap(cap);
            inst.tables[ti++] = table;
        }

        boolean[] exportedGlobal = new boolean[ng];
        for (Export e : m.exports) {
            if (e.kind() == org.wasm2jvm.model.ExternKind.GLOBAL) exportedGlobal[e.index()] = true;
        }
        for (Global g : m.globals) {
            ConstEval.Value v = ConstEval.eval(g.init(), inst);
            inst.globalBits[gi] = v.bits;
            inst.globalRefs[gi] = v.ref;
            if (exportedGlobal[gi]) {
                GlobalInstance cell = new GlobalInstance(g.type().valType(), g.type().mutable());
                cell.bits = v.bits;
                cell.ref = v.ref;
                inst.globalCells[gi] = cell;
            }
            gi++;
        }

        int nd = m.data.size();
        inst.dataSegments = new byte[nd][];
        for (int i = 0; i < nd; i++) inst.dataSegments[i] = m.data.get(i).bytes();
        List<ElementSegment> elems = m.elements;
        inst.elemSegments = new Object[elems.size()][];
        for (int i = 0; i < elems.size(); i++) {
            ElementSegment es = elems.get(i);
            Object[] vals = new Object[es.init().length];
            for (int j = 0; j < vals.length; j++) vals[j] = ConstEval.eval(es.init()[j], inst).ref;
            inst.elemSegments[i] = vals;
        }

        inst.initFields();

        LinkedHashMap<String, Object> exports = new LinkedHashMap<>();
        for (Export e : m.exports) {
            switch (e.kind()) {
                case FUNCTION: exports.put(e.name(), inst.func(e.index())); break;
                case TABLE: exports.put(e.name(), inst.tables[e.index()]); break;
                case MEMORY: exports.put(e.name(), inst.memories[e.index()]); break;
                case GLOBAL: exports.put(e.name(), inst.globalCells[e.index()]); break;
                default: throw new IllegalStateException();
            }
        }
        inst.setExports(exports);

        for (int i = 0; i < elems.size(); i++) {
            ElementSegment es = elems.get(i);
            if (es.mode() == SegmentMode.ACTIVE) {
                int offset = ConstEval.evalI32(es.offset(), inst);
                Object[] vals = inst.elemSegments[i];
                Rt.tableInit(offset, 0, vals.length, inst.tables[es.tableIndex()], vals);
                inst.elemSegments[i] = NO_ELEMS;
            } else if (es.mode() == SegmentMode.DECLARATIVE) {
                inst.elemSegments[i] = NO_ELEMS;
            }
        }
        for (int i = 0; i < nd; i++) {
            DataSegment ds = m.data.get(i);
            if (ds.mode() == SegmentMode.ACTIVE) {
                int offset = ConstEval.evalI32(ds.offset(), inst);
                Mem.init(offset, 0, ds.bytes().length, inst.memories[ds.memoryIndex()], ds.bytes());
                inst.dataSegments[i] = NO_DATA;
            }
        }

        if (m.start >= 0) {
            inst.func(m.start).call();
        }
        return inst;
    }

    private static LinkException incompatible(String where, String detail) {
        return new LinkException("incompatible import type" + where + ": " + detail);
    }

    /** Import subtyping on limits: at least the wanted minimum, and within the wanted maximum if any. */
    private static boolean limitsMatch(long actualMin, long actualMax, Limits want) {
        if (actualMin < want.min()) return false;
        if (want.hasMax()) {
            return actualMax >= 0 && actualMax <= want.max();
        }
        return true;
    }
}
