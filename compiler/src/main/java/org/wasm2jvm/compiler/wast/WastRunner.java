package org.wasm2jvm.compiler.wast;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    private final boolean stopThreads;

    private WastRunner(Builder b) {
        this.frontEnd = Objects.requireNonNull(b.frontEnd, "frontEnd");
        this.stackSize = b.stackSize;
        this.commandTimeout = b.commandTimeout;
        this.spectestOut = b.spectestOut;
        this.verbose = b.verbose;
        this.stopThreads = b.stopThreads;
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
        private boolean stopThreads = true;

        /** Tests: never use {@code Thread.stop}, as on JDK 20+ where it is gone. */
        Builder stopThreads(boolean stop) {
            this.stopThreads = stop;
            return this;
        }

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
        List<WastCommand> script;
        try {
            script = parse(name, commands);
        } catch (RuntimeException e) {
            return scriptFailure(name, e.getMessage());
        }
        ScriptRun run = new ScriptRun(name, script, new ScriptSession(name, frontEnd, spectestOut));
        // A worker ends early when it is stopped or abandoned after a timeout; the next one goes
        // on with the following command.
        while (run.next < script.size()) {
            Worker worker = new Worker(run);
            Thread thread = new Thread(null, worker, "wast-" + name, stackSize);
            thread.setDaemon(true);
            thread.start();
            int before = run.next;
            if (!watch(thread, worker, run)) {
                run.giveUp(worker, "interrupted");
            } else if (run.next == before && !worker.abandoned) {
                // The worker died outside any command (a stop that landed late): don't retry forever.
                run.giveUp(worker, "script thread died");
            }
        }
        return new FileResult(name, run.snapshot());
    }

    /** Parses on a large-stack thread too: the parser recurses over nested expressions. */
    private List<WastCommand> parse(String name, Supplier<List<WastCommand>> commands) {
        Object[] out = new Object[1];
        Thread t = new Thread(null, () -> {
            try {
                out[0] = commands.get();
            } catch (Throwable e) {
                out[0] = e;
            }
        }, "wast-parse-" + name, stackSize);
        t.setDaemon(true);
        t.start();
        try {
            t.join(commandTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing");
        }
        if (t.isAlive()) throw new IllegalStateException("parsing timed out");
        if (out[0] instanceof Throwable e) throw new IllegalStateException("script does not parse: " + e, e);
        @SuppressWarnings("unchecked")
        List<WastCommand> script = (List<WastCommand>) out[0];
        return script;
    }

    /**
     * Waits for a worker, ending a command that runs past the timeout. Generated code has no
     * safepoint hook of ours to poll, so stopping the thread is the only way to end a runaway
     * guest loop; where the JDK no longer supports that (20+), or the thread ignores it, the
     * worker is abandoned to spin on as a daemon and a new one takes over the script.
     */
    @SuppressWarnings("deprecation")
    private boolean watch(Thread thread, Worker worker, ScriptRun run) {
        long timeoutNanos = commandTimeout.toNanos();
        long stoppedSeq = -1;
        long stoppedAt = 0;
        while (thread.isAlive()) {
            try {
                thread.join(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            long seq = worker.commandSeq;
            if (seq < 0 || !thread.isAlive()) continue;
            long now = System.nanoTime();
            if (seq == stoppedSeq) {
                if (now - stoppedAt > 10_000_000_000L && run.abandon(worker, seq, timeoutMessage())) return true;
                continue;
            }
            if (now - worker.commandStart > timeoutNanos) {
                try {
                    if (!stopThreads) throw new UnsupportedOperationException();
                    thread.stop();
                    stoppedSeq = seq;
                    stoppedAt = now;
                } catch (UnsupportedOperationException e) {
                    if (run.abandon(worker, seq, timeoutMessage())) return true;
                }
            }
        }
        return true;
    }

    private String timeoutMessage() {
        return "timed out after " + commandTimeout.toSeconds() + " s";
    }

    private void report(CommandResult r) {
        if (verbose != null && (!r.passed() || r.messageMismatch())) verbose.println(r);
    }

    /** One script's progress, shared by the workers that run it one after the other. */
    private final class ScriptRun {
        final String name;
        final List<WastCommand> script;
        final ScriptSession session;
        /** Guarded by this. */
        private final List<CommandResult> results = new ArrayList<>();
        /** Guarded by this. */
        int timeouts;
        /** Index of the next command to run. */
        volatile int next;

        ScriptRun(String name, List<WastCommand> script, ScriptSession session) {
            this.name = name;
            this.script = script;
            this.session = session;
        }

        synchronized List<CommandResult> snapshot() {
            return new ArrayList<>(results);
        }

        /** Records command {@code i}'s result unless its worker was abandoned meanwhile. */
        synchronized boolean complete(Worker w, int i, CommandResult r, boolean timedOut) {
            if (w.abandoned) return false;
            w.commandSeq = -1;
            if (timedOut) timeouts++;
            results.add(r);
            report(r);
            next = i + 1;
            return true;
        }

        /** Gives up on {@code w} if it is still running command {@code seq}; false when it just finished. */
        synchronized boolean abandon(Worker w, long seq, String why) {
            if (w.commandSeq != seq || seq < 0) return false;
            w.abandoned = true;
            WastCommand c = script.get((int) seq);
            timeouts++;
            CommandResult r = CommandResult.fail(name, c.line(), ScriptSession.keyword(c), why);
            results.add(r);
            report(r);
            next = (int) seq + 1;
            return true;
        }

        /** Fails every command not yet run, and stops {@code w}. */
        synchronized void giveUp(Worker w, String why) {
            w.abandoned = true;
            for (int i = next; i < script.size(); i++) {
                WastCommand c = script.get(i);
                CommandResult r = CommandResult.fail(name, c.line(), ScriptSession.keyword(c), why);
                results.add(r);
                report(r);
            }
            next = script.size();
        }
    }

    /** Runs a script's commands from {@link ScriptRun#next} on, on the large-stack thread. */
    private final class Worker implements Runnable {
        private final ScriptRun run;
        /** Index of the running command, -1 between commands. Written by this worker only. */
        volatile long commandSeq = -1;
        volatile long commandStart;
        volatile boolean abandoned;

        Worker(ScriptRun run) {
            this.run = run;
        }

        @Override
        @SuppressWarnings("removal")
        public void run() {
            while (!abandoned) {
                int i = run.next;
                if (i >= run.script.size()) return;
                WastCommand command = run.script.get(i);
                String keyword = ScriptSession.keyword(command);
                if (run.timeouts >= MAX_TIMEOUTS) {
                    run.complete(this, i, CommandResult.fail(run.name, command.line(), keyword,
                            "not run after " + MAX_TIMEOUTS + " timeouts"), false);
                    continue;
                }
                CommandResult r;
                boolean timedOut = false;
                try {
                    commandStart = System.nanoTime();
                    commandSeq = i;
                    r = run.session.execute(command);
                } catch (ThreadDeath e) {
                    // Stopped by the watchdog.
                    timedOut = true;
                    r = CommandResult.fail(run.name, command.line(), keyword, timeoutMessage());
                }
                if (!run.complete(this, i, r, timedOut)) return;
            }
        }
    }
}
