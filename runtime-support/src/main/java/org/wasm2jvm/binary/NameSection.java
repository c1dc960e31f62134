package org.wasm2jvm.binary;

import java.util.HashMap;
import java.util.Map;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.model.Module;

/**
 * The {@code name} custom section's module name and function names. The section is only a
 * debugging aid: the spec says implementations should ignore it when malformed, so any error
 * leaves the module's names untouched rather than failing the module.
 *
 * @see <a href="https://webassembly.github.io/spec/core/appendix/custom.html#name-section">Spec 7.4.1 Name Section</a>
 */
final class NameSection {
    private static final int MODULE_NAME = 0, FUNCTION_NAMES = 1;

    private NameSection() {
    }

    static void decodeInto(byte[] data, Module module) {
        String moduleName = null;
        Map<Integer, String> functionNames = new HashMap<>();
        try {
            WasmReader in = new WasmReader(data);
            int lastId = -1;
            while (!in.atEnd()) {
                int id = in.u8();
                if (id <= lastId) return;
                lastId = id;
                int size = in.length();
                int end = in.pos() + size;
                if (id == MODULE_NAME) {
                    moduleName = in.name();
                } else if (id == FUNCTION_NAMES) {
                    int n = in.length();
                    long previous = -1;
                    for (int i = 0; i < n; i++) {
                        long index = in.u32() & 0xFFFFFFFFL;
                        // Name maps are sorted by index without duplicates.
                        if (index <= previous) return;
                        previous = index;
                        functionNames.put((int) index, in.name());
                    }
                } else {
                    in.skip(size);
                }
                if (in.pos() != end) return;
            }
        } catch (ModuleException e) {
            return;
        }
        module.name = moduleName;
        module.functionNames.putAll(functionNames);
    }
}
