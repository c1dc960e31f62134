package org.wasm2jvm.compiler.inspect;

import java.util.List;

/**
 * The {@code producers} custom section: fields {@code language}, {@code processed-by} and
 * {@code sdk}, each a list of (name, version) pairs such as ("clang", "14.0.6").
 *
 * @see <a href="https://github.com/WebAssembly/tool-conventions/blob/main/ProducersSection.md">producers section</a>
 */
public record Producers(List<Field> fields) {
    public static final Producers NONE = new Producers(List.of());

    /** One field and its values, in the section's order. */
    public record Field(String name, List<Tool> values) {
    }

    /** A language, tool or SDK and its version ("" when none is given). */
    public record Tool(String name, String version) {
        @Override
        public String toString() {
            return version.isEmpty() ? name : name + " " + version;
        }
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The values of one field, or an empty list. */
    public List<Tool> field(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) return f.values();
        }
        return List.of();
    }
}
