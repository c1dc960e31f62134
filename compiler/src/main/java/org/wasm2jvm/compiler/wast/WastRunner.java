package org.wasm2jvm.compiler.wast;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs WAST scripts the way the spec's reference interpreter does, but records a result for
 * every command instead of stopping at the first failure.
 *
 * <p>Each script runs on its own thread with a large stack, so that deep but legitimate guest
 * recursion succeeds while unbounded recursion still ends in "call stack exhausted". A command
 * that runs longer than the command timeout is stopped and fails; after a few such timeouts
 * the rest of the script is given up.
 *
 * @see <a href="https://github.com/WebAssembly/spec/tree/main/interpreter#scripts">The spec interpreter's scripts</a>
 */
public final class WastRunner {
    /** Timeouts after which the rest of a script is not run. */
    private static final int MAX_TIMEOUTS = 3;

    private final WastFrontEnd frontEnd;
    private final long stackSize;
    private final Duration commandTimeout;
    private final PrintStream spectestOut;
    private final PrintStream verbose;

    private WastRunner(Builder b) {
        this.frontEnd = Objects.requireNonNull(b.frontEnd, "frontEnd");
        this.stackSize = b.stackSize;
        this.commandTimeout = b.commandTimeout;
        this.spectestOut = b.spectestOut;
        this.verbose = b.verbose;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private WastFrontEnd frontEnd = TextFrontEnd.INSTANCE;
        private long stackSize = 256L << 20;
        private Duration commandTimeout = Duration.ofSeconds(60);
        private PrintStream spectestOut;
        private PrintStream verbose;

        public Builder frontEnd(WastFrontEnd frontEnd) {
            this.frontEnd = frontEnd;
            return this;
        }

        /** Stack size in bytes of the thread each script runs on. */
        public Builder stackSize(long bytes) {
            this.stackSize = bytes;
            return this;
        }

        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = timeout;
            return this;
        }

        /** Where the spectest print functions write; null (the default) discards their output. */
        public Builder spectestOut(PrintStream out) {
            this.spectestOut = out;
            return this;
        }

        /** Where each failure and each message mismatch is printed as it happens; null for nowhere. */
        public Builder verbose(PrintStream out) {
            this.verbose = out;
            return this;
        }

        public WastRunner build() {
            return new WastRunner(this);
        }
    }

    /** Runs a script file; its results are named by the file's name. */
    public FileResult runFile(Path file) {
        return runFile(file, file.getFileName().toString());
    }

    /** Runs a script file, naming its results {@code name}. */
    public FileResult runFile(Path file, String name) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return scriptFailure(name, "cannot read script: " + e);
        }
        return runScript(name, text);
    }

    public FileResult runScript(String name, String text) {
        return runOnScriptThread(name, () -> frontEnd.parseScript(text));
    }

    public FileResult runCommands(String name, List<WastCommand> commands) {
        return runOnScriptThread(name, () -> commands);
    }

    private FileResult scriptFailure(String name, String message) {
        CommandResult r = CommandResult.fail(name, 0, "script", message);
        report(r);
        return new FileResult(name, List.of(r));
    }

    private FileResult runOnScriptThread(String name, Supplier<List<WastCommand>> commands) {
        Worker worker = new Worker(name, commands);
        Thread thread = new Thread(null, worker, "wast-" + name, stackSize);
        thread.setDaemon(true);
        thread.start();
        watch(thread, worker);
        if (thread.isAlive()) {
            // It ignored being stopped (e.g. blocked in native code): give up on the rest.
            worker.abandoned = true;
            List<CommandResult> out = new ArrayList<>(worker.snapshot());
            out.add(CommandResult.fail(name, worker.currentLine, "script", "command did not stop after timing out; rest of script not run"));
            return new FileResult(name, out);
        }
        return new FileResult(name, worker.snapshot());
    }

    @SuppressWarnings("deprecation")
    private void watch(Thread thread, Worker worker) {
        long timeoutNanos = commandTimeout.toNanos();
        long stoppedSeq = -1;
        long stoppedAt = 0;
        while (thread.isAlive()) {
            try {
                thread.join(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread.stop();
                return;
            }
            long seq = worker.commandSeq;
            if (seq < 0 || !thread.isAlive()) continue;
            long now = System.nanoTime();
            if (seq == stoppedSeq) {
                if (now - stoppedAt > 10_000_000_000L) return;
                continue;
            }
            if (now - worker.commandStart > timeoutNanos) {
                stoppedSeq = seq;
                stoppedAt = now;
                // Generated code has no safepoint hook of ours to poll, so stopping the thread is the
                // only way to end a runaway guest loop; the session state it leaves is discarded
                // command by command anyway.
                thread.stop();
            }
        }
    }

    private void report(CommandResult r) {
        if (verbose != null && (!r.passed() || r.messageMismatch())) verbose.println(r);
    }

    /** Parses and runs one script on the large-stack thread. */
    private final class Worker implements Runnable {
        private final String name;
        private final Supplier<List<WastCommand>> commands;
        private final List<CommandResult> results = Collections.synchronizedList(new ArrayList<>());
        /** Sequence number of the running command, -1 between commands. */
        volatile long commandSeq = -1;
        volatile long commandStart;
        volatile int currentLine;
        volatile boolean abandoned;

        Worker(String name, Supplier<List<WastCommand>> commands) {
            this.name = name;
            this.commands = commands;
        }

        List<CommandResult> snapshot() {
            synchronized (results) {
                return new ArrayList<>(results);
            }
        }

        private void add(CommandResult r) {
            if (abandoned) return;
            results.add(r);
            report(r);
        }

        @Override
        @SuppressWarnings("removal")
        public void run() {
            List<WastCommand> script;
            try {
                script = commands.get();
            } catch (ThreadDeath e) {
                add(CommandResult.fail(name, 0, "script", "parsing timed out"));
                return;
            } catch (Throwable e) {
                add(CommandResult.fail(name, 0, "script", "script does not parse: " + e));
                return;
            }
            ScriptSession session = new ScriptSession(name, frontEnd, spectestOut);
            int timeouts = 0;
            for (int i = 0; i < script.size(); i++) {
                WastCommand command = script.get(i);
                if (timeouts >= MAX_TIMEOUTS) {
                    add(CommandResult.fail(name, command.line(), ScriptSession.keyword(command),
                            "not run after " + MAX_TIMEOUTS + " timeouts"));
                    continue;
                }
                CommandResult r = null;
                try {
                    currentLine = command.line();
                    commandStart = System.nanoTime();
                    commandSeq = i;
                    r = session.execute(command);
                    commandSeq = -1;
                    add(r);
                } catch (ThreadDeath e) {
                    // The watchdog stopped a runaway command (or, rarely, hit just after it ended).
                    commandSeq = -1;
                    if (r == null) {
                        timeouts++;
                        add(CommandResult.fail(name, command.line(), ScriptSession.keyword(command),
                                "timed out after " + commandTimeout.toSeconds() + " s"));
                    } else if (!results.contains(r)) {
                        add(r);
                    }
                }
            }
        }
    }
}
