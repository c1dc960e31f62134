package org.wasm2jvm.compiler.inspect;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the {@code name} custom section, including the subsections of the extended-name-section
 * proposal that wasm-ld writes: global names (7) and data segment names (9), which the shared
 * decoder does not keep. Toolchains lay out linear memory with globals such as
 * {@code __stack_pointer} that are only named here. A damaged section reads as {@link Names#NONE},
 * as the spec asks of custom sections.
 *
 * @see <a href="https://webassembly.github.io/spec/core/appendix/custom.html#name-section">Spec 7.4.1 Name Section</a>
 * @see <a href="https://github.com/WebAssembly/extended-name-section/blob/main/proposals/extended-name-section/Overview.md">extended name section</a>
 */
final class NameSectionReader {
    private static final int MODULE = 0, FUNCTIONS = 1, GLOBALS = 7, DATA_SEGMENTS = 9;

    private NameSectionReader() {
    }

    static Names read(byte[] data) {
        if (data == null) return Names.NONE;
        String module = null;
        Map<Integer, String> functions = new HashMap<>(), globals = new HashMap<>(), data9 = new HashMap<>();
        try {
            ByteCursor in = new ByteCursor(data);
            while (!in.atEnd()) {
                int id = in.u8();
                int size = in.length();
                int end = in.pos() + size;
                ByteCursor sub = new ByteCursor(data, in.pos(), end);
                switch (id) {
                    case MODULE -> module = sub.name();
                    case FUNCTIONS -> nameMap(sub, functions);
                    case GLOBALS -> nameMap(sub, globals);
                    case DATA_SEGMENTS -> nameMap(sub, data9);
                    default -> { }
                }
                in.skip(size);
            }
        } catch (ByteCursor.Malformed e) {
            return Names.NONE;
        }
        return new Names(module, Map.copyOf(functions), Map.copyOf(globals), Map.copyOf(data9));
    }

    /** A name map: a vector of (index, name) pairs. */
    private static void nameMap(ByteCursor in, Map<Integer, String> into) {
        int n = in.length();
        for (int i = 0; i < n; i++) {
            int index = (int) in.u32();
            into.put(index, in.name());
        }
    }
}
