package org.wasm2jvm.wasi;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;

/** A preopened listening TCP socket: the guest may only {@code sock_accept} on it. */
final class ListenerFd extends Fd {
    final ServerSocketChannel channel;

    ListenerFd(ServerSocketChannel channel) {
        super(Rights.LISTENER, Rights.SOCKET);
        this.channel = channel;
    }

    @Override
    int filetype() {
        return Filetype.SOCKET_STREAM;
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
