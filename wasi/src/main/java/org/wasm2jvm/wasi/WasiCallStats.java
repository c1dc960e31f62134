package org.wasm2jvm.wasi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts a guest's WASI calls: per function the number of calls, the time spent in the host
 * function, and for {@code fd_read}, {@code fd_pread}, {@code sock_recv} (read) and
 * {@code fd_write}, {@code fd_pwrite}, {@code sock_send} (written) the bytes transferred, as the
 * function reported them to the guest. The Wasm-level counterpart of an strace summary.
 *
 * <p>Give one to {@link WasiConfig.Builder#callStats}; only then are the host functions wrapped
 * with counting code, so a guest run without statistics pays nothing. Like
 * {@link WasiPreview1}, it serves one guest thread; read it after the guest has finished.
 */
public final class WasiCallStats {
    /** The totals for one function. */
    public record Entry(String function, long calls, long nanos, long bytesRead, long bytesWritten) {
    }

    /** Where the counting wrapper of one function adds up. */
    static final class Counter {
        final String function;
        long calls, nanos, bytesRead, bytesWritten;

        Counter(String function) {
            this.function = function;
        }
    }

    private final Map<String, Counter> counters = new LinkedHashMap<>();

    Counter counter(String function) {
        return counters.computeIfAbsent(function, Counter::new);
    }

    /** The functions called at least once, most called first (ties in preview1 order). */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Counter c : counters.values()) {
            if (c.calls > 0) out.add(new Entry(c.function, c.calls, c.nanos, c.bytesRead, c.bytesWritten));
        }
        out.sort((a, b) -> Long.compare(b.calls(), a.calls()));
        return List.copyOf(out);
    }

    /** Calls to every function together. */
    public long totalCalls() {
        long n = 0;
        for (Counter c : counters.values()) n += c.calls;
        return n;
    }
}
