package org.wasm2jvm.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One entry of the guest's fd table: the host object behind it plus the WASI state the guest
 * can query ({@code fdstat}: rights and fdflags). Operations a kind of fd does not support
 * fail with EBADF, as a POSIX read of a directory does.
 */
abstract class Fd {
    /** {@code fdflags} bits. */
    static final int APPEND = 1, DSYNC = 2, NONBLOCK = 4, RSYNC = 8, SYNC = 16;

    long rightsBase;
    long rightsInheriting;
    int fdflags;

    Fd(long rightsBase, long rightsInheriting) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
    }

    abstract int filetype();

    /** Fails with ENOTCAPABLE unless this fd holds every right in {@code rights}. */
    final void require(long rights) {
        if ((rightsBase & rights) != rights) throw WasiErrnoException.of(Errno.ENOTCAPABLE);
    }

    /** Reads into the buffers in order; 0 at end of stream. */
    long read(ByteBuffer[] dsts) throws IOException {
        throw WasiErrnoException.of(Errno.EBADF);
    }

    /** Writes the buffers in order and returns the bytes written. */
    long write(ByteBuffer[] srcs) throws IOException {
        throw WasiErrnoException.of(Errno.EBADF);
    }

    /** Applies new fdflags; by default only records them. */
    void setFlags(int flags) throws IOException {
        this.fdflags = flags;
    }

    void close() throws IOException {}

    static long remaining(ByteBuffer[] bufs) {
        long n = 0;
        for (ByteBuffer b : bufs) n += b.remaining();
        return n;
    }
}
