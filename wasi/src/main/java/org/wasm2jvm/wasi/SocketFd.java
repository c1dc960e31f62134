package org.wasm2jvm.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** A connected TCP stream, from {@code sock_accept}. NONBLOCK maps onto the channel's blocking mode. */
final class SocketFd extends Fd {
    final SocketChannel channel;

    SocketFd(SocketChannel channel) {
        super(Rights.SOCKET, 0);
        this.channel = channel;
    }

    @Override
    int filetype() {
        return Filetype.SOCKET_STREAM;
    }

    @Override
    long read(ByteBuffer[] dsts) throws IOException {
        if (remaining(dsts) == 0) return 0;
        long n = channel.read(dsts);
        if (n < 0) return 0;
        if (n == 0 && !channel.isBlocking()) throw WasiErrnoException.of(Errno.EAGAIN);
        return n;
    }

    @Override
    long write(ByteBuffer[] srcs) throws IOException {
        long want = remaining(srcs);
        long total = 0;
        while (total < want) {
            long n = channel.write(srcs);
            if (n == 0 && !channel.isBlocking()) {
                if (total == 0) throw WasiErrnoException.of(Errno.EAGAIN);
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    void setFlags(int flags) throws IOException {
        channel.configureBlocking((flags & NONBLOCK) == 0);
        super.setFlags(flags);
    }

    @Override
    void close() throws IOException {
        channel.close();
    }
}
