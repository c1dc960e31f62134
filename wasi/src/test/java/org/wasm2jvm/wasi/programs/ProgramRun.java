package org.wasm2jvm.wasi.programs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One line of {@code testdata/programs.tsv}: how to run a test program and what it must do.
 * The column meanings are documented in the manifest's header; crosscheck-node.mjs reads the
 * same file, so both harnesses set up and check a run identically.
 */
record ProgramRun(String name, String wasm, List<String> args, Map<String, String> env, String stdin,
                  List<String> preopens, List<String> setup, String exit, List<String> checks, String node) {

    /** The preopens value standing for a listening TCP socket instead of directories. */
    static final String TCP_LISTENER = "tcp-listener";

    static List<ProgramRun> readManifest(Path tsv) throws IOException {
        List<ProgramRun> runs = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] c = line.split("\t", -1);
            if (c.length != 10) throw new IllegalArgumentException("programs.tsv: expected 10 columns: " + line);
            Map<String, String> env = new LinkedHashMap<>();
            for (String kv : list(c[3])) env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            runs.add(new ProgramRun(c[0], c[1], list(c[2]), env, c[4].equals("-") ? "" : unescape(c[4]),
                    list(c[5]), list(c[6]), c[7], list(c[8]), c[9]));
        }
        return runs;
    }

    boolean usesTcpListener() {
        return preopens.contains(TCP_LISTENER);
    }

    /** Creates the files, directories and symlinks of the setup column under {@code root}. */
    void setUp(Path root) throws IOException {
        for (String action : setup) {
            String kind = action.substring(0, action.indexOf(':'));
            String rest = action.substring(action.indexOf(':') + 1);
            int eq = rest.indexOf('=');
            Path target = root.resolve(eq < 0 ? rest : rest.substring(0, eq));
            String value = eq < 0 ? "" : rest.substring(eq + 1);
            Files.createDirectories(target.getParent());
            switch (kind) {
                case "dir" -> Files.createDirectories(target);
                case "file" -> Files.writeString(target, value, StandardCharsets.UTF_8);
                case "symlink" -> Files.createSymbolicLink(target, Path.of(value.replace("{root}", root.toString())));
                default -> throw new IllegalArgumentException("unknown setup action " + action);
            }
        }
    }

    /** The check column's findings after the run: empty when the host tree is as expected. */
    List<String> check(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String check : checks) {
            String kind = check.substring(0, check.indexOf(':'));
            String rest = check.substring(check.indexOf(':') + 1);
            if (kind.equals("absent")) {
                if (Files.exists(root.resolve(rest), java.nio.file.LinkOption.NOFOLLOW_LINKS)) problems.add(rest + " exists");
            } else if (kind.equals("file")) {
                Path p = root.resolve(rest.substring(0, rest.indexOf('=')));
                String want = rest.substring(rest.indexOf('=') + 1);
                String got = Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
                if (!want.equals(got)) problems.add(p + " holds " + got + ", expected " + want);
            } else {
                problems.add("unknown check " + check);
            }
        }
        return problems;
    }

    /** Deletes a run's temp dir without following the symlinks the setup planted in it. */
    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private static List<String> list(String column) {
        return column.equals("-") ? List.of() : Arrays.asList(column.split("\\|", -1));
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                b.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
