package org.wasm2jvm.cli;

/** The CLI's exit codes. */
final class ExitCodes {
    static final int OK = 0;
    /** A failed script command, an unusable module or file, or an internal error. */
    static final int ERROR = 1;
    /** Bad command line. */
    static final int USAGE = 2;
    /** The guest trapped. */
    static final int TRAP = 3;

    private ExitCodes() {}
}
