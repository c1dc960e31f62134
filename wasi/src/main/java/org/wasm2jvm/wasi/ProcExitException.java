package org.wasm2jvm.wasi;

/**
 * Thrown by {@code proc_exit}: unwinds the guest's stack up to the embedder, which reads the
 * exit code. {@link WasiPreview1#start} catches it and returns the code.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#proc_exit">proc_exit</a>
 */
public final class ProcExitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    public ProcExitException(int code) {
        super("proc_exit(" + code + ")", null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
