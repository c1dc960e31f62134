package org.wasm2jvm.wasi.programs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds a custom section in a binary module by walking the section headers only.
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#custom-section">custom sections</a>
 */
final class WasmCustomSections {
    private WasmCustomSections() {}

    /** The contents (after the name) of the first custom section called {@code name}. */
    static byte[] find(byte[] wasm, String name) {
        int[] pos = {8}; // magic and version
        while (pos[0] < wasm.length) {
            int id = wasm[pos[0]++] & 0xff;
            int size = (int) leb128(wasm, pos);
            int end = pos[0] + size;
            if (id == 0) {
                int nameLength = (int) leb128(wasm, pos);
                String sectionName = new String(wasm, pos[0], nameLength, StandardCharsets.UTF_8);
                if (sectionName.equals(name)) return Arrays.copyOfRange(wasm, pos[0] + nameLength, end);
            }
            pos[0] = end;
        }
        throw new AssertionError("no custom section \"" + name + "\"");
    }

    private static long leb128(byte[] b, int[] pos) {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b[pos[0]++] & 0xff;
            result |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) return result;
        }
    }
}
