package org.wasm2jvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.WasmFunction;

/**
 * Calls the registered WASI host functions the way compiled guest code does (through their
 * {@link WasmFunction} handles) against a plain memory, so tests see exactly the errnos and
 * memory writes a guest would.
 */
final class Guest {
    final MemoryInstance memory = new MemoryInstance(4, -1);
    final WasiPreview1 wasi;
    private final Imports imports;
    private int next = 1024;

    Guest(WasiConfig config) {
        wasi = new WasiPreview1(config);
        imports = wasi.addTo(Imports.empty());
        wasi.bind(memory);
    }

    int call(String name, Object... args) {
        WasmFunction f = (WasmFunction) imports.resolve(WasiPreview1.MODULE, name);
        return (Integer) f.call(args)[0];
    }

    /** Scratch memory, 8-aligned, never reused within a test. */
    int alloc(int size) {
        int p = next;
        next += (size + 7) & ~7;
        return p;
    }

    int bytes(byte[] b) {
        int p = alloc(b.length);
        memory.write(p, b);
        return p;
    }

    int str(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static int len(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    int i32(int p) {
        return memory.readI32(p);
    }

    long i64(int p) {
        return memory.readI64(p);
    }

    String string(int p, int len) {
        return new String(memory.read(p, len), StandardCharsets.UTF_8);
    }

    /** An iovec array over the given (ptr, len) pairs. */
    int iovs(int... ptrLen) {
        int p = alloc(ptrLen.length * 4);
        for (int i = 0; i < ptrLen.length; i++) memory.writeI32(p + 4 * i, ptrLen[i]);
        return p;
    }

    /** path_open; returns the errno (negated) or the new fd. */
    int open(int dir, int lookup, String path, int oflags, long rights, int fdflags) {
        int out = alloc(4);
        int e = call("path_open", dir, lookup, str(path), len(path), oflags, rights, rights, fdflags, out);
        return e == 0 ? i32(out) : -e;
    }

    int open(int dir, String path, int oflags) {
        return open(dir, 0, path, oflags, -1L, 0);
    }

    int openOk(int dir, String path, int oflags) {
        int fd = open(dir, path, oflags);
        if (fd < 0) throw new AssertionError("path_open(" + path + ") failed with errno " + -fd);
        return fd;
    }

    int write(int fd, String s) {
        int data = str(s);
        int n = alloc(4);
        int e = call("fd_write", fd, iovs(data, len(s)), 1, n);
        assertEquals(0, e, "fd_write errno");
        return i32(n);
    }

    /** fd_write returning the errno. */
    int writeErrno(int fd, String s) {
        return call("fd_write", fd, iovs(str(s), len(s)), 1, alloc(4));
    }

    String read(int fd, int max) {
        int buf = alloc(max);
        int n = alloc(4);
        assertEquals(0, call("fd_read", fd, iovs(buf, max), 1, n), "fd_read errno");
        return string(buf, i32(n));
    }

    int pathCall(String fn, int dir, String path) {
        return call(fn, dir, str(path), len(path));
    }
}
