package org.wasm2jvm.binary;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding for names: no overlong forms, no surrogates, nothing above U+10FFFF.
 * The JDK decoder would substitute U+FFFD instead of failing, so the bytes are checked first.
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/values.html#names">Spec 5.2.4 Names</a>
 */
final class Utf8 {
    private Utf8() {
    }

    /** @return the decoded string, or null if the bytes are not well-formed UTF-8. */
    static String decode(byte[] bytes, int off, int len) {
        return isValid(bytes, off, len) ? new String(bytes, off, len, StandardCharsets.UTF_8) : null;
    }

    static boolean isValid(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            // Lead byte fixes the sequence length and the allowed range of the first
            // continuation byte, which is what excludes overlong forms, surrogates and > U+10FFFF.
            int n;
            int lo = 0x80, hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                if (c == 0xE0) lo = 0xA0;
                else if (c == 0xED) hi = 0x9F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                if (c == 0xF0) lo = 0x90;
                else if (c == 0xF4) hi = 0x8F;
            } else {
                return false;
            }
            if (end - i - 1 < n) return false;
            int c1 = b[i + 1] & 0xFF;
            if (c1 < lo || c1 > hi) return false;
            for (int k = 2; k <= n; k++) {
                int ck = b[i + k] & 0xFF;
                if (ck < 0x80 || ck > 0xBF) return false;
            }
            i += n + 1;
        }
        return true;
    }
}
