package org.wasm2jvm.binary;

import java.util.Arrays;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.CustomSection;
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
import org.wasm2jvm.model.Opcodes;
import org.wasm2jvm.model.SegmentMode;
import org.wasm2jvm.model.TableType;

/**
 * Decodes a module binary into a {@link Module}. Only the binary format is checked here
 * (failures are {@link ModuleException.Kind#MALFORMED}); index and type rules are validation.
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/modules.html">Spec 5.5 Modules</a>
 */
public final class ModuleDecoder {
    private static final int MAGIC = 0x6D736100;
    private static final int VERSION = 1;

    static final int CUSTOM = 0, TYPE = 1, IMPORT = 2, FUNCTION = 3, TABLE = 4, MEMORY = 5, GLOBAL = 6,
            EXPORT = 7, START = 8, ELEMENT = 9, CODE = 10, DATA = 11, DATA_COUNT = 12;

    private static final String[] SECTION_NAMES = {"custom", "type", "import", "function", "table", "memory",
        "global", "export", "start", "element", "code", "data", "data count"};

    /** Position of each section id in the required order; data count comes before code. */
    private static final int[] ORDER = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};

    /**
     * Locals a single function may declare. The spec allows up to 2^32-1, but each one becomes a
     * JVM local (at most 65535 slots), so far fewer can ever compile; this bound only keeps a
     * hostile count from exhausting memory while expanding the declarations.
     */
    static final long MAX_LOCALS = 1 << 20;

    private final WasmReader in;
    private final InstructionDecoder instructions;
    private final Module module = new Module();
    private final boolean skeleton;
    private int declaredFunctions;

    private ModuleDecoder(byte[] bytes, boolean skeleton) {
        this.in = new WasmReader(bytes);
        this.instructions = new InstructionDecoder(in);
        this.skeleton = skeleton;
    }

    /**
     * @throws ModuleException (malformed) with the reference interpreter's wording when the
     *         bytes are not a well-formed module
     */
    public static Module decode(byte[] bytes) {
        return new ModuleDecoder(bytes, false).module();
    }

    /**
     * Decodes the skeleton of an already compiled module: a valid module whose code section was
     * removed (see {@code compiler/.../aot/DESIGN.md}). A function section without a code
     * section is accepted here only, so that {@link #decode} still rejects it as the spec requires;
     * the result has no {@link Module#codes}, and its data segments decode as usual.
     */
    public static Module decodeSkeleton(byte[] bytes) {
        return new ModuleDecoder(bytes, true).module();
    }

    private Module module() {
        int magic = in.fixed32();
        if (magic != MAGIC) throw in.malformed("magic header not detected", 0);
        int version = in.fixed32();
        if (version != VERSION) throw in.malformed("unknown binary version", 4);
        int last = 0;
        while (!in.atEnd()) {
            int idAt = in.pos();
            int id = in.u8();
            if (id > DATA_COUNT) throw in.malformed("malformed section id", idAt);
            if (id != CUSTOM) {
                if (ORDER[id] <= last) throw in.malformed("unexpected content after last section", idAt);
                last = ORDER[id];
            }
            in.section = SECTION_NAMES[id];
            int size = in.length();
            int start = in.pos();
            section(id, size);
            if (in.pos() != start + size) throw in.malformed("section size mismatch", start);
            in.section = null;
        }
        int end = in.end();
        boolean codeRemoved = skeleton && module.codes.isEmpty();
        if (declaredFunctions != module.codes.size() && !codeRemoved) {
            throw in.malformed("function and code section have inconsistent lengths", end);
        }
        if (module.dataCount >= 0 && module.dataCount != module.data.size()) {
            throw in.malformed("data count and data section have inconsistent lengths", end);
        }
        if (module.dataCount < 0 && instructions.usesDataIndex) {
            throw in.malformed("data count section required", end);
        }
        return module;
    }

    private void section(int id, int size) {
        switch (id) {
            case CUSTOM: customSection(size); break;
            case TYPE: typeSection(); break;
            case IMPORT: importSection(); break;
            case FUNCTION: functionSection(); break;
            case TABLE: tableSection(); break;
            case MEMORY: memorySection(); break;
            case GLOBAL: globalSection(); break;
            case EXPORT: exportSection(); break;
            case START: module.start = in.index(); break;
            case ELEMENT: elementSection(); break;
            case CODE: codeSection(); break;
            case DATA: dataSection(); break;
            case DATA_COUNT: module.dataCount = in.index(); break;
            default: throw new AssertionError(id);
        }
    }

    /** @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#custom-section">Spec 5.5.3</a> */
    private void customSection(int size) {
        int start = in.pos();
        String name = in.name();
        int dataStart = in.pos();
        in.skip(size - (dataStart - start));
        byte[] data = Arrays.copyOfRange(in.bytes(), dataStart, in.pos());
        module.customs.add(new CustomSection(name, data, start));
        if (name.equals("name")) NameSection.decodeInto(data, module);
    }

    /** @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#type-section">Spec 5.5.4</a> */
    private void typeSection() {
        int n = in.length();
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            if (ValueTypes.typeByte(in) != 0x60) throw in.malformed("malformed function type", at);
            ValType[] params = resultType();
            ValType[] results = resultType();
            module.types.add(new FuncType(params, results));
        }
    }

    private ValType[] resultType() {
        int n = in.length();
        ValType[] types = new ValType[n];
        for (int i = 0; i < n; i++) types[i] = ValueTypes.read(in);
        return types;
    }

    /** @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#import-section">Spec 5.5.5</a> */
    private void importSection() {
        int n = in.length();
        for (int i = 0; i < n; i++) {
            String moduleName = in.name();
            String name = in.name();
            int at = in.pos();
            ExternKind kind = ExternKind.fromCode(in.u8());
            if (kind == null) throw in.malformed("malformed import kind", at);
            switch (kind) {
                case FUNCTION:
                    module.imports.add(new Import(moduleName, name, kind, in.index(), null, null, null));
                    break;
                case TABLE:
                    module.imports.add(new Import(moduleName, name, kind, -1, tableType(), null, null));
                    break;
                case MEMORY:
                    module.imports.add(new Import(moduleName, name, kind, -1, null, new MemoryType(limits()), null));
                    break;
                default:
                    module.imports.add(new Import(moduleName, name, kind, -1, null, null, globalType()));
                    break;
            }
        }
        module.importsChanged();
    }

    /** @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#function-section">Spec 5.5.6</a> */
    private void functionSection() {
        int n = in.length();
        for (int i = 0; i < n; i++) module.functions.add(in.index());
        declaredFunctions = n;
    }

    private void tableSection() {
        int n = in.length();
        for (int i = 0; i < n; i++) module.tables.add(tableType());
    }

    private void memorySection() {
        int n = in.length();
        for (int i = 0; i < n; i++) module.memories.add(new MemoryType(limits()));
    }

    private void globalSection() {
        int n = in.length();
        for (int i = 0; i < n; i++) {
            GlobalType type = globalType();
            module.globals.add(new Global(type, instructions.constant()));
        }
    }

    /** @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#export-section">Spec 5.5.10</a> */
    private void exportSection() {
        int n = in.length();
        for (int i = 0; i < n; i++) {
            String name = in.name();
            int at = in.pos();
            ExternKind kind = ExternKind.fromCode(in.u8());
            if (kind == null) throw in.malformed("malformed export kind", at);
            module.exports.add(new Export(name, kind, in.index()));
        }
    }

    /** @see <a href="https://webassembly.github.io/spec/core/binary/types.html#table-types">Spec 5.3.9</a> */
    private TableType tableType() {
        ValType element = ValueTypes.readRefType(in);
        return new TableType(element, limits());
    }

    /** @see <a href="https://webassembly.github.io/spec/core/binary/types.html#limits">Spec 5.3.7</a> */
    private Limits limits() {
        boolean hasMax = in.unsigned(1) == 1;
        long min = in.u32() & 0xFFFFFFFFL;
        long max = hasMax ? in.u32() & 0xFFFFFFFFL : -1;
        return new Limits(min, max);
    }

    /** @see <a href="https://webassembly.github.io/spec/core/binary/types.html#global-types">Spec 5.3.10</a> */
    private GlobalType globalType() {
        ValType t = ValueTypes.read(in);
        int at = in.pos();
        int mut = in.u8();
        if (mut > 1) throw in.malformed("malformed mutability", at);
        return new GlobalType(t, mut == 1);
    }

    /**
     * All eight encodings; vectors of function indices become {@code ref.func} expressions.
     *
     * @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#element-section">Spec 5.5.12</a>
     */
    private void elementSection() {
        int n = in.length();
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            int flags = in.u32();
            if (flags < 0 || flags > 7) throw in.malformed("malformed elements segment kind", at);
            boolean passiveOrDeclarative = (flags & 1) != 0;
            boolean explicitTableOrDeclarative = (flags & 2) != 0;
            boolean expressions = (flags & 4) != 0;
            SegmentMode mode = !passiveOrDeclarative ? SegmentMode.ACTIVE
                    : explicitTableOrDeclarative ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
            int table = 0;
            Instruction[] offset = null;
            if (mode == SegmentMode.ACTIVE) {
                if (explicitTableOrDeclarative) table = in.index();
                offset = instructions.constant();
            }
            ValType type = ValType.FUNCREF;
            // Flags 0 and 4 imply funcref; the others spell out an element kind or reference type.
            if (flags != 0 && flags != 4) {
                if (expressions) {
                    type = ValueTypes.readRefType(in);
                } else {
                    in.expect(0x00, "malformed element kind");
                }
            }
            int count = in.length();
            Instruction[][] init = new Instruction[count][];
            for (int k = 0; k < count; k++) {
                if (expressions) {
                    init[k] = instructions.constant();
                } else {
                    int refAt = in.pos();
                    init[k] = new Instruction[] {new Instruction(Opcodes.REF_FUNC, in.u32() & 0xFFFFFFFFL, refAt)};
                }
            }
            module.elements.add(new ElementSegment(mode, type, table, offset, init));
        }
    }

    /** @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#code-section">Spec 5.5.13</a> */
    private void codeSection() {
        int n = in.length();
        for (int i = 0; i < n; i++) {
            int size = in.length();
            int start = in.pos();
            ValType[] locals = locals();
            Instruction[] code = instructions.body();
            if (in.pos() != start + size) throw in.malformed("section size mismatch", start);
            module.codes.add(new FunctionBody(locals, code, start, size));
        }
    }

    private ValType[] locals() {
        int at = in.pos();
        int groups = in.length();
        long total = 0;
        int[] counts = new int[groups];
        ValType[] types = new ValType[groups];
        for (int g = 0; g < groups; g++) {
            counts[g] = in.u32();
            types[g] = ValueTypes.read(in);
            total += counts[g] & 0xFFFFFFFFL;
        }
        if (total > 0xFFFFFFFFL || total > MAX_LOCALS) throw in.malformed("too many locals", at);
        ValType[] locals = new ValType[(int) total];
        int k = 0;
        for (int g = 0; g < groups; g++) {
            Arrays.fill(locals, k, k + counts[g], types[g]);
            k += counts[g];
        }
        return locals;
    }

    /** @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#data-section">Spec 5.5.14</a> */
    private void dataSection() {
        int n = in.length();
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            int flags = in.u32();
            switch (flags) {
                case 0:
                    module.data.add(new DataSegment(SegmentMode.ACTIVE, 0, instructions.constant(), in.byteVector()));
                    break;
                case 1:
                    module.data.add(new DataSegment(SegmentMode.PASSIVE, 0, null, in.byteVector()));
                    break;
                case 2: {
                    int memory = in.index();
                    Instruction[] offset = instructions.constant();
                    module.data.add(new DataSegment(SegmentMode.ACTIVE, memory, offset, in.byteVector()));
                    break;
                }
                default:
                    throw in.malformed("malformed data segment kind", at);
            }
        }
    }
}
