package org.wasm2jvm.compiler.inspect;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads the binary format's primitives (bytes, unsigned LEB128, names) from a byte range.
 * The inspector reads custom sections that the spec says to ignore when damaged, so every
 * error is one {@link Malformed} that the caller catches and turns into "not decoded".
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/values.html">Spec 5.2 Values</a>
 */
final class ByteCursor {
    /** The bytes do not follow the format; the reader gives up on the section. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] bytes;
    private final int end;
    private int pos;

    ByteCursor(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    ByteCursor(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
    }

    int pos() {
        return pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int u8() {
        if (pos >= end) throw new Malformed("unexpected end");
        return bytes[pos++] & 0xFF;
    }

    /** An unsigned LEB128 of at most 32 bits. */
    long u32() {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (result > 0xFFFFFFFFL) throw new Malformed("integer too large");
                return result;
            }
        }
        throw new Malformed("integer representation too long");
    }

    /** A length or count: a u32 that must fit what is left. */
    int length() {
        long n = u32();
        if (n > end - pos) throw new Malformed("length out of bounds");
        return (int) n;
    }

    String name() {
        int n = length();
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new Malformed("malformed UTF-8");
        }
    }

    void skip(int n) {
        if (n < 0 || n > end - pos) throw new Malformed("length out of bounds");
        pos += n;
    }
}
