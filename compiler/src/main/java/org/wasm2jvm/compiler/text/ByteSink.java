package org.wasm2jvm.compiler.text;

import java.util.Arrays;

/**
 * A growable byte buffer with the binary format's primitive encodings.
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/values.html">Spec 5.2 Values</a>
 */
final class ByteSink {
    private byte[] buf = new byte[64];
    private int size;

    void u8(int b) {
        if (size == buf.length) buf = Arrays.copyOf(buf, size * 2);
        buf[size++] = (byte) b;
    }

    void bytes(byte[] b) {
        for (byte x : b) u8(x);
    }

    void append(ByteSink other) {
        for (int i = 0; i < other.size; i++) u8(other.buf[i]);
    }

    /** Unsigned LEB128 of a u32 (passed as long so values up to 2^32-1 fit). */
    void u32(long v) {
        v &= 0xFFFFFFFFL;
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            u8(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    /** Signed LEB128 of any value up to 64 bits. */
    void s64(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = v == 0 && (b & 0x40) == 0 || v == -1 && (b & 0x40) != 0;
            u8(done ? b : b | 0x80);
            if (done) return;
        }
    }

    void f32(int bits) {
        for (int i = 0; i < 4; i++) u8(bits >>> (8 * i));
    }

    void f64(long bits) {
        for (int i = 0; i < 8; i++) u8((int) (bits >>> (8 * i)));
    }

    /** A {@code name}/{@code vec(byte)}: length then bytes. */
    void name(byte[] b) {
        u32(b.length);
        bytes(b);
    }

    /** A wasm opcode as {@link org.wasm2jvm.model.Opcodes} numbers it: prefixed ones are {@code prefix << 8 | sub}. */
    void opcode(int op) {
        if (op > 0xFF) {
            u8(op >> 8);
            u32(op & 0xFF);
        } else {
            u8(op);
        }
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
