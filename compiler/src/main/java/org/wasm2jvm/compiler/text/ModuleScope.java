package org.wasm2jvm.compiler.text;

import java.util.ArrayList;
import java.util.List;

import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ValType;

/**
 * The module-level identifier context plus the type section under construction, including the
 * types that type-use abbreviations insert.
 *
 * @see <a href="https://webassembly.github.io/spec/core/text/modules.html#type-uses">Spec 6.6.3 Type Uses</a>
 */
final class ModuleScope {
    final IdSpace types = new IdSpace("type", "type");
    final IdSpace funcs = new IdSpace("func", "function");
    final IdSpace tables = new IdSpace("table", "table");
    final IdSpace memories = new IdSpace("memory", "memory");
    final IdSpace globals = new IdSpace("global", "global");
    final IdSpace elems = new IdSpace("elem", "elem segment");
    final IdSpace datas = new IdSpace("data", "data segment");

    /** Explicit type definitions first, then the ones inserted for inline type uses, in order of use. */
    final List<FuncType> typeList = new ArrayList<>();

    /** Set when an instruction needs the data count section (memory.init, data.drop). */
    boolean usesDataCount;

    /** A resolved type use: the type index and the parameter ids (null entries for unnamed ones). */
    record TypeUse(long index, List<String> paramIds) {
    }

    /** Index of the first type equal to {@code t}, appending it if there is none. */
    int findOrInsert(FuncType t) {
        int i = typeList.indexOf(t);
        if (i >= 0) return i;
        typeList.add(t);
        return typeList.size() - 1;
    }

    /** Parses {@code (param ...)*}, collecting types and ids; ids are refused unless allowed. */
    static void params(Items it, List<ValType> types, List<String> ids, boolean allowIds) {
        while (it.peekGroup("param")) {
            Items p = Items.body((SExpr.Group) it.next());
            if (p.peekId()) {
                if (!allowIds) throw Items.unexpected(p.peek());
                ids.add(p.optId());
                types.add(p.nextValType());
                p.end();
            } else {
                while (!p.atEnd()) {
                    types.add(p.nextValType());
                    ids.add(null);
                }
            }
        }
    }

    static void results(Items it, List<ValType> types) {
        while (it.peekGroup("result")) {
            Items r = Items.body((SExpr.Group) it.next());
            while (!r.atEnd()) types.add(r.nextValType());
        }
    }

    /** {@code (func (param ...)* (result ...)*)} of a type definition. */
    static FuncType funcType(SExpr.Group g) {
        Items it = Items.body(g);
        List<ValType> ps = new ArrayList<>();
        List<ValType> rs = new ArrayList<>();
        params(it, ps, new ArrayList<>(), true);
        results(it, rs);
        it.end();
        return new FuncType(ps.toArray(ValType[]::new), rs.toArray(ValType[]::new));
    }

    /**
     * {@code typeuse ::= (type x)? (param ...)* (result ...)*}, inserting a type when only the
     * inline form is given.
     */
    TypeUse typeUse(Items it, boolean allowParamIds) {
        long index = -1;
        SExpr typeRef = null;
        if (it.peekGroup("type")) {
            typeRef = it.next();
            Items t = Items.body((SExpr.Group) typeRef);
            index = types.resolve(t.nextAtom());
            t.end();
        }
        List<ValType> ps = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<ValType> rs = new ArrayList<>();
        params(it, ps, ids, allowParamIds);
        results(it, rs);
        if (it.peekGroup("param")) throw Items.unexpected(((SExpr.Group) it.peek()).items().get(0));
        FuncType inline = new FuncType(ps.toArray(ValType[]::new), rs.toArray(ValType[]::new));
        if (index < 0) return new TypeUse(findOrInsert(inline), ids);
        if (!ps.isEmpty() || !rs.isEmpty()) {
            if (index >= typeList.size()) throw Items.error("unknown type", typeRef);
            if (!typeList.get((int) index).equals(inline)) throw Items.error("inline function type", typeRef);
            return new TypeUse(index, ids);
        }
        List<String> none = new ArrayList<>();
        if (index < typeList.size()) {
            for (int i = 0; i < typeList.get((int) index).paramCount(); i++) none.add(null);
        }
        return new TypeUse(index, none);
    }
}
