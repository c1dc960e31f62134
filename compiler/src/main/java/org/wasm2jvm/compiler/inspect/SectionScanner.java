package org.wasm2jvm.compiler.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the section boundaries of a module binary. The decoder keeps only the sections'
 * contents; sizes per section need the raw headers, which this reads without decoding bodies.
 * It runs after the decoder accepted the module, so the structure is known to be sound.
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#binary-module">Spec 5.5.16 Modules</a>
 */
final class SectionScanner {
    private static final String[] NAMES = {"custom", "type", "import", "function", "table", "memory", "global",
        "export", "start", "element", "code", "data", "datacount"};
    private static final int HEADER = 8;

    private SectionScanner() {
    }

    static List<SectionInfo> scan(byte[] module) {
        List<SectionInfo> out = new ArrayList<>();
        ByteCursor in = new ByteCursor(module);
        in.skip(Math.min(HEADER, module.length));
        while (!in.atEnd()) {
            int id = in.u8();
            int size = in.length();
            int start = in.pos();
            String name = id < NAMES.length ? NAMES[id] : "unknown(" + id + ")";
            if (id == SectionInfo.CUSTOM) name = new ByteCursor(module, start, start + size).name();
            out.add(new SectionInfo(id, name, start, size));
            in.skip(size);
        }
        return out;
    }
}
