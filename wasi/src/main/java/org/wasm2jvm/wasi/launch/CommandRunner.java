package org.wasm2jvm.wasi.launch;

import java.util.List;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.InstanceLimits;
import org.wasm2jvm.api.LinkException;
import org.wasm2jvm.api.TrapException;
import org.wasm2jvm.api.WasmFunction;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.runtime.CompiledModule;
import org.wasm2jvm.runtime.WasmBacktrace;
import org.wasm2jvm.wasi.ProcExitException;
import org.wasm2jvm.wasi.WasiPreview1;

/**
 * Runs a compiled WASI module the way {@code wasm2jvm run} does, for the CLI and for AOT jars
 * alike: on a thread with a large stack, linked to WASI, {@code proc_exit}'s code as the result,
 * a trap as {@link LaunchException} (exit 3) whose message carries the Wasm backtrace, a link
 * error as {@link LaunchException} (exit 1).
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/application-abi.md">WASI application ABI (commands)</a>
 */
public final class CommandRunner {
    /** What to do with the instantiated module; returns the exit code. */
    @FunctionalInterface
    public interface Entry {
        int call(Instance instance) throws Exception;
    }

    /** Hears the phases of a run, on the guest thread (for {@code run --stats}). */
    public interface Observer {
        Observer NONE = new Observer() { };

        /** WASI is in the imports; instantiation comes next. */
        default void wasiReady() {
        }

        default void instantiated(Instance instance) {
        }
    }

    private final WasmModule module;
    private final String moduleName;
    private final long stackSize;
    private Observer observer = Observer.NONE;

    /**
     * @param moduleName how error messages name the module (the file as given)
     * @param stackSize stack of the guest thread in bytes
     */
    public CommandRunner(WasmModule module, String moduleName, long stackSize) {
        this.module = module;
        this.moduleName = moduleName;
        this.stackSize = stackSize;
    }

    /** Reports the phases of the next runs to {@code observer}. */
    public CommandRunner observe(Observer observer) {
        this.observer = observer;
        return this;
    }

    /** Runs the command: calls {@code _start} and returns the exit code. */
    public int runStart(WasiPreview1 wasi, InstanceLimits limits) throws Exception {
        // Anonymous classes, not lambdas, on the start-up path: the first lambda bootstraps the
        // JDK's lambda machinery, milliseconds that a small program's run should not pay.
        return run(wasi, limits, new Entry() {
            @Override
            public int call(Instance instance) {
                if (!(instance.exports().get("_start") instanceof WasmFunction)) {
                    throw new LaunchException(moduleName + " has no _start export: use --invoke FUNC to call a function",
                            LaunchException.ERROR);
                }
                return wasi.start(instance);
            }
        });
    }

    /** Instantiates the module with WASI on the guest thread and runs {@code entry} there. */
    public int run(WasiPreview1 wasi, InstanceLimits limits, Entry entry) throws Exception {
        return GuestThread.call(new java.util.concurrent.Callable<Integer>() {
            @Override
            public Integer call() throws Exception {
                Imports imports = wasi.addTo(Imports.empty());
                observer.wasiReady();
                Instance instance = instantiate(imports, limits);
                observer.instantiated(instance);
                try {
                    return entry.call(instance);
                } catch (ProcExitException e) {
                    return e.code();
                } catch (TrapException e) {
                    throw trap(e);
                }
            }
        }, stackSize);
    }

    private Instance instantiate(Imports imports, InstanceLimits limits) {
        try {
            return module.instantiate(imports, limits);
        } catch (LinkException e) {
            throw new LaunchException(moduleName + ": unlinkable: " + e.getMessage(), LaunchException.ERROR, e, false);
        } catch (TrapException e) {
            throw trap(e); // in a start function or a segment that does not fit
        }
    }

    /** The trap's message followed by its Wasm backtrace, one frame a line. */
    public LaunchException trap(TrapException e) {
        StringBuilder sb = new StringBuilder(e.getMessage());
        if (module instanceof CompiledModule cm) {
            List<WasmBacktrace.Frame> frames = WasmBacktrace.of(e, cm);
            if (!frames.isEmpty()) {
                sb.append("\nwasm backtrace:");
                for (int i = 0; i < frames.size(); i++) sb.append("\n  ").append(i).append(": ").append(frames.get(i));
            }
        }
        return new LaunchException(sb.toString(), LaunchException.TRAP, e, true);
    }

    /**
     * How an unexpected failure is worded on the single {@code error:} line: a host function's
     * exception, or the JVM running out of stack or memory.
     */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof StackOverflowError) return "call stack exhausted";
        if (e instanceof OutOfMemoryError) return "out of memory: " + m;
        return m == null || m.isBlank() ? e.getClass().getName() : m;
    }
}
