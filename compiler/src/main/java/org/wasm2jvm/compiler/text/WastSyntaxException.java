package org.wasm2jvm.compiler.text;

/** A WAST script itself is malformed (outside any quoted module). */
public final class WastSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;

    public WastSyntaxException(int line, String message, Throwable cause) {
        super("line " + line + ": " + message, cause);
        this.line = line;
    }

    /** 1-based line of the script where the problem is. */
    public int line() {
        return line;
    }
}
