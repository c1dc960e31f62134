package org.wasm2jvm.wasi.programs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code testdata/bench/benchmarks.tsv}: a benchmark run (the column meanings are in
 * the file's header). {@code args} still holds the {@code {data}} placeholder.
 */
record BenchRun(String name, String prog, String group, List<String> args, String stdin, boolean dataDir, int runs,
        boolean kernel) {
    static final String DATA = "{data}";
    private static final String KERNEL_SIZE = "# kernel-size\t";

    static List<BenchRun> readManifest(Path tsv) throws IOException {
        List<BenchRun> runs = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 8) throw new IllegalArgumentException(tsv + ":" + lineNo + ": expected 8 columns, got " + f.length);
            List<String> args = f[3].equals("-") ? List.of() : Arrays.asList(f[3].split("\\|", -1));
            if (!f[7].equals("yes") && !f[7].equals("no")) throw new IllegalArgumentException(tsv + ":" + lineNo + ": kernel must be yes or no");
            if (!f[5].equals("data") && !f[5].equals("-")) throw new IllegalArgumentException(tsv + ":" + lineNo + ": dir must be data or -");
            runs.add(new BenchRun(f[0], f[1], f[2], List.copyOf(args), f[4].equals("-") ? null : f[4], f[5].equals("data"),
                    Integer.parseInt(f[6]), f[7].equals("yes")));
        }
        return runs;
    }

    /** The {@code # kernel-size<TAB>prog<TAB>SIZE} comment lines: prog to bench_kernel size. */
    static Map<String, Integer> readKernelSizes(Path tsv) throws IOException {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (!line.startsWith(KERNEL_SIZE)) continue;
            String[] f = line.substring(KERNEL_SIZE.length()).split("\t");
            sizes.put(f[0], Integer.parseInt(f[1]));
        }
        return sizes;
    }

    /** This run with other arguments (the test's smaller sizes). */
    BenchRun withArgs(List<String> newArgs) {
        return new BenchRun(name, prog, group, List.copyOf(newArgs), stdin, dataDir, runs, kernel);
    }

    /** argv[1..] with {@code {data}} replaced by {@code dataPath}. */
    List<String> argsWithData(String dataPath) {
        return args.stream().map(a -> a.replace(DATA, dataPath)).toList();
    }
}
