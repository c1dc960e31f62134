package org.wasm2jvm.wasi.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.wasm2jvm.api.InstanceLimits;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.runtime.CompiledModule;
import org.wasm2jvm.runtime.PrecompiledModule;
import org.wasm2jvm.wasi.WasiConfig;
import org.wasm2jvm.wasi.WasiPreview1;

/**
 * The {@code main} of an AOT-compiled jar: every command-line argument goes to the guest
 * (argv[1..]); host settings come from system properties ({@link LaunchProperties}). Exit
 * status and error output are those of {@code wasm2jvm run}, through the same {@link CommandRunner}.
 * The generated {@code Main} class of the jar only calls {@link #main(Class, String[])} with a
 * class of its module's package.
 */
public final class CommandLauncher {
    private CommandLauncher() {
    }

    /** Runs the module compiled into {@code anchor}'s package and exits with its status. */
    public static void main(Class<?> anchor, String[] args) {
        System.exit(run(anchor, args, System.getProperties(), System.err));
    }

    /** Runs the module and returns the exit status instead of exiting; errors go to {@code err}. */
    public static int run(Class<?> anchor, String[] args, Properties properties, PrintStream err) {
        LaunchProperties props = new LaunchProperties(properties);
        try {
            CompiledModule module = PrecompiledModule.load(anchor);
            String name = PrecompiledModule.sourceName(anchor.getClassLoader(), anchor.getPackageName());
            InstanceLimits limits = limits(props, module);
            CommandRunner runner = new CommandRunner(module, name, props.stackSize());
            try (WasiPreview1 wasi = new WasiPreview1(config(props, name, args))) {
                return runner.runStart(wasi, limits);
            } finally {
                System.out.flush();
            }
        } catch (LaunchException e) {
            String message = e.getMessage().strip();
            err.println("error: " + (e.multiline() ? message : firstLine(message)));
            if (props.verbose()) e.printStackTrace(err);
            return e.exitCode();
        } catch (Exception | Error e) {
            String message = e instanceof UncheckedIOException ? "cannot set up WASI: " + e.getMessage()
                    : CommandRunner.describe(e);
            err.println("error: " + firstLine(message));
            if (props.verbose()) e.printStackTrace(err);
            return LaunchException.ERROR;
        }
    }

    private static WasiConfig config(LaunchProperties props, String name, String[] args) throws IOException {
        WasiConfig.Builder b = WasiConfig.builder().inheritStdio();
        List<String> argv = new ArrayList<>();
        argv.add(props.argv0(name));
        argv.addAll(Arrays.asList(args));
        b.args(argv);
        props.hostSettings().configure(b);
        return b.build();
    }

    private static InstanceLimits limits(LaunchProperties props, CompiledModule module) {
        InstanceLimits.Builder b = InstanceLimits.builder();
        Long fuel = props.fuel();
        var timeout = props.timeout();
        if ((fuel != null || timeout != null) && !module.options().metering()) {
            throw new LaunchException(LaunchProperties.FUEL + " and " + LaunchProperties.TIMEOUT
                    + " need a jar compiled with --metering", LaunchException.USAGE);
        }
        if (fuel != null) b.fuel(fuel);
        if (timeout != null) b.deadline(timeout);
        Long maxMemory = props.maxMemory();
        if (maxMemory != null) {
            long pages = maxMemory / MemoryInstance.PAGE_SIZE;
            if (pages < 1) throw new LaunchException(LaunchProperties.MAX_MEMORY + " must be at least 64k (one page)", LaunchException.USAGE);
            b.maxMemoryPages((int) Math.min(pages, Integer.MAX_VALUE));
        }
        return b.build();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }
}
