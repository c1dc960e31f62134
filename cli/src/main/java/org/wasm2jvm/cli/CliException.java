package org.wasm2jvm.cli;

/** An error the CLI reports as one line {@code error: <message>} and the given exit code. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final boolean multiline;

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
        this.multiline = false;
    }

    CliException(String message, int exitCode, Throwable cause) {
        this(message, exitCode, cause, false);
    }

    /** @param multiline the message has further lines worth showing (e.g. a Wasm backtrace) */
    CliException(String message, int exitCode, Throwable cause, boolean multiline) {
        super(message, cause);
        this.exitCode = exitCode;
        this.multiline = multiline;
    }

    boolean multiline() {
        return multiline;
    }

    int exitCode() {
        return exitCode;
    }
}
