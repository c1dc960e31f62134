package org.wasm2jvm.compiler.text;

/**
 * Well-formedness of UTF-8 byte sequences, as names require.
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/values.html#names">Spec 5.2.4 Names</a>
 */
final class Utf8 {
    private Utf8() {
    }

    static boolean isValid(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            int n;
            int min;
            if (c < 0x80) {
                i++;
                continue;
            } else if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + n >= b.length) return false;
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int d = b[i + k] & 0xFF;
                if ((d & 0xC0) != 0x80) return false;
                cp = cp << 6 | d & 0x3F;
            }
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) return false;
            i += n + 1;
        }
        return true;
    }
}
