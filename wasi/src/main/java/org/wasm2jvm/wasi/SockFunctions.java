package org.wasm2jvm.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * {@code sock_accept}, {@code sock_recv}, {@code sock_send} and {@code sock_shutdown} over NIO
 * channels. A guest can only use sockets the embedder preopened (listeners) and the
 * connections accepted on them: preview1 has no way to open or connect new ones.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#sock_accept">sock_accept</a>
 */
final class SockFunctions {
    static final int RECV_PEEK = 1, RECV_WAITALL = 2;
    static final int SHUT_RD = 1, SHUT_WR = 2;

    private final WasiContext cx;

    SockFunctions(WasiContext cx) {
        this.cx = cx;
    }

    int sock_accept(int fd, int flags, int fdPtr) {
        try {
            ListenerFd l = cx.fds.get(fd, ListenerFd.class, Errno.ENOTSOCK);
            l.require(Rights.SOCK_ACCEPT);
            if ((flags & ~Fd.NONBLOCK) != 0) return Errno.EINVAL;
            cx.memory.check(fdPtr, 4);
            SocketChannel c = l.channel.accept();
            if (c == null) return Errno.EAGAIN; // the listener is non-blocking and nobody is waiting
            SocketFd s = new SocketFd(c);
            s.rightsBase &= l.rightsInheriting;
            s.setFlags(flags);
            int newFd;
            try {
                newFd = cx.fds.add(s);
            } catch (WasiErrnoException e) {
                s.close();
                throw e;
            }
            cx.memory.put32(fdPtr, newFd);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int sock_recv(int fd, int riData, int riDataLen, int riFlags, int roDataLenPtr, int roFlagsPtr) {
        try {
            SocketFd s = cx.fds.get(fd, SocketFd.class, Errno.ENOTSOCK);
            s.require(Rights.FD_READ);
            if ((riFlags & ~(RECV_PEEK | RECV_WAITALL)) != 0) return Errno.EINVAL;
            if ((riFlags & RECV_PEEK) != 0) return Errno.ENOTSUP; // NIO cannot peek at a stream
            cx.memory.check(roDataLenPtr, 4);
            cx.memory.check(roFlagsPtr, 2);
            ByteBuffer[] bufs = cx.memory.iovecs(riData, riDataLen);
            long total = s.read(bufs);
            if ((riFlags & RECV_WAITALL) != 0) {
                while (total > 0 && Fd.remaining(bufs) > 0) {
                    long n = s.read(bufs);
                    if (n == 0) break;
                    total += n;
                }
            }
            cx.memory.put32(roDataLenPtr, (int) total);
            cx.memory.put16(roFlagsPtr, 0);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int sock_send(int fd, int siData, int siDataLen, int siFlags, int soDataLenPtr) {
        try {
            SocketFd s = cx.fds.get(fd, SocketFd.class, Errno.ENOTSOCK);
            s.require(Rights.FD_WRITE);
            if (siFlags != 0) return Errno.EINVAL;
            cx.memory.check(soDataLenPtr, 4);
            long n = s.write(cx.memory.iovecs(siData, siDataLen));
            cx.memory.put32(soDataLenPtr, (int) n);
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }

    int sock_shutdown(int fd, int how) {
        try {
            Fd f = cx.fds.get(fd);
            if (f instanceof ListenerFd) return Errno.ENOTCONN;
            if (!(f instanceof SocketFd)) return Errno.ENOTSOCK;
            f.require(Rights.SOCK_SHUTDOWN);
            if (how < SHUT_RD || how > (SHUT_RD | SHUT_WR)) return Errno.EINVAL;
            SocketChannel c = ((SocketFd) f).channel;
            if ((how & SHUT_RD) != 0) c.shutdownInput();
            if ((how & SHUT_WR) != 0) c.shutdownOutput();
            return Errno.SUCCESS;
        } catch (Exception e) {
            return WasiPreview1.errno(e);
        }
    }
}
