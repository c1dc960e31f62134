package org.wasm2jvm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wasm2jvm.compiler.cache.ClassCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code cache clean|dir|info}: the cache of compiled classes that lets a second {@code run} of
 * a module skip code generation. Its directory is {@code $WASM2JVM_CACHE_DIR}, else
 * {@code $XDG_CACHE_HOME/wasm2jvm}, else {@code ~/.cache/wasm2jvm}.
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Manages the cache of compiled classes.",
            "clean: delete every entry; dir: print the cache directory; info: print the directory, entry count and size."})
final class CacheSubcommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "clean, dir or info")
    String action;

    @Mixin
    VerboseOption verbose;

    private final Console console;

    CacheSubcommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        ClassCache cache = ClassCache.user();
        try {
            switch (action) {
                case "clean" -> {
                    int n = cache.clean();
                    console.out().println("deleted " + n + " cache entr" + (n == 1 ? "y" : "ies") + " from " + cache.directory());
                }
                case "dir" -> console.out().println(cache.directory());
                case "info" -> {
                    List<Path> entries = cache.entries();
                    long bytes = 0;
                    for (Path p : entries) bytes += Files.size(p);
                    console.out().println(cache.directory() + ": " + entries.size() + " entr"
                            + (entries.size() == 1 ? "y" : "ies") + ", " + bytes + " bytes");
                }
                default -> throw new CliException("unknown cache action '" + action + "' (clean, dir, info)", ExitCodes.USAGE);
            }
        } catch (IOException e) {
            throw new CliException("cache " + action + ": " + e.getMessage(), ExitCodes.ERROR, e);
        }
        console.out().flush();
        return ExitCodes.OK;
    }
}
