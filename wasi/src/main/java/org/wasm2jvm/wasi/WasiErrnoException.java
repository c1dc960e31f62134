package org.wasm2jvm.wasi;

/**
 * Internal: unwinds a WASI function with an errno. Never reaches the guest: the function
 * wrapper in {@link WasiPreview1} turns it into the function's result. No stack trace, because
 * guests use errors (ENOENT, EAGAIN) as ordinary control flow.
 */
final class WasiErrnoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int errno;

    WasiErrnoException(int errno) {
        super("errno " + errno, null, false, false);
        this.errno = errno;
    }

    static WasiErrnoException of(int errno) {
        return new WasiErrnoException(errno);
    }
}
