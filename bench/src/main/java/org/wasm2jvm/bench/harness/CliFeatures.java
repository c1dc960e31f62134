package org.wasm2jvm.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the wasm2jvm CLI jar at hand supports, read from its {@code --help} texts, so the harness
 * works before and after the {@code --compile}, {@code compile} and {@code --stats} features land.
 *
 * @param present        whether the jar exists and answers
 * @param compileModes   {@code run --compile=lazy|eager}
 * @param compileCommand the {@code compile} subcommand (AOT jars)
 * @param stats          {@code run --stats=json}
 */
public record CliFeatures(boolean present, boolean compileModes, boolean compileCommand, boolean stats) {

    public static CliFeatures probe(Path cliJar) {
        if (cliJar == null || !Files.isRegularFile(cliJar)) return new CliFeatures(false, false, false, false);
        String top = help(List.of(HarnessPaths.java(), "-jar", cliJar.toString(), "--help"));
        String run = help(List.of(HarnessPaths.java(), "-jar", cliJar.toString(), "run", "--help"));
        if (top == null || run == null) return new CliFeatures(false, false, false, false);
        return new CliFeatures(true, run.contains("--compile"), top.matches("(?s).*\\bcompile\\b.*"),
                run.contains("--stats"));
    }

    private static String help(List<String> command) {
        try {
            ProcessTimer.Outcome o = ProcessTimer.run(command, null, null, 60_000_000_000L);
            return o.stdoutHead() + o.stderrTail();
        } catch (Exception e) {
            return null;
        }
    }
}
