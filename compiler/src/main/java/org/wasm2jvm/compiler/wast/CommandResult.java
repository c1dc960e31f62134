package org.wasm2jvm.compiler.wast;

/**
 * The outcome of one script command.
 *
 * @param file            the script's name as given to the runner
 * @param line            1-based line of the command (0 when the script as a whole failed)
 * @param command         the command's keyword, e.g. {@code assert_return}
 * @param passed          whether the command did what the script expects
 * @param message         why it failed, or for a pass with a differently worded error the wording seen; else null
 * @param messageMismatch a malformed/invalid assertion that failed for the right kind of reason
 *                        but with other wording than the reference interpreter's
 */
public record CommandResult(String file, int line, String command, boolean passed, String message,
                            boolean messageMismatch) {

    static CommandResult pass(String file, int line, String command) {
        return new CommandResult(file, line, command, true, null, false);
    }

    static CommandResult fail(String file, int line, String command, String message) {
        return new CommandResult(file, line, command, false, message, false);
    }

    static CommandResult mismatch(String file, int line, String command, String message) {
        return new CommandResult(file, line, command, true, message, true);
    }

    /** {@code file:line} — the key of the expected-failures list. */
    public String location() {
        return file + ":" + line;
    }

    /** One line: {@code file:line: command: message}. */
    @Override
    public String toString() {
        String status = passed ? (messageMismatch ? "message mismatch" : "passed") : "FAILED";
        return location() + ": " + command + ": " + status + (message == null ? "" : ": " + message);
    }
}
