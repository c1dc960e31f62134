package org.wasm2jvm.binary;

import org.wasm2jvm.api.ModuleException;

/**
 * A cursor over a module binary: bytes, LEB128 integers, lengths and names.
 *
 * <p>Reads are bounded by the end of the whole input, not by the enclosing section: the reference
 * interpreter decodes sections that way and only compares positions against the declared size
 * afterwards, and the spec tests' error messages depend on it (a function missing its {@code end}
 * runs into the next function's bytes and reports "END opcode expected").
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/values.html">Spec 5.2 Values</a>
 */
final class WasmReader {
    /** Message for any read past the end of the input. */
    static final String UNEXPECTED_END = "unexpected end of section or function";

    private final byte[] bytes;
    private final int end;
    private int pos;
    /** The section being decoded, for error reports; null outside sections. */
    String section;

    WasmReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    WasmReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
    }

    int pos() {
        return pos;
    }

    int end() {
        return end;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int remaining() {
        return end - pos;
    }

    byte[] bytes() {
        return bytes;
    }

    ModuleException malformed(String message, int offset) {
        return ModuleException.malformed(message, section, offset);
    }

    private ModuleException unexpectedEnd() {
        return malformed(UNEXPECTED_END, end);
    }

    /** The next byte without consuming it, or -1 at the end. */
    int peek() {
        return pos < end ? bytes[pos] & 0xFF : -1;
    }

    int u8() {
        if (pos >= end) throw unexpectedEnd();
        return bytes[pos++] & 0xFF;
    }

    /** Consumes one byte that must equal {@code expected}, else fails with {@code message}. */
    void expect(int expected, String message) {
        int at = pos;
        if (u8() != expected) throw malformed(message, at);
    }

    void skip(int n) {
        if (n < 0 || n > end - pos) {
            pos = end;
            throw unexpectedEnd();
        }
        pos += n;
    }

    /** Little-endian fixed-width 32-bit value (f32 bits, magic, version). */
    int fixed32() {
        if (end - pos < 4) {
            pos = end;
            throw unexpectedEnd();
        }
        int v = (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8 | (bytes[pos + 2] & 0xFF) << 16
                | (bytes[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    long fixed64() {
        long lo = fixed32() & 0xFFFFFFFFL;
        long hi = fixed32() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    /**
     * Unsigned LEB128 of at most {@code bits} bits. Fails with "integer representation too long"
     * when more than ceil(bits/7) bytes are used and "integer too large" when the last byte sets
     * bits beyond {@code bits}.
     *
     * @see <a href="https://webassembly.github.io/spec/core/binary/values.html#integers">Spec 5.2.2 Integers</a>
     */
    long unsigned(int bits) {
        long result = 0;
        int shift = 0;
        for (int n = bits; ; n -= 7) {
            if (n <= 0) throw malformed("integer representation too long", pos);
            int b = u8();
            if (n < 7 && (b & 0x7F) >= 1 << n) throw malformed("integer too large", pos - 1);
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
            shift += 7;
        }
    }

    /** Signed LEB128 of at most {@code bits} bits; unused bits of the last byte must sign-extend. */
    long signed(int bits) {
        long result = 0;
        int shift = 0;
        for (int n = bits; ; n -= 7) {
            if (n <= 0) throw malformed("integer representation too long", pos);
            int b = u8();
            if (n < 7) {
                int mask = (-1 << (n - 1)) & 0x7F;
                int unused = b & mask;
                if (unused != 0 && unused != mask) throw malformed("integer too large", pos - 1);
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
                return result;
            }
        }
    }

    /** u32, the common case: fast path for single-byte values. */
    int u32() {
        if (pos < end) {
            int b = bytes[pos];
            if (b >= 0) {
                pos++;
                return b;
            }
        }
        return (int) unsigned(32);
    }

    /**
     * A u32 index or count stored in an {@code int} field of the model. Values of 2^31 and above
     * become {@link Integer#MAX_VALUE}: no index space or section can be that large, so validation
     * still reports them as unknown or inconsistent, whereas a negative int would read as "absent".
     */
    int index() {
        int v = u32();
        return v < 0 ? Integer.MAX_VALUE : v;
    }

    int s32() {
        return (int) signed(32);
    }

    long s33() {
        return signed(33);
    }

    long s64() {
        return signed(64);
    }

    /**
     * A u32 length that must not exceed the bytes left in the input ("length out of bounds");
     * used for vector counts, byte strings and section sizes, as the reference interpreter does.
     */
    int length() {
        int at = pos;
        long n = u32() & 0xFFFFFFFFL;
        if (n > end - at) throw malformed("length out of bounds", at);
        return (int) n;
    }

    /** A byte vector: length then raw bytes, copied. */
    byte[] byteVector() {
        int n = length();
        byte[] out = new byte[n];
        int from = pos;
        skip(n);
        System.arraycopy(bytes, from, out, 0, n);
        return out;
    }

    /**
     * A name: a byte vector that must be well-formed UTF-8.
     *
     * @see <a href="https://webassembly.github.io/spec/core/binary/values.html#names">Spec 5.2.4 Names</a>
     */
    String name() {
        int at = pos;
        int n = length();
        int from = pos;
        skip(n);
        String s = Utf8.decode(bytes, from, n);
        if (s == null) throw malformed("malformed UTF-8 encoding", at);
        return s;
    }
}
