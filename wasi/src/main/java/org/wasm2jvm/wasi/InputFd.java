package org.wasm2jvm.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * stdin. An {@link InputStream} cannot be polled, so the first time {@code poll_oneoff} must
 * wait on it (nothing {@link InputStream#available() available} yet), a daemon thread starts
 * reading it into a queue, and from then on every read takes from that queue. Until then reads
 * go straight to the stream, so a guest that never polls never gets a thread.
 */
final class InputFd extends Fd {
    private static final byte[] EOF = new byte[0];

    private final InputStream in;
    private BlockingQueue<Object> queue; // byte[] chunks, EOF, or an IOException
    private byte[] pending;
    private int pendingPos;
    private IOException failure;
    private boolean atEof;

    InputFd(InputStream in, int filetype) {
        super(Rights.STDIN, 0);
        this.in = in;
        this.filetype = filetype;
    }

    private final int filetype;

    @Override
    int filetype() {
        return filetype;
    }

    @Override
    long read(ByteBuffer[] dsts) throws IOException {
        ByteBuffer first = null;
        for (ByteBuffer b : dsts) {
            if (b.hasRemaining()) {
                first = b;
                break;
            }
        }
        if (first == null) return 0;
        if (queue == null) return readDirect(dsts);
        if (!takeChunk(-1)) return 0;
        long total = 0;
        for (ByteBuffer b : dsts) {
            while (b.hasRemaining() && pending != null) {
                int n = Math.min(b.remaining(), pending.length - pendingPos);
                b.put(pending, pendingPos, n);
                pendingPos += n;
                total += n;
                if (pendingPos == pending.length) {
                    pending = null;
                    // More data already queued keeps filling; an error or EOF waits for the next read.
                    if (queue.peek() instanceof byte[]) takeChunk(0);
                }
            }
        }
        return total;
    }

    /** Blocks for the first buffer only, then continues while more is already available. */
    private long readDirect(ByteBuffer[] dsts) throws IOException {
        long total = 0;
        for (ByteBuffer b : dsts) {
            while (b.hasRemaining()) {
                if (total > 0 && in.available() <= 0) return total;
                int n = readInto(b);
                if (n < 0) return total;
                total += n;
            }
        }
        return total;
    }

    private int readInto(ByteBuffer b) throws IOException {
        int n;
        if (b.hasArray()) {
            n = in.read(b.array(), b.arrayOffset() + b.position(), b.remaining());
            if (n > 0) b.position(b.position() + n);
        } else {
            byte[] tmp = new byte[b.remaining()];
            n = in.read(tmp);
            if (n > 0) b.put(tmp, 0, n);
        }
        return n;
    }

    /**
     * Makes {@link #pending} hold unread bytes, waiting at most {@code nanos} (-1: forever).
     * @return true when bytes are pending; false at end of stream or on timeout
     */
    private boolean takeChunk(long nanos) throws IOException {
        if (pending != null) return true;
        if (failure != null) throw failure;
        if (atEof) return false;
        Object o;
        try {
            o = nanos < 0 ? queue.take() : queue.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WasiErrnoException.of(Errno.EINTR);
        }
        if (o == null) return false;
        if (o == EOF) {
            atEof = true;
            return false;
        }
        if (o instanceof IOException) {
            failure = (IOException) o;
            throw failure;
        }
        pending = (byte[]) o;
        pendingPos = 0;
        return true;
    }

    /**
     * For {@code poll_oneoff}: waits up to {@code nanos} for input (or end of stream).
     * @return bytes known to be readable without blocking, 0 at end of stream, -1 if not ready
     */
    long awaitReadable(long nanos) throws IOException {
        if (queue == null) {
            int avail = in.available();
            if (avail > 0) return avail;
            startReader();
        }
        if (takeChunk(Math.max(nanos, 0))) return pending.length - pendingPos;
        return atEof || failure != null ? 0 : -1;
    }

    boolean atEof() {
        return atEof;
    }

    private void startReader() {
        queue = new LinkedBlockingQueue<>();
        BlockingQueue<Object> q = queue;
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            try {
                while (true) {
                    int n = in.read(buf);
                    if (n < 0) {
                        q.add(EOF);
                        return;
                    }
                    if (n > 0) q.add(java.util.Arrays.copyOf(buf, n));
                }
            } catch (IOException e) {
                q.add(e);
            }
        }, "wasi-stdin");
        t.setDaemon(true);
        t.start();
    }
}
