package org.wasm2jvm.wasi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.runtime.Mem;

/**
 * Bounds-checked access to the guest's linear memory. Every access rereads
 * {@link MemoryInstance#bytes} and {@link MemoryInstance#size} because {@code memory.grow} may
 * have replaced the array, and an address range outside the memory is {@code EFAULT}, never an
 * exception the guest would see as a trap. Guest pointers are unsigned 32-bit; multi-byte values
 * are little-endian.
 */
final class GuestMemory {
    private MemoryInstance memory;

    void bind(MemoryInstance memory) {
        this.memory = memory;
    }

    boolean isBound() {
        return memory != null;
    }

    private MemoryInstance memory() {
        if (memory == null) throw WasiErrnoException.of(Errno.EFAULT);
        return memory;
    }

    private byte[] array() {
        return memory().bytes;
    }

    /** The offset of {@code [ptr, ptr+len)} in the memory, or EFAULT. */
    int check(int ptr, long len) {
        long p = Integer.toUnsignedLong(ptr);
        if (len < 0 || p + len > memory().size) throw WasiErrnoException.of(Errno.EFAULT);
        return (int) p;
    }

    int u8(int ptr) {
        return array()[check(ptr, 1)] & 0xFF;
    }

    int u16(int ptr) {
        return (short) Mem.I16.get(array(), check(ptr, 2)) & 0xFFFF;
    }

    int i32(int ptr) {
        return (int) Mem.I32.get(array(), check(ptr, 4));
    }

    long i64(int ptr) {
        return (long) Mem.I64.get(array(), check(ptr, 8));
    }

    void put8(int ptr, int v) {
        array()[check(ptr, 1)] = (byte) v;
    }

    void put16(int ptr, int v) {
        Mem.I16.set(array(), check(ptr, 2), (short) v);
    }

    void put32(int ptr, int v) {
        Mem.I32.set(array(), check(ptr, 4), v);
    }

    void put64(int ptr, long v) {
        Mem.I64.set(array(), check(ptr, 8), v);
    }

    byte[] bytes(int ptr, int len) {
        long n = Integer.toUnsignedLong(len);
        int off = check(ptr, n);
        return Arrays.copyOfRange(array(), off, off + (int) n);
    }

    void put(int ptr, byte[] data, int from, int len) {
        int off = check(ptr, len);
        System.arraycopy(data, from, array(), off, len);
    }

    void put(int ptr, byte[] data) {
        put(ptr, data, 0, data.length);
    }

    void fill(int ptr, int len, byte value) {
        int off = check(ptr, len);
        Arrays.fill(array(), off, off + len, value);
    }

    /** A view of {@code [ptr, ptr+len)} whose position and limit the caller may move. */
    ByteBuffer slice(int ptr, int len) {
        long n = Integer.toUnsignedLong(len);
        int off = check(ptr, n);
        return memory().buffer().slice(off, (int) n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The buffers an iovec/ciovec array describes: {@code count} pairs of (u32 buf, u32 len).
     *
     * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#iovec">iovec</a>
     */
    ByteBuffer[] iovecs(int iovs, int count) {
        long n = Integer.toUnsignedLong(count);
        check(iovs, n * 8);
        ByteBuffer[] out = new ByteBuffer[(int) n];
        for (int i = 0; i < n; i++) {
            int p = iovs + i * 8;
            out[i] = slice(i32(p), i32(p + 4));
        }
        return out;
    }

    /**
     * A guest string: UTF-8 (EILSEQ otherwise) without NUL bytes (EINVAL, because a host path
     * would end there and name something else than the guest asked for).
     */
    String path(int ptr, int len) {
        byte[] b = bytes(ptr, len);
        for (byte x : b) if (x == 0) throw WasiErrnoException.of(Errno.EINVAL);
        return utf8(b);
    }

    static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw WasiErrnoException.of(Errno.EILSEQ);
        }
    }
}
