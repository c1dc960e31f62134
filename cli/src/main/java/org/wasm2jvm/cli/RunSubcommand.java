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
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.LinkException;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.TrapException;
import org.wasm2jvm.api.WasmFunction;
import org.wasm2jvm.api.WasmModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run --invoke FUNC MODULE [ARG...]}: instantiate a module without imports and call one export. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Instantiates a module (binary or text, no imports) and calls an exported function.")
final class RunSubcommand implements Callable<Integer> {
    @Option(names = "--invoke", required = true, paramLabel = "FUNC", description = "The exported function to call.")
    String invoke;

    @Option(names = "--stack-size", defaultValue = "512m", converter = ByteSize.class, paramLabel = "SIZE",
            description = "Stack size of the thread the guest runs on (default: ${DEFAULT-VALUE}).")
    long stackSize;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "MODULE", description = "A .wasm or .wat file.")
    Path module;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments, read as the function's parameter types.")
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
        WasmModule compiled = compile(module, bytes);
        log.debug("compiled {} ({} bytes) in {} ms", module, bytes.length, (System.nanoTime() - start) / 1_000_000);
        Object[] results = GuestThread.call(() -> {
            Instance instance = instantiate(compiled);
            WasmFunction f = export(instance);
            Object[] argv = arguments(f.type());
            log.debug("calling {}{}", invoke, f.type());
            try {
                return f.call(argv);
            } catch (TrapException e) {
                throw new CliException(e.getMessage(), ExitCodes.TRAP, e);
            }
        }, stackSize);
        for (Object r : results) console.out().println(CliValues.format(r));
        return ExitCodes.OK;
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

    static WasmModule compile(Path file, byte[] bytes) {
        try {
            return WasmModule.compile(bytes);
        } catch (ModuleException e) {
            String kind = e.kind() == ModuleException.Kind.MALFORMED ? "malformed" : "invalid";
            throw new CliException(file + ": " + kind + " module: " + e.getMessage(), ExitCodes.ERROR, e);
        }
    }

    private Instance instantiate(WasmModule compiled) {
        try {
            return compiled.instantiate(Imports.empty());
        } catch (LinkException e) {
            throw new CliException(module + ": unlinkable: " + e.getMessage(), ExitCodes.ERROR, e);
        } catch (TrapException e) {
            throw new CliException(e.getMessage(), ExitCodes.TRAP, e);
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
