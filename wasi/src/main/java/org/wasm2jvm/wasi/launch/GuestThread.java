package org.wasm2jvm.wasi.launch;

import java.util.concurrent.Callable;

/**
 * Runs guest code on a thread with a large stack: compiled Wasm calls map to JVM calls, so
 * the guest's recursion depth is bounded by the JVM thread's stack size.
 */
public final class GuestThread {
    private GuestThread() {}

    /** Runs {@code body} on a new thread with {@code stackSize} bytes of stack and waits for it. */
    public static <T> T call(Callable<T> body, long stackSize) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Runnable run = new Runnable() { // not a lambda: see CommandRunner
            @Override
            public void run() {
                try {
                    result[0] = body.call();
                } catch (Throwable e) {
                    failure[0] = e;
                }
            }
        };
        Thread t = new Thread(null, run, "wasm-guest", stackSize);
        t.start();
        t.join();
        Throwable e = failure[0];
        if (e instanceof Exception ex) throw ex;
        if (e instanceof Error err) throw err;
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }
}
