package org.wasm2jvm.runtime;

import java.lang.ref.WeakReference;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of the process (a daemon, started on first use) that raises the
 * deadline signal of instances. It holds instances only weakly, so an instance dropped before its
 * deadline can be collected.
 */
final class Deadlines {
    private static final ScheduledThreadPoolExecutor TIMER;

    static {
        TIMER = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wasm2jvm-deadlines");
            t.setDaemon(true);
            return t;
        });
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private Deadlines() {
    }

    static void schedule(InstanceBase inst, long deadlineNanos) {
        WeakReference<InstanceBase> ref = new WeakReference<>(inst);
        long delay = Math.max(0, deadlineNanos - System.nanoTime());
        TIMER.schedule(() -> {
            InstanceBase i = ref.get();
            if (i != null) i.deadlinePassed();
        }, delay, TimeUnit.NANOSECONDS);
    }
}
