package org.wasm2jvm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wasm2jvm.compiler.wast.FileResult;
import org.wasm2jvm.compiler.wast.WastRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wast FILE...}: runs spec test scripts and reports per-file and total counts. */
@Command(name = "wast", mixinStandardHelpOptions = true, description = "Runs WebAssembly script files (.wast) as the spec interpreter does.")
final class WastSubcommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Script files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--stack-size", defaultValue = "256m", converter = ByteSize.class, paramLabel = "SIZE",
            description = "Stack size of the thread each script runs on (default: ${DEFAULT-VALUE}).")
    long stackSize;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Time limit of one command (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--print", description = "Show what the spectest print functions print.")
    boolean print;

    @Mixin
    VerboseOption verbose;

    private final Console console;

    WastSubcommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Logger log = LoggerFactory.getLogger(WastSubcommand.class);
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new CliException("cannot read " + f + ": no such file", ExitCodes.ERROR);
        }
        WastRunner runner = WastRunner.builder()
                .stackSize(stackSize)
                .commandTimeout(Duration.ofSeconds(timeoutSeconds))
                .spectestOut(print ? console.out() : null)
                .verbose(console.verbose() ? console.out() : null)
                .build();
        List<FileResult> results = new ArrayList<>();
        for (Path f : files) {
            long start = System.nanoTime();
            FileResult r = runner.runFile(f, f.toString());
            log.debug("{} took {} ms", f, (System.nanoTime() - start) / 1_000_000);
            results.add(r);
            console.out().println(r.summary());
        }
        if (console.verbose()) {
            long mismatches = results.stream().mapToLong(FileResult::messageMismatches).sum();
            console.out().println("error message mismatches (counted as passed): " + mismatches);
        }
        console.out().println(FileResult.total(results));
        long failed = results.stream().mapToLong(FileResult::failed).sum();
        return failed == 0 ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
