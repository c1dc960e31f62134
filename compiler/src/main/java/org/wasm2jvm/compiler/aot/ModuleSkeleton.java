package org.wasm2jvm.compiler.aot;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The module binary an AOT jar carries: the original bytes with the code section left out
 * (its functions are the generated classes) and every custom section but {@code name} (needed
 * for backtraces) dropped — DWARF can be larger than the code. Sections are copied byte for byte,
 * so what stays decodes exactly as it did; data segments stay here, never in class files.
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#binary-module">Spec 5.5.16 Modules</a>
 */
final class ModuleSkeleton {
    private static final int CUSTOM = 0, CODE = 10;

    private ModuleSkeleton() {
    }

    /** @param binary a module that has already been decoded and validated */
    static byte[] of(byte[] binary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(binary.length / 4);
        out.write(binary, 0, 8); // magic and version
        int pos = 8;
        while (pos < binary.length) {
            int start = pos;
            int id = binary[pos++] & 0xFF;
            long size = 0;
            int shift = 0;
            int b;
            do {
                b = binary[pos++] & 0xFF;
                size |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            int contentStart = pos;
            int end = Math.toIntExact(contentStart + size);
            if (id != CODE && (id != CUSTOM || isNameSection(binary, contentStart))) {
                out.write(binary, start, end - start);
            }
            pos = end;
        }
        return out.toByteArray();
    }

    private static boolean isNameSection(byte[] binary, int pos) {
        int len = binary[pos] & 0xFF; // "name" is 4 bytes: a one-byte LEB128 length
        return len == 4 && new String(binary, pos + 1, 4, StandardCharsets.UTF_8).equals("name");
    }
}
