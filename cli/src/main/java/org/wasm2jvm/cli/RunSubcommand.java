package org.wasm2jvm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.InstanceLimits;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.WasmFunction;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.wasi.WasiConfig;
import org.wasm2jvm.wasi.WasiPreview1;
import org.wasm2jvm.wasi.launch.CommandRunner;
import org.wasm2jvm.wasi.launch.HostSettings;
import org.wasm2jvm.wasi.launch.LaunchException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run [options] MODULE [ARG...]}: runs a WASI program ({@code _start}) with the given
 * preopened directories, environment and listeners, and exits with its {@code proc_exit} code;
 * or, with {@code --invoke}, calls one export and prints its results.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a WebAssembly module (.wasm or .wat): a WASI command's _start, or one export with --invoke.",
            "Exit status: the guest's exit code; 3 when the guest traps; 1 for unusable input; 2 for a bad command line."})
final class RunSubcommand implements Callable<Integer> {
    @Option(names = "--invoke", paramLabel = "FUNC",
            description = "Call this export instead of _start; ARGs are read as its parameter types and each result is printed.")
    String invoke;

    @Option(names = "--dir", paramLabel = "HOST[::GUEST]",
            description = "Give the guest a directory (guest path defaults to HOST as written). Repeatable.")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--dir-ro", paramLabel = "HOST[::GUEST]", description = "Like --dir, read-only. Repeatable.")
    List<String> readOnlyDirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME[=VALUE]",
            description = "Set an environment variable for the guest (NAME alone passes the host's value). Repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--tcplisten", paramLabel = "HOST:PORT",
            description = "Preopen a listening TCP socket (after the directories). Repeatable.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--fuel", paramLabel = "N",
            description = "Stop the guest (trap, exit 3) after about N Wasm instructions. Compiles with metering.")
    Long fuel;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop the guest (trap, exit 3) after this wall-clock time, e.g. 500ms, 2s, 1m. Compiles with metering.")
    java.time.Duration timeout;

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Cap each memory the module defines (e.g. 64m): memory.grow beyond it fails.")
    Long maxMemory;

    @Option(names = "--stack-size", defaultValue = "512m", converter = ByteSize.class, paramLabel = "SIZE",
            description = "Stack size of the thread the guest runs on (default: ${DEFAULT-VALUE}).")
    long stackSize;

    @Option(names = "--stats", arity = "0..1", paramLabel = "FORMAT", preprocessor = RunStats.OptionValue.class,
            description = "After the guest exits, print phase times, memory use and the WASI calls made to stderr;"
                    + " --stats=json for tools. Compiles without the class cache, so the compile phase is real.")
    String stats;

    @Option(names = "--compile", paramLabel = "MODE", defaultValue = "lazy", converter = CompilationConverter.class,
            description = "lazy: compile each function when first called (default); eager: compile all before starting.")
    org.wasm2jvm.api.Compilation compilation;

    @Option(names = "--no-cache",
            description = "Do not read or write the cache of compiled classes (see 'wasm2jvm cache dir').")
    boolean noCache;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "MODULE", description = "A .wasm or .wat file.")
    Path module;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments for the program (or for --invoke).")
    List<String> args = new ArrayList<>();

    private final Console console;

    RunSubcommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        Logger log = LoggerFactory.getLogger(RunSubcommand.class);
        byte[] bytes = read(module);
        long start = System.nanoTime();
        boolean metering = fuel != null || timeout != null;
        RunStats runStats = RunStats.of(stats);
        CompileOptions options = CompileOptions.builder().metering(metering).compilation(compilation)
                .cacheDirectory(noCache || runStats != null ? null : CompileOptions.userCacheDirectory()).build();
        WasmModule compiled = runStats == null ? compile(module, bytes, options) : runStats.compile(module, bytes, options);
        log.debug("compiled {} ({} bytes) in {} ms", module, bytes.length, (System.nanoTime() - start) / 1_000_000);
        CommandRunner runner = new CommandRunner(compiled, module.toString(), stackSize);
        if (runStats != null) runner.observe(runStats);
        try (WasiPreview1 wasi = new WasiPreview1(wasiConfig(runStats))) {
            InstanceLimits limits = limits();
            if (invoke == null) return runner.runStart(wasi, limits);
            return runner.run(wasi, limits, instance -> {
                if (instance.exports().get("memory") instanceof MemoryInstance) wasi.bind(instance);
                WasmFunction f = export(instance);
                Object[] argv = arguments(f.type());
                log.debug("calling {}{}", invoke, f.type());
                Object[] results = f.call(argv);
                for (Object r : results) console.out().println(CliValues.format(r));
                return ExitCodes.OK;
            });
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), e.exitCode(), e, e.multiline());
        } catch (java.io.UncheckedIOException e) {
            throw new CliException("cannot set up WASI: " + e.getMessage(), ExitCodes.ERROR, e);
        } finally {
            console.out().flush();
            if (runStats != null) runStats.finish(console.err());
        }
    }

    private WasiConfig wasiConfig(RunStats runStats) throws IOException {
        WasiConfig.Builder b = WasiConfig.builder();
        if (runStats != null) b.callStats(runStats.wasiCalls());
        if (console.out() == System.out && console.err() == System.err) {
            b.inheritStdio(); // lets WASI report a terminal, so the guest's libc line-buffers
        } else {
            b.stdin(System.in).stdout(console.out()).stderr(console.err());
        }
        List<String> argv = new ArrayList<>();
        argv.add(module.toString());
        if (invoke == null) argv.addAll(args);
        b.args(argv);
        HostSettings host = new HostSettings();
        host.dirs.addAll(dirs);
        host.readOnlyDirs.addAll(readOnlyDirs);
        host.env.addAll(env);
        host.listen.addAll(listen);
        try {
            host.configure(b);
        } catch (LaunchException e) {
            throw new CliException(e.getMessage(), e.exitCode(), e);
        }
        return b.build();
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read " + file + ": no such file", ExitCodes.ERROR, e);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), ExitCodes.ERROR, e);
        }
    }

    private InstanceLimits limits() {
        InstanceLimits.Builder b = InstanceLimits.builder();
        if (fuel != null) {
            if (fuel <= 0) throw new CliException("--fuel must be positive", ExitCodes.USAGE);
            b.fuel(fuel);
        }
        if (timeout != null) b.deadline(timeout);
        if (maxMemory != null) {
            long pages = maxMemory / MemoryInstance.PAGE_SIZE;
            if (pages < 1) throw new CliException("--max-memory must be at least 64k (one page)", ExitCodes.USAGE);
            b.maxMemoryPages((int) Math.min(pages, Integer.MAX_VALUE));
        }
        return b.build();
    }

    static WasmModule compile(Path file, byte[] bytes) {
        return compile(file, bytes, CompileOptions.defaults());
    }

    static WasmModule compile(Path file, byte[] bytes, CompileOptions options) {
        try {
            return WasmModule.compile(bytes, options);
        } catch (ModuleException e) {
            String kind = e.kind() == ModuleException.Kind.MALFORMED ? "malformed" : "invalid";
            throw new CliException(file + ": " + kind + " module: " + e.getMessage(), ExitCodes.ERROR, e);
        }
    }

    private WasmFunction export(Instance instance) {
        Object e = instance.exports().get(invoke);
        if (e == null) throw new CliException("unknown export \"" + invoke + "\" in " + module, ExitCodes.ERROR);
        if (!(e instanceof WasmFunction f)) {
            throw new CliException("export \"" + invoke + "\" is not a function", ExitCodes.ERROR);
        }
        return f;
    }

    private Object[] arguments(FuncType type) {
        if (args.size() != type.paramCount()) {
            throw new CliException(invoke + type + " takes " + type.paramCount() + " argument(s), got " + args.size(),
                    ExitCodes.USAGE);
        }
        Object[] out = new Object[args.size()];
        for (int i = 0; i < out.length; i++) out[i] = CliValues.parse(args.get(i), type.param(i));
        return out;
    }
}
