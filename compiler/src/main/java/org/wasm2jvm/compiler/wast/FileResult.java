package org.wasm2jvm.compiler.wast;

import java.util.List;

/** The outcomes of all commands of one script, in script order. */
public record FileResult(String file, List<CommandResult> results) {
    public FileResult {
        results = List.copyOf(results);
    }

    public long passed() {
        return results.stream().filter(CommandResult::passed).count();
    }

    public long failed() {
        return results.size() - passed();
    }

    /** Passes whose error wording differs from the reference interpreter's. */
    public long messageMismatches() {
        return results.stream().filter(CommandResult::messageMismatch).count();
    }

    public List<CommandResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** {@code file: P passed, F failed}. */
    public String summary() {
        return file + ": " + passed() + " passed, " + failed() + " failed";
    }

    /** The whole run's closing line, exactly {@code N passed, M failed}. */
    public static String total(List<FileResult> files) {
        long p = 0;
        long f = 0;
        for (FileResult r : files) {
            p += r.passed();
            f += r.failed();
        }
        return p + " passed, " + f + " failed";
    }
}
