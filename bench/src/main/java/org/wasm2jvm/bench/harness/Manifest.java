package org.wasm2jvm.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the benchmark manifest: TAB-separated {@code name prog group args stdin dir runs kernel},
 * {@code -} for an empty field, {@code #} starts a comment line, args split on {@code |}.
 */
public final class Manifest {
    private Manifest() {
    }

    public static List<BenchRun> read(Path file) throws IOException {
        return parse(Files.readAllLines(file), file.toString());
    }

    /** Parses manifest lines; {@code source} names the file in error messages. */
    public static List<BenchRun> parse(List<String> lines, String source) {
        List<BenchRun> runs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
            String where = source + ":" + (i + 1);
            String[] c = line.split("\t", -1);
            if (c.length != 8) throw new IllegalArgumentException(where + ": expected 8 TAB-separated columns, got " + c.length);
            for (int k = 0; k < c.length; k++) c[k] = c[k].strip();
            String group = c[2];
            if (!BenchRun.GROUPS.contains(group)) {
                throw new IllegalArgumentException(where + ": group must be small, study or scaled, got " + group);
            }
            List<String> args = empty(c[3]) ? List.of() : Arrays.asList(c[3].split("\\|", -1));
            boolean data = switch (c[5]) {
                case "-" -> false;
                case "data" -> true;
                default -> throw new IllegalArgumentException(where + ": dir must be data or -, got " + c[5]);
            };
            int runCount;
            try {
                runCount = empty(c[6]) ? 10 : Integer.parseInt(c[6]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": runs must be a number, got " + c[6]);
            }
            if (runCount < 1) throw new IllegalArgumentException(where + ": runs must be at least 1");
            boolean kernel = !empty(c[7]) && !c[7].equals("no");
            int kernelSize = kernel && c[7].matches("\\d+") ? Integer.parseInt(c[7]) : 0;
            if (!names.add(c[0])) throw new IllegalArgumentException(where + ": duplicate run name " + c[0]);
            runs.add(new BenchRun(c[0], c[1], group, args, empty(c[4]) ? null : c[4], data, runCount, kernel, kernelSize));
        }
        return runs;
    }

    private static boolean empty(String field) {
        return field.isEmpty() || field.equals("-");
    }
}
