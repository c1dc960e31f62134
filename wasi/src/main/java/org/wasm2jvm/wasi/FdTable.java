package org.wasm2jvm.wasi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest's file descriptors. New fds take the lowest free number, as POSIX does, so a
 * closed slot is reused; the table is capped to bound what a guest can hold open on the host.
 */
final class FdTable {
    static final int MAX_FDS = 4096;

    private final List<Fd> fds = new ArrayList<>();

    Fd get(int fd) {
        if (fd < 0 || fd >= fds.size() || fds.get(fd) == null) throw WasiErrnoException.of(Errno.EBADF);
        return fds.get(fd);
    }

    <T extends Fd> T get(int fd, Class<T> kind, int wrongKindErrno) {
        Fd f = get(fd);
        if (!kind.isInstance(f)) throw WasiErrnoException.of(wrongKindErrno);
        return kind.cast(f);
    }

    boolean isOpen(int fd) {
        return fd >= 0 && fd < fds.size() && fds.get(fd) != null;
    }

    int add(Fd f) {
        for (int i = 0; i < fds.size(); i++) {
            if (fds.get(i) == null) {
                fds.set(i, f);
                return i;
            }
        }
        if (fds.size() >= MAX_FDS) throw WasiErrnoException.of(Errno.EMFILE);
        fds.add(f);
        return fds.size() - 1;
    }

    void close(int fd) throws IOException {
        Fd f = get(fd);
        fds.set(fd, null);
        f.close();
    }

    /** {@code fd_renumber}: {@code to} must be open; it is closed and replaced by {@code from}. */
    void renumber(int from, int to) throws IOException {
        Fd f = get(from);
        Fd old = get(to);
        if (from == to) return;
        fds.set(to, f);
        fds.set(from, null);
        old.close();
    }

    /** Closes every fd the guest still holds (the embedder's listeners and streams stay the embedder's). */
    void closeAll() {
        for (int i = 0; i < fds.size(); i++) {
            Fd f = fds.get(i);
            fds.set(i, null);
            if (f instanceof FileFd || f instanceof SocketFd) {
                try {
                    f.close();
                } catch (IOException ignored) {
                    // best effort at teardown
                }
            }
        }
    }
}
