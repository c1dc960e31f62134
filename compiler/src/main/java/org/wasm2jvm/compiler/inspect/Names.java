package org.wasm2jvm.compiler.inspect;

import java.util.Map;

/**
 * What the {@code name} custom section says: the module's name and the names of functions,
 * globals and data segments, by index. Empty maps when the section is absent or damaged.
 */
record Names(String module, Map<Integer, String> functions, Map<Integer, String> globals,
             Map<Integer, String> dataSegments) {
    static final Names NONE = new Names(null, Map.of(), Map.of(), Map.of());
}
