package org.wasm2jvm.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/** Builds the list of runtimes to compare, in table order: native, wasm2jvm, node, Chicory, then templates. */
public final class Runtimes {
    private Runtimes() {
    }

    /**
     * @param config    a user file of command templates ({@code --config}), or null
     * @param classpath a classpath holding this harness and Chicory for child JVMs
     */
    public static List<Runtime> discover(HarnessPaths paths, CliFeatures cli, Path config, String classpath)
            throws IOException {
        List<Runtime> all = new ArrayList<>();
        all.add(new NativeRuntime(paths));
        if (cli.compileModes()) {
            all.add(new Wasm2JvmRuntime(paths, cli, "lazy"));
            all.add(new Wasm2JvmRuntime(paths, cli, "eager"));
        } else {
            all.add(new Wasm2JvmRuntime(paths, cli, null));
        }
        all.add(new AotJarRuntime(paths, cli));
        all.add(new NodeRuntime(paths));
        all.add(new ChicoryRuntime(paths, "compiler", classpath));
        all.add(new ChicoryRuntime(paths, "interpreter", classpath));
        all.addAll(templates(loadTemplates(config), paths));
        return all;
    }

    /** The built-in templates, overlaid with the user's file. */
    public static Properties loadTemplates(Path config) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Runtimes.class.getResourceAsStream("runtimes.properties")) {
            p.load(in);
        }
        if (config != null) {
            try (Reader r = Files.newBufferedReader(config)) {
                p.load(r);
            }
        }
        return p;
    }

    /** One runtime per {@code NAME.command} with a non-empty template; built-in names first, in their file order. */
    public static List<Runtime> templates(Properties p, HarnessPaths paths) {
        Set<String> names = new LinkedHashSet<>(List.of("wasmtime", "wasmer", "wasmedge", "iwasm", "wasmi", "wazero"));
        p.stringPropertyNames().stream().filter(k -> k.endsWith(".command")).sorted()
                .forEach(k -> names.add(k.substring(0, k.length() - ".command".length())));
        List<Runtime> out = new ArrayList<>();
        for (String name : names) {
            String command = p.getProperty(name + ".command", "");
            if (command.isBlank()) continue;
            out.add(new TemplateRuntime(name, command, p.getProperty(name + ".dir"), paths));
        }
        return out;
    }
}
