package org.wasm2jvm.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code wasm2jvm} command line: {@code run} calls an export of a module, {@code wast} runs
 * spec test scripts, {@code compile} writes a runnable jar. Errors are one line {@code error: <message>} on stderr (a stack trace too
 * only with {@code -v}); exit codes are in {@link ExitCodes}.
 */
@Command(name = "wasm2jvm", mixinStandardHelpOptions = true, version = "wasm2jvm 0.1.0",
        description = "Compiles WebAssembly to JVM bytecode and runs it.")
public final class Main implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    private final Console console;

    private Main(Console console) {
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI in-process and returns its exit code instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean verbose = isVerbose(args);
        configureLogging(verbose);
        Console console = new Console(out, err, verbose);
        CommandLine cl = new CommandLine(new Main(console));
        // picocli builds each subcommand's model by reflection (tens of ms apiece at start-up):
        // when the command line names one, only that one is built; help and errors get them all.
        String named = commandName(args);
        for (String name : COMMANDS) {
            if (named == null || named.equals(name)) cl.addSubcommand(name, subcommand(name, console));
        }
        // Guest arguments such as -1 or -inf are values, not options.
        CommandLine run = cl.getSubcommands().get("run");
        if (run != null) run.setUnmatchedOptionsArePositionalParams(true);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + oneLine(e.getMessage()));
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            int code = e instanceof CliException c ? c.exitCode() : ExitCodes.ERROR;
            String message = e instanceof CliException ? e.getMessage() : describe(e);
            boolean full = e instanceof CliException c && c.multiline();
            err.println("error: " + (full ? message.strip() : oneLine(message)));
            if (verbose) e.printStackTrace(err);
            return code;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        console.err().println("error: missing command (run, compile, inspect, cache, wast); see 'wasm2jvm --help'");
        return ExitCodes.USAGE;
    }

    private static final java.util.List<String> COMMANDS = java.util.List.of("run", "wast", "inspect", "compile", "cache");

    private static Object subcommand(String name, Console console) {
        switch (name) {
            case "run": return new RunSubcommand(console);
            case "wast": return new WastSubcommand(console);
            case "inspect": return new InspectSubcommand(console);
            case "compile": return new CompileSubcommand(console);
            default: return new CacheSubcommand(console);
        }
    }

    /** The subcommand the arguments name (the first one that is not an option), or null when none is known. */
    static String commandName(String[] args) {
        for (String a : args) {
            if (a.startsWith("-")) continue;
            return COMMANDS.contains(a) ? a : null;
        }
        return null;
    }

    /** {@code -v} anywhere before a {@code --}. Looked at before parsing: see {@link VerboseOption}. */
    static boolean isVerbose(String[] args) {
        for (String a : args) {
            if (a.equals("--")) return false;
            if (a.equals("-v") || a.equals("--verbose")) return true;
        }
        return false;
    }

    /** The class cache logs through System.Logger (java.util.logging here): show its events with -v. */
    private static synchronized void showCacheEvents() {
        java.util.logging.Logger cacheLog = java.util.logging.Logger.getLogger("org.wasm2jvm.cache");
        if (cacheLog.getLevel() == java.util.logging.Level.FINE) return; // once per JVM
        cacheLog.setLevel(java.util.logging.Level.FINE);
        java.util.logging.Handler h = new java.util.logging.StreamHandler(System.err, new java.util.logging.SimpleFormatter() {
            @Override
            public String format(java.util.logging.LogRecord r) {
                return "[wasm2jvm-cache] " + formatMessage(r) + System.lineSeparator();
            }
        }) {
            @Override
            public synchronized void publish(java.util.logging.LogRecord r) {
                super.publish(r);
                flush();
            }
        };
        h.setLevel(java.util.logging.Level.FINE);
        cacheLog.addHandler(h);
        cacheLog.setUseParentHandlers(false);
    }

    /** slf4j-simple reads its level once, when the first logger is made: set it before that. */
    private static void configureLogging(boolean verbose) {
        String key = "org.slf4j.simpleLogger.defaultLogLevel";
        if (verbose) {
            System.setProperty(key, "debug");
            showCacheEvents();
        }
        else if (System.getProperty(key) == null) System.setProperty(key, "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof StackOverflowError) return "call stack exhausted";
        if (e instanceof OutOfMemoryError) return "out of memory: " + m;
        return m == null || m.isBlank() ? e.getClass().getName() : m;
    }

    private static String oneLine(String s) {
        if (s == null) return "";
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
