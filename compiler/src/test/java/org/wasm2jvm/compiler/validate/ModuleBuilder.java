package org.wasm2jvm.compiler.validate;

import java.util.ArrayList;
import java.util.List;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.DataSegment;
import org.wasm2jvm.model.ElementSegment;
import org.wasm2jvm.model.Export;
import org.wasm2jvm.model.ExternKind;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Global;
import org.wasm2jvm.model.GlobalType;
import org.wasm2jvm.model.Import;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Limits;
import org.wasm2jvm.model.MemoryType;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.model.SegmentMode;
import org.wasm2jvm.model.TableType;

/** Builds {@link Module}s for tests, in the order the text format would declare them. */
final class ModuleBuilder {
    final Module m = new Module();

    static ValType[] t(ValType... ts) {
        return ts;
    }

    /** Adds (or reuses) a function type and returns its index. */
    int type(ValType[] params, ValType... results) {
        FuncType ft = new FuncType(params, results);
        int i = m.types.indexOf(ft);
        if (i >= 0) return i;
        m.types.add(ft);
        return m.types.size() - 1;
    }

    /** Appends a new type even if an equal one exists. */
    ModuleBuilder addType(ValType[] params, ValType... results) {
        m.types.add(new FuncType(params, results));
        return this;
    }

    /** Defines a function with no locals; the final {@code end} is appended. */
    ModuleBuilder func(ValType[] params, ValType[] results, Instruction... body) {
        return func(params, results, t(), body);
    }

    ModuleBuilder func(ValType[] params, ValType[] results, ValType[] locals, Instruction... body) {
        return funcOfType(type(params, results), locals, body);
    }

    ModuleBuilder funcOfType(int typeIndex, ValType[] locals, Instruction... body) {
        m.functions.add(typeIndex);
        Instruction[] code = new Instruction[body.length + 1];
        System.arraycopy(body, 0, code, 0, body.length);
        code[body.length] = Ins.end();
        m.codes.add(new FunctionBody(locals, code, 0, 0));
        return this;
    }

    /** A {@code (func)} with an empty body: {@code [] -> []}. */
    ModuleBuilder func() {
        return func(t(), t());
    }

    ModuleBuilder importFunc(ValType[] params, ValType... results) {
        return importFunc(type(params, results));
    }

    ModuleBuilder importFunc(int typeIndex) {
        m.imports.add(new Import("m", "f" + m.imports.size(), ExternKind.FUNCTION, typeIndex, null, null, null));
        m.importsChanged();
        return this;
    }

    ModuleBuilder importGlobal(ValType type, boolean mutable) {
        m.imports.add(new Import("m", "g" + m.imports.size(), ExternKind.GLOBAL, 0, null, null,
                new GlobalType(type, mutable)));
        m.importsChanged();
        return this;
    }

    ModuleBuilder importMemory(long min, long max) {
        m.imports.add(new Import("m", "mem" + m.imports.size(), ExternKind.MEMORY, 0, null,
                new MemoryType(new Limits(min, max)), null));
        m.importsChanged();
        return this;
    }

    ModuleBuilder importTable(ValType elem, long min, long max) {
        m.imports.add(new Import("m", "tab" + m.imports.size(), ExternKind.TABLE, 0,
                new TableType(elem, new Limits(min, max)), null, null));
        m.importsChanged();
        return this;
    }

    ModuleBuilder memory(long min, long max) {
        m.memories.add(new MemoryType(new Limits(min, max)));
        return this;
    }

    ModuleBuilder memory() {
        return memory(1, -1);
    }

    ModuleBuilder table(ValType elem, long min, long max) {
        m.tables.add(new TableType(elem, new Limits(min, max)));
        return this;
    }

    ModuleBuilder table(ValType elem) {
        return table(elem, 10, -1);
    }

    ModuleBuilder global(ValType type, boolean mutable, Instruction... init) {
        m.globals.add(new Global(new GlobalType(type, mutable), init));
        return this;
    }

    ModuleBuilder export(String name, ExternKind kind, int index) {
        m.exports.add(new Export(name, kind, index));
        return this;
    }

    ModuleBuilder start(int func) {
        m.start = func;
        return this;
    }

    ModuleBuilder activeElem(int table, Instruction[] offset, ValType type, Instruction[]... items) {
        m.elements.add(new ElementSegment(SegmentMode.ACTIVE, type, table, offset, items));
        return this;
    }

    ModuleBuilder elem(SegmentMode mode, ValType type, Instruction[]... items) {
        m.elements.add(new ElementSegment(mode, type, 0, null, items));
        return this;
    }

    ModuleBuilder activeData(int memory, Instruction... offset) {
        m.data.add(new DataSegment(SegmentMode.ACTIVE, memory, offset, new byte[] {1, 2}));
        return this;
    }

    ModuleBuilder passiveData() {
        m.data.add(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[] {1}));
        return this;
    }

    ModuleBuilder dataCount(int n) {
        m.dataCount = n;
        return this;
    }

    Module build() {
        return m;
    }

    /** Instruction constructors named after the text format. */
    static final class Ins {
        private Ins() {
        }

        private static int pc;

        private static int next() {
            return pc++;
        }

        static Instruction op(int opcode) {
            return new Instruction(opcode, next());
        }

        static Instruction op(int opcode, long a) {
            return new Instruction(opcode, a, next());
        }

        static Instruction op(int opcode, long a, long b) {
            return new Instruction(opcode, a, b, next());
        }

        static Instruction[] expr(Instruction... ins) {
            return ins;
        }

        static Instruction i32(int v) {
            return op(org.wasm2jvm.model.Opcodes.I32_CONST, v);
        }

        static Instruction i64(long v) {
            return op(org.wasm2jvm.model.Opcodes.I64_CONST, v);
        }

        static Instruction f32(float v) {
            return op(org.wasm2jvm.model.Opcodes.F32_CONST, Float.floatToRawIntBits(v));
        }

        static Instruction f64(double v) {
            return op(org.wasm2jvm.model.Opcodes.F64_CONST, Double.doubleToRawLongBits(v));
        }

        /** The s33 block type for a single result type. */
        static long bt(ValType t) {
            return t.code - 0x80;
        }

        static Instruction block() {
            return op(org.wasm2jvm.model.Opcodes.BLOCK, BlockTypes.EMPTY);
        }

        static Instruction block(ValType result) {
            return op(org.wasm2jvm.model.Opcodes.BLOCK, bt(result));
        }

        static Instruction blockType(int typeIndex) {
            return op(org.wasm2jvm.model.Opcodes.BLOCK, typeIndex);
        }

        static Instruction loop() {
            return op(org.wasm2jvm.model.Opcodes.LOOP, BlockTypes.EMPTY);
        }

        static Instruction loop(ValType result) {
            return op(org.wasm2jvm.model.Opcodes.LOOP, bt(result));
        }

        static Instruction loopType(int typeIndex) {
            return op(org.wasm2jvm.model.Opcodes.LOOP, typeIndex);
        }

        static Instruction if_() {
            return op(org.wasm2jvm.model.Opcodes.IF, BlockTypes.EMPTY);
        }

        static Instruction if_(ValType result) {
            return op(org.wasm2jvm.model.Opcodes.IF, bt(result));
        }

        static Instruction ifType(int typeIndex) {
            return op(org.wasm2jvm.model.Opcodes.IF, typeIndex);
        }

        static Instruction else_() {
            return op(org.wasm2jvm.model.Opcodes.ELSE);
        }

        static Instruction end() {
            return op(org.wasm2jvm.model.Opcodes.END);
        }

        static Instruction br(int depth) {
            return op(org.wasm2jvm.model.Opcodes.BR, depth);
        }

        static Instruction brIf(int depth) {
            return op(org.wasm2jvm.model.Opcodes.BR_IF, depth);
        }

        /** {@code br_table} with the default target last. */
        static Instruction brTable(int... targets) {
            return new Instruction(org.wasm2jvm.model.Opcodes.BR_TABLE, 0, 0, targets, next());
        }

        static Instruction call(int f) {
            return op(org.wasm2jvm.model.Opcodes.CALL, f);
        }

        static Instruction callIndirect(int type, int table) {
            return op(org.wasm2jvm.model.Opcodes.CALL_INDIRECT, type, table);
        }

        static Instruction selectT(ValType... types) {
            int[] codes = new int[types.length];
            for (int i = 0; i < types.length; i++) codes[i] = types[i].code;
            return new Instruction(org.wasm2jvm.model.Opcodes.SELECT_T, 0, 0, codes, next());
        }

        static Instruction localGet(int i) {
            return op(org.wasm2jvm.model.Opcodes.LOCAL_GET, i);
        }

        static Instruction localSet(int i) {
            return op(org.wasm2jvm.model.Opcodes.LOCAL_SET, i);
        }

        static Instruction localTee(int i) {
            return op(org.wasm2jvm.model.Opcodes.LOCAL_TEE, i);
        }

        static Instruction globalGet(int i) {
            return op(org.wasm2jvm.model.Opcodes.GLOBAL_GET, i);
        }

        static Instruction globalSet(int i) {
            return op(org.wasm2jvm.model.Opcodes.GLOBAL_SET, i);
        }

        static Instruction refNull(ValType t) {
            return op(org.wasm2jvm.model.Opcodes.REF_NULL, t.code);
        }

        static Instruction refFunc(int f) {
            return op(org.wasm2jvm.model.Opcodes.REF_FUNC, f);
        }

        /** A load or store with the given alignment exponent and offset 0. */
        static Instruction mem(int opcode, int align) {
            return op(opcode, align, 0);
        }
    }
}
