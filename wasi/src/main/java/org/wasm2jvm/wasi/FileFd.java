package org.wasm2jvm.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A regular file. {@code APPEND} is implemented here (seek to the end before each write)
 * rather than with the host's O_APPEND, because {@code fd_fdstat_set_flags} may switch it on
 * and off after the open and {@link FileChannel} cannot change its open mode.
 */
final class FileFd extends Fd {
    final FileChannel channel;
    /** Where the file was when opened; used for stat and set-times (see SANDBOX.md on races). */
    final Path host;

    FileFd(FileChannel channel, Path host, long base, long inheriting, int fdflags) {
        super(base, inheriting);
        this.channel = channel;
        this.host = host;
        this.fdflags = fdflags;
    }

    @Override
    int filetype() {
        return Filetype.REGULAR_FILE;
    }

    @Override
    long read(ByteBuffer[] dsts) throws IOException {
        long n = channel.read(dsts);
        return Math.max(n, 0);
    }

    @Override
    long write(ByteBuffer[] srcs) throws IOException {
        if ((fdflags & APPEND) != 0) channel.position(channel.size());
        long total = 0;
        long want = remaining(srcs);
        while (total < want) {
            long n = channel.write(srcs);
            if (n <= 0) break;
            total += n;
        }
        if ((fdflags & (DSYNC | SYNC | RSYNC)) != 0) channel.force((fdflags & SYNC) != 0);
        return total;
    }

    long pread(ByteBuffer[] dsts, long offset) throws IOException {
        long total = 0;
        for (ByteBuffer b : dsts) {
            while (b.hasRemaining()) {
                int n = channel.read(b, offset + total);
                if (n <= 0) return total;
                total += n;
            }
        }
        return total;
    }

    long pwrite(ByteBuffer[] srcs, long offset) throws IOException {
        long total = 0;
        for (ByteBuffer b : srcs) {
            while (b.hasRemaining()) {
                int n = channel.write(b, offset + total);
                if (n <= 0) return total;
                total += n;
            }
        }
        if ((fdflags & (DSYNC | SYNC | RSYNC)) != 0) channel.force((fdflags & SYNC) != 0);
        return total;
    }

    /** ftruncate semantics: shrinks, or grows with zero bytes. */
    void setSize(long size) throws IOException {
        long cur = channel.size();
        if (size < cur) {
            long pos = channel.position();
            channel.truncate(size);
            channel.position(pos); // truncate moves a position past the end back; ftruncate does not
        } else if (size > cur) {
            channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    @Override
    void close() throws IOException {
        channel.close();
    }
}
