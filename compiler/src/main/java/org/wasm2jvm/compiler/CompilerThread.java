package org.wasm2jvm.compiler;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread of the process that generates code for lazily compiled modules. Guest threads
 * only hand it work and wait, so code generation (ASM, which recurses on block structure) and
 * class definition never run on a guest stack that may be nearly exhausted (see LAZY.md).
 * The thread is a daemon with a large stack and goes away after 30 s without work.
 */
final class CompilerThread {
    private static final long STACK_SIZE = 256L << 20;
    private static final String NAME = "wasm2jvm-compiler";

    private static final ThreadPoolExecutor EXECUTOR = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), Worker::new);

    static {
        EXECUTOR.allowCoreThreadTimeOut(true);
    }

    private CompilerThread() {
    }

    private static final class Worker extends Thread {
        Worker(Runnable r) {
            super(null, r, NAME, STACK_SIZE);
            setDaemon(true);
        }
    }

    /** Whether the calling thread is the compiler thread (which must run work inline, not queue it behind itself). */
    static boolean isCurrent() {
        return Thread.currentThread() instanceof Worker;
    }

    static void execute(Runnable task) {
        EXECUTOR.execute(task);
    }

    /**
     * Waits for {@code f} without giving up when interrupted (the result is needed to go on;
     * the interrupt is kept for the caller), and rethrows what the work threw.
     */
    static <T> T await(Future<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) throw r;
                    if (cause instanceof Error err) throw err;
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
