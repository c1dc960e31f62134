package org.wasm2jvm.wasi;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * Maps host I/O failures onto preview1 errnos. NIO reports most POSIX errors as a
 * {@link FileSystemException} whose reason is the C library's {@code strerror} text, so the
 * specific subclasses are tried first and the reason text after.
 */
final class IoErrors {
    private IoErrors() {}

    static int errno(IOException e) {
        if (e instanceof NoSuchFileException) return Errno.ENOENT;
        if (e instanceof FileAlreadyExistsException) return Errno.EEXIST;
        if (e instanceof DirectoryNotEmptyException) return Errno.ENOTEMPTY;
        if (e instanceof NotDirectoryException) return Errno.ENOTDIR;
        if (e instanceof NotLinkException) return Errno.EINVAL;
        if (e instanceof FileSystemLoopException) return Errno.ELOOP;
        if (e instanceof AccessDeniedException) {
            int r = byReason(((FileSystemException) e).getReason());
            return r != Errno.EIO ? r : Errno.EACCES;
        }
        if (e instanceof ClosedByInterruptException) return Errno.EINTR;
        if (e instanceof AsynchronousCloseException || e instanceof ClosedChannelException) return Errno.EBADF;
        if (e instanceof SocketTimeoutException) return Errno.ETIMEDOUT;
        if (e instanceof FileSystemException) return byReason(((FileSystemException) e).getReason());
        if (e instanceof SocketException) return byReason(e.getMessage());
        return byReason(e.getMessage());
    }

    static int errno(RuntimeException e) {
        if (e instanceof NotYetConnectedException) return Errno.ENOTCONN;
        if (e instanceof java.nio.channels.NonReadableChannelException) return Errno.EBADF;
        if (e instanceof java.nio.channels.NonWritableChannelException) return Errno.EBADF;
        if (e instanceof java.nio.channels.IllegalBlockingModeException) return Errno.EAGAIN;
        if (e instanceof UnsupportedOperationException) return Errno.ENOTSUP;
        if (e instanceof IllegalArgumentException) return Errno.EINVAL;
        if (e instanceof SecurityException) return Errno.EACCES;
        if (e instanceof IndexOutOfBoundsException) return Errno.EFAULT;
        return Errno.EIO;
    }

    private static int byReason(String reason) {
        if (reason == null) return Errno.EIO;
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("is a directory")) return Errno.EISDIR;
        if (r.contains("not a directory")) return Errno.ENOTDIR;
        if (r.contains("too many levels of symbolic links")) return Errno.ELOOP;
        if (r.contains("directory not empty")) return Errno.ENOTEMPTY;
        if (r.contains("file exists")) return Errno.EEXIST;
        if (r.contains("no such file")) return Errno.ENOENT;
        if (r.contains("cross-device")) return Errno.EXDEV;
        if (r.contains("no space left")) return Errno.ENOSPC;
        if (r.contains("read-only file system")) return Errno.EROFS;
        if (r.contains("file name too long")) return Errno.ENAMETOOLONG;
        if (r.contains("operation not permitted")) return Errno.EPERM;
        if (r.contains("permission denied")) return Errno.EACCES;
        if (r.contains("invalid argument")) return Errno.EINVAL;
        if (r.contains("too many links")) return Errno.EMLINK;
        if (r.contains("too many open files")) return Errno.EMFILE;
        if (r.contains("file too large")) return Errno.EFBIG;
        if (r.contains("device or resource busy")) return Errno.EBUSY;
        if (r.contains("text file busy")) return Errno.ETXTBSY;
        if (r.contains("connection reset")) return Errno.ECONNRESET;
        if (r.contains("broken pipe")) return Errno.EPIPE;
        if (r.contains("connection refused")) return Errno.ECONNREFUSED;
        if (r.contains("not connected")) return Errno.ENOTCONN;
        if (r.contains("connection aborted")) return Errno.ECONNABORTED;
        if (r.contains("resource temporarily unavailable")) return Errno.EAGAIN;
        return Errno.EIO;
    }
}
