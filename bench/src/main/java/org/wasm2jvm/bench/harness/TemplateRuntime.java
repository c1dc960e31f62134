package org.wasm2jvm.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A runtime given as a command template, for wasmtime, wasmer, wasmedge, iwasm, wasmi, wazero or
 * anything else. In {@code NAME.command}, {@code {wasm}} is the module, {@code {args}} the
 * program's arguments and {@code {dir}} the preopen option {@code NAME.dir} (in which
 * {@code {host}} and {@code {guest}} are the two paths), or nothing when the run needs no data
 * directory. Templates are split on spaces before substitution, so paths with spaces stay one
 * argument. The runtime is available when the template's first word is an executable.
 */
public final class TemplateRuntime implements Runtime {
    private final String name;
    private final String command;
    private final String dir;
    private final HarnessPaths paths;

    public TemplateRuntime(String name, String command, String dir, HarnessPaths paths) {
        this.name = name;
        this.command = command.strip();
        this.dir = dir == null ? "" : dir.strip();
        this.paths = paths;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String unavailableReason() {
        String exe = words(command).get(0);
        return HarnessPaths.onPath(exe) == null ? exe + " not on the PATH" : null;
    }

    @Override
    public List<String> command(BenchRun run) {
        Map<String, String> one = Map.of("{wasm}", paths.wasm(run.prog()).toString(),
                "{host}", String.valueOf(paths.dataDir()), "{guest}", BenchRun.GUEST_DATA);
        List<String> dirWords = run.needsData() ? expand(dir, one, List.of(), List.of()) : List.of();
        return expand(command, one, dirWords, run.args(BenchRun.GUEST_DATA));
    }

    /** Expands a template: whole-word {@code {dir}} and {@code {args}} become lists, other placeholders are replaced inside words. */
    static List<String> expand(String template, Map<String, String> one, List<String> dirWords, List<String> args) {
        List<String> out = new ArrayList<>();
        for (String w : words(template)) {
            if (w.equals("{dir}")) {
                out.addAll(dirWords);
            } else if (w.equals("{args}")) {
                out.addAll(args);
            } else {
                for (Map.Entry<String, String> e : one.entrySet()) w = w.replace(e.getKey(), e.getValue());
                out.add(w);
            }
        }
        return out;
    }

    private static List<String> words(String template) {
        List<String> w = new ArrayList<>();
        for (String s : template.split("\\s+")) if (!s.isEmpty()) w.add(s);
        if (w.isEmpty()) w.add("");
        return w;
    }

    @Override
    public Baseline baseline() {
        return Baseline.NONE;
    }

    @Override
    public String description() {
        Path exe = HarnessPaths.onPath(words(command).get(0));
        return "template: " + command + (dir.isEmpty() ? "" : " (dir: " + dir + ")") + (exe == null ? "" : " [" + exe + "]");
    }
}
