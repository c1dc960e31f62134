package org.wasm2jvm.compiler.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Readers of the tool-conventions custom sections that say how a module was built. Damaged
 * sections read as empty rather than failing the inspection.
 */
final class CustomSectionReaders {
    private CustomSectionReaders() {
    }

    /** @see <a href="https://github.com/WebAssembly/tool-conventions/blob/main/ProducersSection.md">producers section</a> */
    static Producers producers(byte[] data) {
        if (data == null) return Producers.NONE;
        try {
            ByteCursor in = new ByteCursor(data);
            int fields = in.length();
            List<Producers.Field> out = new ArrayList<>();
            for (int i = 0; i < fields; i++) {
                String field = in.name();
                int n = in.length();
                List<Producers.Tool> values = new ArrayList<>();
                for (int j = 0; j < n; j++) values.add(new Producers.Tool(in.name(), in.name()));
                out.add(new Producers.Field(field, List.copyOf(values)));
            }
            return new Producers(List.copyOf(out));
        } catch (ByteCursor.Malformed e) {
            return Producers.NONE;
        }
    }

    /**
     * The {@code target_features} section: each entry a prefix ({@code +} used, {@code -} must
     * not be used, {@code =} required by the linker) and a feature name, returned as
     * {@code "+mutable-globals"}.
     *
     * @see <a href="https://github.com/WebAssembly/tool-conventions/blob/main/Linking.md#target-features-section">target features section</a>
     */
    static List<String> targetFeatures(byte[] data) {
        if (data == null) return List.of();
        try {
            ByteCursor in = new ByteCursor(data);
            int n = in.length();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int prefix = in.u8();
                if (prefix != '+' && prefix != '-' && prefix != '=') return List.of();
                out.add((char) prefix + in.name());
            }
            return List.copyOf(out);
        } catch (ByteCursor.Malformed e) {
            return List.of();
        }
    }
}
