package org.wasm2jvm.wasi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Arguments, environment, clocks, randomness and process control. Method names are the witx
 * names so the import table in {@link WasiPreview1} maps one-to-one onto them.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md">preview1</a>
 */
final class ProcessFunctions {
    private final WasiContext cx;
    private final byte[][] args;
    private final byte[][] env;

    ProcessFunctions(WasiContext cx) {
        this.cx = cx;
        this.args = cStrings(cx.config.args());
        List<String> kv = new ArrayList<>();
        for (Map.Entry<String, String> e : cx.config.env()) kv.add(e.getKey() + "=" + e.getValue());
        this.env = cStrings(kv);
    }

    private static byte[][] cStrings(List<String> list) {
        byte[][] out = new byte[list.size()][];
        for (int i = 0; i < out.length; i++) {
            byte[] b = list.get(i).getBytes(StandardCharsets.UTF_8);
            out[i] = java.util.Arrays.copyOf(b, b.length + 1); // NUL-terminated
        }
        return out;
    }

    private static long total(byte[][] strings) {
        long n = 0;
        for (byte[] s : strings) n += s.length;
        return n;
    }

    /** Writes the pointer array and the NUL-terminated strings, as args_get/environ_get do. */
    private int list(byte[][] strings, int ptrs, int buf) {
        GuestMemory m = cx.memory;
        m.check(ptrs, 4L * strings.length);
        m.check(buf, total(strings));
        int p = buf;
        for (int i = 0; i < strings.length; i++) {
            m.put32(ptrs + 4 * i, p);
            m.put(p, strings[i]);
            p += strings[i].length;
        }
        return Errno.SUCCESS;
    }

    private int sizes(byte[][] strings, int countPtr, int sizePtr) {
        cx.memory.check(countPtr, 4);
        cx.memory.check(sizePtr, 4);
        cx.memory.put32(countPtr, strings.length);
        cx.memory.put32(sizePtr, (int) total(strings));
        return Errno.SUCCESS;
    }

    int args_get(int argv, int argvBuf) {
        try {
            return list(args, argv, argvBuf);
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int args_sizes_get(int argc, int argvBufSize) {
        try {
            return sizes(args, argc, argvBufSize);
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int environ_get(int environ, int environBuf) {
        try {
            return list(env, environ, environBuf);
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int environ_sizes_get(int count, int bufSize) {
        try {
            return sizes(env, count, bufSize);
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int clock_res_get(int id, int resPtr) {
        try {
            checkClock(id);
            cx.memory.put64(resPtr, cx.config.clock().resolution(id));
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int clock_time_get(int id, long precision, int timePtr) {
        try {
            cx.memory.check(timePtr, 8);
            cx.memory.put64(timePtr, now(cx.config.clock(), id));
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    private static void checkClock(int id) {
        if (id < 0 || id > 3) throw WasiErrnoException.of(Errno.EINVAL);
    }

    /** The current time of clock {@code id}; EINVAL for an unknown clock, ENOTSUP when the JVM cannot measure it. */
    static long now(WasiClock clock, int id) {
        checkClock(id);
        try {
            switch (id) {
                case 0: return clock.realtime();
                case 1: return clock.monotonic();
                case 2: return clock.processCputime();
                default: return clock.threadCputime();
            }
        } catch (UnsupportedOperationException e) {
            throw WasiErrnoException.of(Errno.ENOTSUP);
        }
    }

    int random_get(int buf, int len) {
        try {
            long n = Integer.toUnsignedLong(len);
            cx.memory.check(buf, n);
            byte[] b = new byte[(int) Math.min(n, 65536)];
            for (long done = 0; done < n; done += b.length) {
                int k = (int) Math.min(b.length, n - done);
                cx.config.random().nextBytes(b);
                cx.memory.put(buf + (int) done, b, 0, k);
            }
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    void proc_exit(int code) {
        throw new ProcExitException(code);
    }

    /** Signals are not delivered to a JVM-hosted guest. */
    int proc_raise(int sig) {
        try {
            return Errno.ENOSYS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int sched_yield() {
        try {
            Thread.yield();
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }
}
