package org.wasm2jvm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.compiler.inspect.JsonReport;
import org.wasm2jvm.compiler.inspect.ModuleInspector;
import org.wasm2jvm.compiler.inspect.ModuleReport;
import org.wasm2jvm.compiler.inspect.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inspect [--json] MODULE}: sections and their sizes, counts, the largest functions,
 * imports and exports, the producers and target features, and the linear memory layout.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Shows what a WebAssembly module (.wasm or .wat) contains and how it lays out its memory."})
final class InspectSubcommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "MODULE", description = "A .wasm or .wat file.")
    Path module;

    private final Console console;

    InspectSubcommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        byte[] bytes = RunSubcommand.read(module);
        ModuleReport report;
        try {
            report = ModuleInspector.inspect(bytes);
        } catch (ModuleException e) {
            throw new CliException(module + ": malformed module: " + e.getMessage(), ExitCodes.ERROR, e);
        }
        String name = module.getFileName() == null ? module.toString() : module.getFileName().toString();
        console.out().print(json ? JsonReport.render(module.toString(), report) : TextReport.render(name, report));
        console.out().flush();
        return ExitCodes.OK;
    }
}
