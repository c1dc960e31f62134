package org.wasm2jvm.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Stack;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.MemoryInstance;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.compiler.WasmCompiler;
import org.wasm2jvm.compiler.inspect.JsonWriter;
import org.wasm2jvm.compiler.validate.ModuleValidator;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.wasi.WasiCallStats;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code run --stats}: times the phases of a run (parse, validate, compile, instantiate, run),
 * and after the guest exits prints them to stderr with the memory's peak size, the number of
 * {@code memory.grow} calls and a table of the WASI calls the guest made. Only created when
 * {@code --stats} is given: without it {@code run} takes its usual path and no WASI function is
 * wrapped.
 */
final class RunStats implements org.wasm2jvm.wasi.launch.CommandRunner.Observer {
    enum Phase {
        PARSE("parse"), VALIDATE("validate"), COMPILE("compile"), WASI_SETUP("wasi setup"), INSTANTIATE("instantiate"),
        RUN("run");

        final String label;

        Phase(String label) {
            this.label = label;
        }

        String jsonName() {
            return label.replace(" s", "S") + "Nanos";
        }
    }

    /**
     * Makes {@code --stats} take a format only when attached ({@code --stats=json}): a bare
     * {@code --stats} must not swallow the module path that follows it.
     */
    static final class OptionValue implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec spec, ArgSpec option, Map<String, Object> info) {
            if (!"=".equals(info.get("separator"))) args.push("text");
            return false;
        }
    }

    private final boolean json;
    private final WasiCallStats wasi = new WasiCallStats();
    private final long[] nanos = new long[Phase.values().length];
    private long lapStart = System.nanoTime();
    private int definedFunctions;
    /** Functions turned into bytecode by the end of the run (in lazy mode, fewer than defined). */
    private int functionsCompiled;
    private MemoryInstance memory;
    private WasmModule compiledModule;

    private RunStats(boolean json) {
        this.json = json;
    }

    /** The statistics for {@code --stats[=FORMAT]}, or null when the option was not given. */
    static RunStats of(String format) {
        if (format == null) return null;
        return switch (format) {
            case "text" -> new RunStats(false);
            case "json" -> new RunStats(true);
            default -> throw new CliException("--stats takes text or json, got " + format, ExitCodes.USAGE);
        };
    }

    /** What {@code WasmModule.compile} does, with each phase timed. */
    WasmModule compile(Path file, byte[] bytes, CompileOptions options) {
        lapStart = System.nanoTime();
        try {
            Module module = WasmCompiler.decode(bytes);
            lap(Phase.PARSE);
            ModuleValidator.validate(module);
            lap(Phase.VALIDATE);
            WasmModule compiled = WasmCompiler.compileValidated(module, options);
            lap(Phase.COMPILE);
            definedFunctions = module.functions.size();
            functionsCompiled = definedFunctions;
            compiledModule = compiled;
            return compiled;
        } catch (ModuleException e) {
            String kind = e.kind() == ModuleException.Kind.MALFORMED ? "malformed" : "invalid";
            throw new CliException(file + ": " + kind + " module: " + e.getMessage(), ExitCodes.ERROR, e);
        }
    }

    /** Where the WASI calls are counted: pass to {@code WasiConfig.Builder.callStats}. */
    WasiCallStats wasiCalls() {
        return wasi;
    }

    /** Ends the WASI setup phase: the preview1 functions made (and wrapped for counting), the guest thread started. */
    @Override
    public void wasiReady() {
        lap(Phase.WASI_SETUP);
    }

    /** Ends the instantiate phase and notes the memory. */
    @Override
    public void instantiated(Instance instance) {
        lap(Phase.INSTANTIATE);
        if (instance.exports().get("memory") instanceof MemoryInstance m) memory = m;
    }

    /** Ends the run phase and prints everything to {@code err}. */
    void finish(PrintStream err) {
        lap(Phase.RUN);
        // in lazy mode, the functions the run called (and their class-mates) are all that was compiled
        if (compiledModule instanceof org.wasm2jvm.runtime.CompiledModule cm) functionsCompiled = cm.compiledFunctionCount();
        err.print(json ? json() : text());
        err.flush();
    }

    private void lap(Phase phase) {
        long now = System.nanoTime();
        nanos[phase.ordinal()] = now - lapStart;
        lapStart = now;
    }

    long nanos(Phase phase) {
        return nanos[phase.ordinal()];
    }

    String text() {
        StringBuilder sb = new StringBuilder("wasm2jvm run statistics\n");
        for (Phase p : Phase.values()) {
            String extra = switch (p) {
                case COMPILE -> String.format(Locale.ROOT, "  (%d of %d functions compiled)", functionsCompiled,
                        definedFunctions);
                case WASI_SETUP -> "  (with the counting wrappers --stats adds)";
                default -> "";
            };
            sb.append(String.format(Locale.ROOT, "  %-12s %10s%s%n", p.label, millis(nanos(p)), extra));
        }
        if (memory != null) {
            sb.append(String.format(Locale.ROOT, "memory: peak %d pages (%,d bytes), %d memory.grow calls%n",
                    memory.pages(), memory.byteSize(), memory.growCalls()));
        } else {
            sb.append("memory: none exported\n");
        }
        sb.append(String.format(Locale.ROOT, "WASI calls: %,d%n", wasi.totalCalls()));
        if (!wasi.entries().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "  %-22s %9s %12s %13s %10s%n", "function", "calls", "bytes read",
                    "bytes written", "time"));
            for (WasiCallStats.Entry e : wasi.entries()) {
                sb.append(String.format(Locale.ROOT, "  %-22s %,9d %,12d %,13d %10s%n", e.function(), e.calls(),
                        e.bytesRead(), e.bytesWritten(), millis(e.nanos())));
            }
        }
        return sb.toString();
    }

    String json() {
        JsonWriter j = new JsonWriter().beginObject();
        j.name("phases").beginObject();
        for (Phase p : Phase.values()) j.member(p.jsonName(), nanos(p));
        j.endObject();
        j.name("functions").beginObject().member("defined", definedFunctions).member("compiled", functionsCompiled)
                .endObject();
        j.name("memory");
        if (memory == null) {
            j.value((String) null);
        } else {
            j.beginObject().member("peakPages", memory.pages()).member("growCalls", memory.growCalls()).endObject();
        }
        j.name("wasi").beginObject().member("totalCalls", wasi.totalCalls()).name("functions").beginArray();
        for (WasiCallStats.Entry e : wasi.entries()) {
            j.beginObject().member("function", e.function()).member("calls", e.calls()).member("nanos", e.nanos())
                    .member("bytesRead", e.bytesRead()).member("bytesWritten", e.bytesWritten()).endObject();
        }
        j.endArray().endObject();
        return j.endObject().toString();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
