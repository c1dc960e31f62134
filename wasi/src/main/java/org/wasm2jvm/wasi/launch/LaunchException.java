package org.wasm2jvm.wasi.launch;

/**
 * Why a command could not run or ended abnormally: reported as {@code error: <message>} with
 * {@link #exitCode()} as the process's exit status, by {@code wasm2jvm run} and by AOT jars alike.
 */
public final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An unusable file, module, import or host setting. */
    public static final int ERROR = 1;
    /** A bad command line or setting value. */
    public static final int USAGE = 2;
    /** The guest trapped. */
    public static final int TRAP = 3;

    private final int exitCode;
    private final boolean multiline;

    public LaunchException(String message, int exitCode) {
        this(message, exitCode, null, false);
    }

    /** @param multiline the message has further lines worth showing (a Wasm backtrace) */
    public LaunchException(String message, int exitCode, Throwable cause, boolean multiline) {
        super(message, cause);
        this.exitCode = exitCode;
        this.multiline = multiline;
    }

    public int exitCode() {
        return exitCode;
    }

    public boolean multiline() {
        return multiline;
    }
}
