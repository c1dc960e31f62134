package org.wasm2jvm.compiler.inspect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.wasm2jvm.binary.ModuleDecoder;
import org.wasm2jvm.compiler.text.WatParser;
import org.wasm2jvm.model.CustomSection;
import org.wasm2jvm.model.Export;
import org.wasm2jvm.model.ExternKind;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.GlobalType;
import org.wasm2jvm.model.Import;
import org.wasm2jvm.model.Limits;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.model.TableType;

/**
 * Builds a {@link ModuleReport} from a module's bytes (binary, or text like {@code run} accepts).
 * Decodes with the shared decoder, so a malformed module fails with the same
 * {@link org.wasm2jvm.api.ModuleException}; it does not validate, so an invalid but well-formed
 * module can still be looked at.
 */
public final class ModuleInspector {
    /** How many functions the "largest functions" list holds. */
    public static final int LARGEST = 10;

    private ModuleInspector() {
    }

    public static ModuleReport inspect(byte[] bytes) {
        boolean text = looksLikeText(bytes);
        byte[] binary = text ? WatParser.parseModule(new String(bytes, StandardCharsets.UTF_8)) : bytes;
        Module m = ModuleDecoder.decode(binary);
        List<SectionInfo> sections = SectionScanner.scan(binary);
        Names names = NameSectionReader.read(custom(m, "name"));
        ModuleReport.Counts counts = new ModuleReport.Counts(m.types.size(), m.imports.size(),
                m.importedFunctionCount(), m.importedTableCount(), m.importedMemoryCount(), m.importedGlobalCount(),
                m.functions.size(), m.tables.size(), m.memories.size(), m.globals.size(), m.exports.size(),
                m.elements.size(), m.data.size());
        long bodyBytes = 0;
        List<ModuleReport.FunctionSize> sizes = new ArrayList<>();
        for (int i = 0; i < m.codes.size(); i++) {
            FunctionBody b = m.codes.get(i);
            int index = m.importedFunctionCount() + i;
            bodyBytes += b.size();
            sizes.add(new ModuleReport.FunctionSize(index, names.functions().get(index), b.size()));
        }
        sizes.sort(Comparator.comparingInt(ModuleReport.FunctionSize::size).reversed()
                .thenComparingInt(ModuleReport.FunctionSize::index));
        ModuleReport.FunctionRef start = m.start < 0 ? null
                : new ModuleReport.FunctionRef(m.start, names.functions().get(m.start));
        return new ModuleReport(text ? "text" : "binary", binary.length, names.module(), sections, counts, bodyBytes,
                List.copyOf(sizes.subList(0, Math.min(LARGEST, sizes.size()))), imports(m, names), exports(m, names),
                start, CustomSectionReaders.producers(custom(m, "producers")),
                CustomSectionReaders.targetFeatures(custom(m, "target_features")), MemoryMapper.map(m, names));
    }

    /** Same rule as the compiler: text starts with {@code (} or {@code ;} after blanks. */
    static boolean looksLikeText(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') continue;
            return b == '(' || b == ';';
        }
        return false;
    }

    private static byte[] custom(Module m, String name) {
        for (CustomSection c : m.customs) {
            if (c.name().equals(name)) return c.data();
        }
        return null;
    }

    private static List<ModuleReport.ImportInfo> imports(Module m, Names names) {
        List<ModuleReport.ImportInfo> out = new ArrayList<>();
        int[] next = new int[ExternKind.values().length];
        for (Import i : m.imports) {
            int index = next[i.kind().ordinal()]++;
            String type = switch (i.kind()) {
                case FUNCTION -> m.types.get(i.typeIndex()).toString();
                case TABLE -> table(i.tableType());
                case MEMORY -> memory(i.memoryType().limits());
                case GLOBAL -> global(i.globalType());
            };
            out.add(new ModuleReport.ImportInfo(i.module(), i.name(), kind(i.kind()), type, localName(names, i.kind(), index)));
        }
        return List.copyOf(out);
    }

    private static List<ModuleReport.ExportInfo> exports(Module m, Names names) {
        List<ModuleReport.ExportInfo> out = new ArrayList<>();
        for (Export e : m.exports) {
            int index = (int) e.index();
            String type = switch (e.kind()) {
                case FUNCTION -> m.functionType(index).toString();
                case TABLE -> table(m.tableType(index));
                case MEMORY -> memory(m.memoryType(index).limits());
                case GLOBAL -> global(m.globalType(index));
            };
            out.add(new ModuleReport.ExportInfo(e.name(), kind(e.kind()), index, type, localName(names, e.kind(), index)));
        }
        return List.copyOf(out);
    }

    private static String localName(Names names, ExternKind kind, int index) {
        return switch (kind) {
            case FUNCTION -> names.functions().get(index);
            case GLOBAL -> names.globals().get(index);
            default -> null;
        };
    }

    static String kind(ExternKind k) {
        return switch (k) {
            case FUNCTION -> "func";
            case TABLE -> "table";
            case MEMORY -> "memory";
            case GLOBAL -> "global";
        };
    }

    private static String table(TableType t) {
        return "(table " + limits(t.limits()) + " " + t.elementType() + ")";
    }

    private static String memory(Limits l) {
        return "(memory " + limits(l) + ")";
    }

    private static String global(GlobalType g) {
        return g.mutable() ? "(global (mut " + g.valType() + "))" : "(global " + g.valType() + ")";
    }

    private static String limits(Limits l) {
        return l.hasMax() ? l.min() + " " + l.max() : Long.toString(l.min());
    }
}
