package org.wasm2jvm.wasi;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poll_oneoff}. Readiness per kind of fd, since only sockets can join a
 * {@link Selector}: regular files and directories are always ready (as POSIX poll says),
 * stdout/stderr are always writable, stdin is ready once {@link InputFd} has bytes or end of
 * stream (a background read when nothing is {@code available()}), sockets go through a
 * Selector opened for this call. Clock subscriptions become deadlines on the monotonic clock;
 * an absolute timeout on another clock is converted by that clock's current reading.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#poll_oneoff">poll_oneoff</a>
 */
final class PollFunctions {
    static final int SUBSCRIPTION_SIZE = 48, EVENT_SIZE = 32;
    static final int EVENTTYPE_CLOCK = 0, EVENTTYPE_FD_READ = 1, EVENTTYPE_FD_WRITE = 2;
    static final int SUBCLOCKFLAGS_ABSTIME = 1;
    static final int EVENT_FD_READWRITE_HANGUP = 1;
    /** How often to look at stdin again while also waiting in a Selector. */
    private static final long SLICE_NANOS = 10_000_000L;

    private final WasiContext cx;

    PollFunctions(WasiContext cx) {
        this.cx = cx;
    }

    private static final class Sub {
        long userdata;
        int type;
        int fd;
        long deadline = Long.MAX_VALUE; // monotonic ns, for clocks
        int clockError;
    }

    private static final class Event {
        final long userdata;
        final int error;
        final int type;
        final long nbytes;
        final int flags;

        Event(long userdata, int error, int type, long nbytes, int flags) {
            this.userdata = userdata;
            this.error = error;
            this.type = type;
            this.nbytes = nbytes;
            this.flags = flags;
        }
    }

    int poll_oneoff(int in, int out, int nsubs, int neventsPtr) {
        try {
            if (nsubs == 0) return Errno.EINVAL;
            long n = Integer.toUnsignedLong(nsubs);
            GuestMemory m = cx.memory;
            m.check(in, n * SUBSCRIPTION_SIZE);
            m.check(out, n * EVENT_SIZE);
            m.check(neventsPtr, 4);
            WasiClock clock = cx.config.clock();
            List<Sub> subs = new ArrayList<>();
            long start = clock.monotonic();
            for (int i = 0; i < n; i++) {
                int p = in + i * SUBSCRIPTION_SIZE;
                Sub s = new Sub();
                s.userdata = m.i64(p);
                s.type = m.u8(p + 8);
                if (s.type == EVENTTYPE_CLOCK) {
                    int id = m.i32(p + 16);
                    long timeout = m.i64(p + 24);
                    int flags = m.u16(p + 40);
                    try {
                        s.deadline = deadline(clock, start, id, timeout, (flags & SUBCLOCKFLAGS_ABSTIME) != 0);
                    } catch (WasiErrnoException e) {
                        s.clockError = e.errno;
                    }
                } else if (s.type == EVENTTYPE_FD_READ || s.type == EVENTTYPE_FD_WRITE) {
                    s.fd = m.i32(p + 16);
                } else {
                    return Errno.EINVAL;
                }
                subs.add(s);
            }
            List<Event> events = waitForEvents(clock, subs);
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                int p = out + i * EVENT_SIZE;
                m.fill(p, EVENT_SIZE, (byte) 0);
                m.put64(p, e.userdata);
                m.put16(p + 8, e.error);
                m.put8(p + 10, e.type);
                m.put64(p + 16, e.nbytes);
                m.put16(p + 24, e.flags);
            }
            m.put32(neventsPtr, events.size());
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    private static long deadline(WasiClock clock, long start, int id, long timeout, boolean absolute) {
        if (!absolute) return satAdd(start, timeout);
        long now = ProcessFunctions.now(clock, id);
        long remaining = timeout - now;
        return satAdd(start, Math.max(remaining, 0));
    }

    private static long satAdd(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }

    private List<Event> waitForEvents(WasiClock clock, List<Sub> subs) throws IOException {
        List<Event> ready = new ArrayList<>();
        List<Sub> sockets = new ArrayList<>();
        List<Sub> stdins = new ArrayList<>();
        long earliest = Long.MAX_VALUE;
        for (Sub s : subs) {
            if (s.type == EVENTTYPE_CLOCK) {
                if (s.clockError != 0) ready.add(new Event(s.userdata, s.clockError, s.type, 0, 0));
                else earliest = Math.min(earliest, s.deadline);
                continue;
            }
            Fd f = cx.fds.isOpen(s.fd) ? cx.fds.get(s.fd) : null;
            boolean read = s.type == EVENTTYPE_FD_READ;
            if (f == null) {
                ready.add(new Event(s.userdata, Errno.EBADF, s.type, 0, 0));
            } else if ((f.rightsBase & Rights.POLL_FD_READWRITE) == 0 && !(f instanceof DirFd)) {
                ready.add(new Event(s.userdata, Errno.ENOTCAPABLE, s.type, 0, 0));
            } else if (f instanceof FileFd) {
                FileFd ff = (FileFd) f;
                long nbytes = read ? Math.max(0, ff.channel.size() - ff.channel.position()) : 0;
                ready.add(new Event(s.userdata, 0, s.type, nbytes, 0));
            } else if (f instanceof DirFd) {
                ready.add(new Event(s.userdata, 0, s.type, 0, 0));
            } else if (f instanceof OutputFd) {
                ready.add(read ? new Event(s.userdata, Errno.EBADF, s.type, 0, 0) : new Event(s.userdata, 0, s.type, 0, 0));
            } else if (f instanceof InputFd) {
                if (!read) ready.add(new Event(s.userdata, Errno.EBADF, s.type, 0, 0));
                else stdins.add(s);
            } else {
                sockets.add(s);
            }
        }
        if (!ready.isEmpty()) {
            // Something is ready now: report it with whatever else is ready without waiting.
            pollStdin(stdins, 0, ready);
            if (!sockets.isEmpty()) selectSockets(sockets, 0, true, ready);
            expiredClocks(clock, subs, ready);
            return ready;
        }
        while (true) {
            long now = clock.monotonic();
            expiredClocks(clock, subs, ready);
            if (!ready.isEmpty()) return ready;
            long wait = earliest == Long.MAX_VALUE ? Long.MAX_VALUE : earliest - now;
            if (!sockets.isEmpty()) {
                long slice = stdins.isEmpty() ? wait : Math.min(wait, SLICE_NANOS);
                selectSockets(sockets, slice, false, ready);
                if (!stdins.isEmpty()) pollStdin(stdins, 0, ready);
            } else if (!stdins.isEmpty()) {
                pollStdin(stdins, wait, ready);
            } else {
                try {
                    clock.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw WasiErrnoException.of(Errno.EINTR);
                }
            }
            if (!ready.isEmpty()) {
                expiredClocks(clock, subs, ready);
                return ready;
            }
        }
    }

    private static void expiredClocks(WasiClock clock, List<Sub> subs, List<Event> ready) {
        long now = clock.monotonic();
        for (Sub s : subs) {
            if (s.type == EVENTTYPE_CLOCK && s.clockError == 0 && s.deadline <= now) {
                boolean already = false;
                for (Event e : ready) already |= e.userdata == s.userdata && e.type == EVENTTYPE_CLOCK;
                if (!already) ready.add(new Event(s.userdata, 0, EVENTTYPE_CLOCK, 0, 0));
            }
        }
    }

    private void pollStdin(List<Sub> stdins, long waitNanos, List<Event> ready) throws IOException {
        long wait = waitNanos;
        for (Sub s : stdins) {
            InputFd in = (InputFd) cx.fds.get(s.fd);
            long avail = in.awaitReadable(wait);
            wait = 0; // one wait suffices: every stdin subscription names the same stream
            if (avail >= 0) {
                ready.add(new Event(s.userdata, 0, s.type, avail, in.atEof() ? EVENT_FD_READWRITE_HANGUP : 0));
            }
        }
    }

    private void selectSockets(List<Sub> sockets, long waitNanos, boolean now, List<Event> ready) throws IOException {
        List<SelectableChannel> touched = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (Sub s : sockets) {
                Fd f = cx.fds.get(s.fd);
                SelectableChannel ch = f instanceof SocketFd ? ((SocketFd) f).channel : ((ListenerFd) f).channel;
                int ops;
                if (f instanceof ListenerFd) ops = s.type == EVENTTYPE_FD_READ ? SelectionKey.OP_ACCEPT : 0;
                else ops = s.type == EVENTTYPE_FD_READ ? SelectionKey.OP_READ : SelectionKey.OP_WRITE;
                if (ops == 0) {
                    ready.add(new Event(s.userdata, Errno.EINVAL, s.type, 0, 0));
                    continue;
                }
                if (ch.isBlocking()) {
                    ch.configureBlocking(false);
                    touched.add(ch);
                }
                SelectionKey key = ch.keyFor(selector);
                if (key == null) key = ch.register(selector, ops, new ArrayList<Sub>());
                else key.interestOps(key.interestOps() | ops);
                @SuppressWarnings("unchecked")
                List<Sub> att = (List<Sub>) key.attachment();
                att.add(s);
            }
            if (!ready.isEmpty() || now) {
                selector.selectNow();
            } else if (waitNanos == Long.MAX_VALUE) {
                selector.select();
            } else {
                long ms = Math.max(1, (waitNanos + 999_999) / 1_000_000);
                selector.select(ms);
            }
            for (SelectionKey key : selector.selectedKeys()) {
                @SuppressWarnings("unchecked")
                List<Sub> att = (List<Sub>) key.attachment();
                for (Sub s : att) {
                    boolean isRead = s.type == EVENTTYPE_FD_READ;
                    boolean ok = isRead ? (key.readyOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0
                            : (key.readyOps() & SelectionKey.OP_WRITE) != 0;
                    if (ok) ready.add(new Event(s.userdata, 0, s.type, 0, 0));
                }
            }
        } finally {
            // The selector is closed, so its keys are gone and blocking mode may change back.
            for (SelectableChannel ch : touched) ch.configureBlocking(true);
        }
    }
}
