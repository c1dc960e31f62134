package org.wasm2jvm.wasi;

/**
 * Preview1 {@code filetype} values.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#filetype">filetype</a>
 */
final class Filetype {
    private Filetype() {}

    static final int UNKNOWN = 0;
    static final int BLOCK_DEVICE = 1;
    static final int CHARACTER_DEVICE = 2;
    static final int DIRECTORY = 3;
    static final int REGULAR_FILE = 4;
    static final int SOCKET_DGRAM = 5;
    static final int SOCKET_STREAM = 6;
    static final int SYMBOLIC_LINK = 7;
}
