package org.wasm2jvm.wasi;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Instant;

/**
 * The clocks behind {@code clock_time_get}, {@code clock_res_get} and the clock subscriptions
 * of {@code poll_oneoff}. All values are nanoseconds. Replace it to make a guest's time
 * deterministic; {@link #sleep} is the one place {@code poll_oneoff} waits for a clock, so a
 * fake clock can advance itself there instead of blocking.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#clockid">preview1 clockid</a>
 */
public interface WasiClock {
    /** Wall-clock time since the Unix epoch. */
    long realtime();

    /** A clock that never goes backwards; its origin is arbitrary. */
    long monotonic();

    /** CPU time used by the whole process. */
    long processCputime();

    /** CPU time used by the calling thread. */
    long threadCputime();

    /** Resolution of clock {@code id} (0 realtime, 1 monotonic, 2 process, 3 thread). */
    default long resolution(int id) {
        return id == 0 ? 1_000L : 1L;
    }

    /** Waits {@code nanos} of monotonic time. */
    default void sleep(long nanos) throws InterruptedException {
        if (nanos <= 0) return;
        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    }

    /** The host's clocks: {@link Instant#now()}, {@link System#nanoTime()} and the management beans. */
    static WasiClock system() {
        return SystemClock.INSTANCE;
    }

    /** The default clocks. CPU times come from {@link ThreadMXBean} and the OS bean where the JVM offers them. */
    final class SystemClock implements WasiClock {
        static final SystemClock INSTANCE = new SystemClock();
        // Offsets nanoTime so guests see a positive monotonic clock that starts near zero.
        private final long origin = System.nanoTime() - 1;

        private SystemClock() {}

        @Override
        public long realtime() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public long monotonic() {
            return System.nanoTime() - origin;
        }

        @Override
        public long processCputime() {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean) {
                long t = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
                if (t >= 0) return t;
            }
            // Without the OS bean, the sum over live threads is the closest measure.
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            if (!threads.isThreadCpuTimeSupported()) throw new UnsupportedOperationException("process cputime");
            long sum = 0;
            for (long id : threads.getAllThreadIds()) {
                long t = threads.getThreadCpuTime(id);
                if (t > 0) sum += t;
            }
            return sum;
        }

        @Override
        public long threadCputime() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            if (!threads.isCurrentThreadCpuTimeSupported()) throw new UnsupportedOperationException("thread cputime");
            return threads.getCurrentThreadCpuTime();
        }
    }
}
