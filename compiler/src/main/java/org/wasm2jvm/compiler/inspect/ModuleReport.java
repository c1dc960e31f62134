package org.wasm2jvm.compiler.inspect;

import java.util.List;

/**
 * Everything {@code wasm2jvm inspect} shows about a module, independent of how it is printed
 * ({@link TextReport}, {@link JsonReport}). Function, global and segment names come from the
 * {@code name} section and are null where it has none.
 *
 * @param format        {@code "binary"}, or {@code "text"} for a .wat file (sizes are then of its binary encoding)
 * @param binarySize    bytes of the binary module
 * @param sections      every section in file order, custom sections included
 * @param codeBodyBytes the sum of the function bodies' sizes
 * @param largestFunctions the defined functions with the largest bodies, largest first
 * @param start         the start function, or null
 * @param memory        the layout of memory 0, or null when the module has no memory
 */
public record ModuleReport(String format, int binarySize, String moduleName, List<SectionInfo> sections,
                           Counts counts, long codeBodyBytes, List<FunctionSize> largestFunctions,
                           List<ImportInfo> imports, List<ExportInfo> exports, FunctionRef start,
                           Producers producers, List<String> targetFeatures, MemoryLayout memory) {

    /**
     * How many of each: entries of each section; {@code functions}, {@code tables},
     * {@code memories} and {@code globals} count the defined ones, the {@code imported*} fields the imports.
     */
    public record Counts(int types, int imports, int importedFunctions, int importedTables, int importedMemories,
                         int importedGlobals, int functions, int tables, int memories, int globals, int exports,
                         int elements, int data) {
    }

    /** A defined function and its body size in bytes (locals and code, as in the code section). */
    public record FunctionSize(int index, String name, int size) {
    }

    /** An import; {@code type} is its type in text-format notation; {@code localName} from the name section. */
    public record ImportInfo(String module, String name, String kind, String type, String localName) {
    }

    /** An export of entry {@code index} of its kind's index space. */
    public record ExportInfo(String name, String kind, int index, String type, String localName) {
    }

    /** A function index and its name, or null. */
    public record FunctionRef(int index, String name) {
    }

    /** The custom sections, in file order. */
    public List<SectionInfo> customSections() {
        return sections.stream().filter(SectionInfo::isCustom).toList();
    }

    /** The section called {@code name}, or null. */
    public SectionInfo section(String name) {
        for (SectionInfo s : sections) {
            if (s.name().equals(name)) return s;
        }
        return null;
    }
}
