package org.wasm2jvm.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Clocks, randomness, poll_oneoff, process functions and TCP sockets. */
class ClockPollSocketTest {
    @Test
    void clocksAndResolution() {
        Guest g = new Guest(WasiConfig.builder().build());
        int t = g.alloc(8);
        long last = -1;
        for (int i = 0; i < 100; i++) {
            assertEquals(0, g.call("clock_time_get", 1, 1L, t));
            assertTrue(g.i64(t) >= last, "monotonic clock went backwards");
            last = g.i64(t);
        }
        assertEquals(0, g.call("clock_time_get", 0, 1L, t));
        long wall = System.currentTimeMillis();
        assertTrue(Math.abs(g.i64(t) / 1_000_000 - wall) < 5_000, "realtime is the epoch in ns");
        assertEquals(0, g.call("clock_time_get", 2, 1L, t));
        assertTrue(g.i64(t) > 0, "process cputime");
        assertEquals(0, g.call("clock_time_get", 3, 1L, t));
        assertTrue(g.i64(t) > 0, "thread cputime");
        assertEquals(Errno.EINVAL, g.call("clock_time_get", 4, 1L, t));
        assertEquals(0, g.call("clock_res_get", 1, t));
        assertTrue(g.i64(t) > 0);
        assertEquals(Errno.EINVAL, g.call("clock_res_get", 9, t));
    }

    @Test
    void randomBytes() {
        Guest g = new Guest(WasiConfig.builder().random(new Random(42)).build());
        int buf = g.alloc(100_000);
        assertEquals(0, g.call("random_get", buf, 100_000));
        byte[] got = g.memory.read(buf, 100_000);
        byte[] expected = new byte[65536];
        new Random(42).nextBytes(expected);
        assertArrayEquals(java.util.Arrays.copyOf(expected, 1000), java.util.Arrays.copyOf(got, 1000));
        Guest secure = new Guest(WasiConfig.builder().build());
        int b = secure.alloc(64);
        assertEquals(0, secure.call("random_get", b, 64));
        assertFalse(java.util.Arrays.equals(new byte[64], secure.memory.read(b, 64)));
    }

    /** Writes a clock subscription (relative unless abs) at {@code p}. */
    private static void clockSub(Guest g, int p, long userdata, int clock, long timeout, boolean abs) {
        g.memory.writeI64(p, userdata);
        g.memory.buffer().put(p + 8, (byte) 0);
        g.memory.writeI32(p + 16, clock);
        g.memory.writeI64(p + 24, timeout);
        g.memory.writeI64(p + 32, 0);
        g.memory.buffer().putShort(p + 40, (short) (abs ? 1 : 0));
    }

    private static void fdSub(Guest g, int p, long userdata, int type, int fd) {
        g.memory.writeI64(p, userdata);
        g.memory.buffer().put(p + 8, (byte) type);
        g.memory.writeI32(p + 16, fd);
    }

    @Test
    void pollWithAClockTimeout() {
        Guest g = new Guest(WasiConfig.builder().build());
        int in = g.alloc(48);
        int out = g.alloc(32);
        int n = g.alloc(4);
        clockSub(g, in, 0xABCDL, 1, 50_000_000L, false);
        long start = System.nanoTime();
        assertEquals(0, g.call("poll_oneoff", in, out, 1, n));
        long took = System.nanoTime() - start;
        assertTrue(took >= 45_000_000L, "slept " + took + " ns");
        assertEquals(1, g.i32(n));
        assertEquals(0xABCDL, g.i64(out));
        assertEquals(0, g.memory.buffer().getShort(out + 8));
        assertEquals(0, g.memory.buffer().get(out + 10));
        // absolute deadline on the realtime clock, 30 ms from now
        int t = g.alloc(8);
        g.call("clock_time_get", 0, 1L, t);
        clockSub(g, in, 7, 0, g.i64(t) + 30_000_000L, true);
        start = System.nanoTime();
        assertEquals(0, g.call("poll_oneoff", in, out, 1, n));
        assertTrue(System.nanoTime() - start >= 20_000_000L);
        assertEquals(7, g.i64(out));
        assertEquals(Errno.EINVAL, g.call("poll_oneoff", in, out, 0, n));
    }

    @Test
    void pollFdReadinessBeatsTheClock() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        InputStream stdin = new PipedInputStream(feed);
        Guest g = new Guest(WasiConfig.builder().stdin(stdin).build());
        int in = g.alloc(48 * 3);
        int out = g.alloc(32 * 3);
        int n = g.alloc(4);
        // stdout is always writable: reported at once, with no wait for the 10 s clock
        clockSub(g, in, 1, 1, 10_000_000_000L, false);
        fdSub(g, in + 48, 2, 2, 1);
        assertEquals(0, g.call("poll_oneoff", in, out, 2, n));
        assertEquals(1, g.i32(n));
        assertEquals(2, g.i64(out));
        assertEquals(2, g.memory.buffer().get(out + 10));
        // stdin with nothing to read: the clock fires first
        clockSub(g, in, 1, 1, 30_000_000L, false);
        fdSub(g, in + 48, 3, 1, 0);
        assertEquals(0, g.call("poll_oneoff", in, out, 2, n));
        assertEquals(1, g.i32(n));
        assertEquals(1, g.i64(out));
        // data arrives later: stdin wakes the poll before its 10 s clock, and the read gets it
        CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(50);
                feed.write("ping".getBytes(StandardCharsets.UTF_8));
                feed.flush();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        clockSub(g, in, 1, 1, 10_000_000_000L, false);
        long start = System.nanoTime();
        assertEquals(0, g.call("poll_oneoff", in, out, 2, n));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        assertEquals(1, g.i32(n));
        assertEquals(3, g.i64(out));
        assertEquals(4, g.i64(out + 16), "nbytes");
        assertEquals("ping", g.read(0, 10));
        // invalid fd -> an event carrying EBADF
        fdSub(g, in, 9, 1, 42);
        assertEquals(0, g.call("poll_oneoff", in, out, 1, n));
        assertEquals(Errno.EBADF, g.memory.buffer().getShort(out + 8));
        feed.close();
    }

    @Test
    void stdioAndProcess() {
        Guest g = new Guest(WasiConfig.builder().stdin(new ByteArrayInputStream("abc".getBytes())).build());
        assertEquals("abc", g.read(0, 10));
        assertEquals("", g.read(0, 10));
        assertEquals(Errno.ENOTCAPABLE, g.writeErrno(0, "x"));
        assertEquals(Errno.ENOSYS, g.call("proc_raise", 2));
        assertEquals(0, g.call("sched_yield"));
        ProcExitException e = assertThrows(ProcExitException.class,
                () -> ((org.wasm2jvm.api.WasmFunction) g.wasi.addTo(org.wasm2jvm.api.Imports.empty())
                        .resolve(WasiPreview1.MODULE, "proc_exit")).call(42));
        assertEquals(42, e.code());
        int st = g.alloc(24);
        assertEquals(0, g.call("fd_fdstat_get", 1, st));
        assertEquals(Rights.STDOUT, g.i64(st + 8));
        assertEquals(Errno.EBADF, g.call("fd_fdstat_get", 100, st));
        assertEquals(Errno.ENOTSOCK, g.call("sock_shutdown", 1, 3));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void tcpAcceptRecvSendShutdown() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Guest g = new Guest(WasiConfig.builder().listener(server).build());
            int listenFd = 3;
            int st = g.alloc(24);
            assertEquals(0, g.call("fd_fdstat_get", listenFd, st));
            assertEquals(Filetype.SOCKET_STREAM, g.memory.buffer().get(st));
            InetSocketAddress addr = (InetSocketAddress) server.getLocalAddress();
            CompletableFuture<String> client = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel c = SocketChannel.open(addr)) {
                    c.write(ByteBuffer.wrap("hello server".getBytes(StandardCharsets.UTF_8)));
                    ByteBuffer buf = ByteBuffer.allocate(100);
                    while (c.read(buf) >= 0) {
                        // until the guest shuts down its side
                    }
                    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            // poll for the connection, then accept it
            int in = g.alloc(48);
            int out = g.alloc(32);
            int n = g.alloc(4);
            fdSub(g, in, 5, 1, listenFd);
            assertEquals(0, g.call("poll_oneoff", in, out, 1, n));
            assertEquals(1, g.i32(n));
            assertEquals(0, g.memory.buffer().getShort(out + 8));
            int fdPtr = g.alloc(4);
            assertEquals(0, g.call("sock_accept", listenFd, 0, fdPtr));
            int conn = g.i32(fdPtr);
            assertEquals(4, conn);
            // receive all 12 bytes into two iovecs
            int b1 = g.alloc(5);
            int b2 = g.alloc(7);
            int len = g.alloc(4);
            int flags = g.alloc(4);
            assertEquals(0, g.call("sock_recv", conn, g.iovs(b1, 5, b2, 7), 2, 2, len, flags));
            assertEquals(12, g.i32(len));
            assertEquals("hello server", g.string(b1, 5) + g.string(b2, 7));
            assertEquals(Errno.ENOTSUP, g.call("sock_recv", conn, g.iovs(b1, 5), 1, 1, len, flags));
            String reply = "hello client";
            assertEquals(0, g.call("sock_send", conn, g.iovs(g.str(reply), reply.length()), 1, 0, len));
            assertEquals(reply.length(), g.i32(len));
            assertEquals(0, g.call("sock_shutdown", conn, 2));
            assertEquals(reply, client.get(10, TimeUnit.SECONDS));
            assertEquals(Errno.EINVAL, g.call("sock_shutdown", conn, 0));
            assertEquals(Errno.ENOTSOCK, g.call("sock_accept", 1, 0, fdPtr));
            // non-blocking accept with nobody connecting
            assertEquals(0, g.call("fd_fdstat_set_flags", listenFd, 4));
            assertEquals(Errno.EAGAIN, g.call("sock_accept", listenFd, 0, fdPtr));
            assertEquals(0, g.call("fd_close", conn));
        }
    }
}
