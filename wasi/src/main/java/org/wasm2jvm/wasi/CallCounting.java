package org.wasm2jvm.wasi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Map;

/**
 * Wraps a WASI host function's handle so that each call is counted and timed in a
 * {@link WasiCallStats.Counter}: {@code nanoTime} before, a {@code try/finally} after (so
 * {@code proc_exit}, which unwinds, is counted too). For the functions that move bytes, the
 * count the function stored for the guest ({@code nread}, {@code nwritten}, ...) is read back
 * from guest memory when it returned success. Built with method-handle combinators, so there is
 * no boxing on the counted path either.
 */
final class CallCounting {
    /** Functions that report a byte count through a pointer argument: which argument, and the direction. */
    private record ByteCount(int pointerArg, boolean read) {
    }

    private static final Map<String, ByteCount> BYTE_COUNTS = Map.of(
            "fd_read", new ByteCount(3, true), "fd_pread", new ByteCount(4, true),
            "sock_recv", new ByteCount(4, true), "fd_write", new ByteCount(3, false),
            "fd_pwrite", new ByteCount(4, false), "sock_send", new ByteCount(4, false));

    private CallCounting() {
    }

    static MethodHandle wrap(String function, MethodHandle target, WasiCallStats.Counter counter, GuestMemory memory) {
        MethodType type = target.type();
        MethodHandle body = MethodHandles.dropArguments(target, 0, long.class);
        MethodHandle cleanup;
        if (type.returnType() == void.class) {
            cleanup = FINISH_VOID.bindTo(counter);
        } else {
            ByteCount bc = BYTE_COUNTS.get(function);
            if (bc == null) {
                cleanup = FINISH.bindTo(counter);
            } else {
                cleanup = MethodHandles.insertArguments(FINISH_BYTES, 0, counter, memory, bc.read());
                // (Throwable, int, long, int ptr) -> (Throwable, int, long, args before ptr..., int ptr)
                Class<?>[] before = Arrays.copyOf(type.parameterArray(), bc.pointerArg());
                cleanup = MethodHandles.dropArguments(cleanup, 3, before);
            }
        }
        MethodHandle guarded = MethodHandles.tryFinally(body, cleanup);
        return MethodHandles.foldArguments(guarded, NANO_TIME);
    }

    private static int finish(WasiCallStats.Counter c, Throwable t, int result, long start) {
        c.nanos += System.nanoTime() - start;
        c.calls++;
        return result;
    }

    private static void finishVoid(WasiCallStats.Counter c, Throwable t, long start) {
        c.nanos += System.nanoTime() - start;
        c.calls++;
    }

    private static int finishBytes(WasiCallStats.Counter c, GuestMemory memory, boolean read, Throwable t, int result,
                                   long start, int countPtr) {
        c.nanos += System.nanoTime() - start;
        c.calls++;
        if (t == null && result == Errno.SUCCESS) {
            try {
                long n = Integer.toUnsignedLong(memory.i32(countPtr));
                if (read) c.bytesRead += n;
                else c.bytesWritten += n;
            } catch (WasiErrnoException e) {
                // the function succeeded without a readable count: nothing to add
            }
        }
        return result;
    }

    private static final MethodHandle NANO_TIME, FINISH, FINISH_VOID, FINISH_BYTES;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        try {
            NANO_TIME = l.findStatic(System.class, "nanoTime", MethodType.methodType(long.class));
            FINISH = l.findStatic(CallCounting.class, "finish", MethodType.methodType(int.class,
                    WasiCallStats.Counter.class, Throwable.class, int.class, long.class));
            FINISH_VOID = l.findStatic(CallCounting.class, "finishVoid", MethodType.methodType(void.class,
                    WasiCallStats.Counter.class, Throwable.class, long.class));
            FINISH_BYTES = l.findStatic(CallCounting.class, "finishBytes", MethodType.methodType(int.class,
                    WasiCallStats.Counter.class, GuestMemory.class, boolean.class, Throwable.class, int.class,
                    long.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
