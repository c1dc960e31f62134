package org.wasm2jvm.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code bench --quick}-style run on the stand-in programs (test resources {@code standin/}):
 * natives built with gcc, the wasm2jvm CLI jar the reactor packaged, and a configured
 * template runtime whose output is wrong on purpose; two runs each.
 */
class HarnessEndToEndTest {
    private static final Path STANDIN = Path.of("src/test/resources/standin");
    private static final Path CLI_JAR = Path.of("../cli/target/wasm2jvm.jar");

    @TempDir
    Path tmp;

    @Test
    void writesTablesChartAndSizes() throws Exception {
        assertTrue(Files.isRegularFile(CLI_JAR), CLI_JAR + " missing: run through the reactor (mvn verify)");
        Path natives = Files.createDirectories(tmp.resolve("native"));
        for (String prog : List.of("sum", "wc")) {
            Process gcc = new ProcessBuilder("gcc", "-O2", "-o", natives.resolve(prog).toString(),
                    STANDIN.resolve("src/" + prog + ".c").toString()).inheritIO().start();
            assertEquals(0, gcc.waitFor(), "gcc " + prog);
        }
        Path config = tmp.resolve("rt.properties");
        Files.writeString(config, "echo.command = echo {wasm} {args}\n");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = BenchMain.run(new PrintStream(log, true, StandardCharsets.UTF_8),
                "--manifest", STANDIN.resolve("benchmarks.tsv").toString(), "--wasm-dir", STANDIN.resolve("wasm").toString(),
                "--native-dir", natives.toString(), "--data-dir", STANDIN.resolve("data").toString(),
                "--cli-jar", CLI_JAR.toString(), "--config", config.toString(),
                "--runtimes", "native,wasm2jvm*,echo", "--runs", "2", "--no-kernels", "--no-syscalls",
                "--budget", "3m", "--out", tmp.resolve("out").toString());
        String progress = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, progress);

        Path dir;
        try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
            dir = s.filter(p -> p.getFileName().toString().matches("\\d{8}T\\d{6}Z")).findFirst().orElseThrow();
        }
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertTrue(csv.get(0).startsWith("benchmark,prog,group,runtime,status,runs,best_ms"));
        List<String[]> rows = csv.subList(1, csv.size()).stream().map(l -> l.split(",", -1)).toList();
        List<String> runNames = List.of("sum-small", "wc-data", "sum-scaled");
        for (String run : runNames) {
            String[] nat = row(rows, run, "native");
            assertEquals("OK", nat[4], String.join(",", nat));
            assertEquals("2", nat[5]);
            assertEquals("1.0000", nat[11]);
            String[] jvm = rows.stream().filter(r -> r[0].equals(run) && r[3].startsWith("wasm2jvm")
                    && !r[3].equals("wasm2jvm-aot")).findFirst().orElseThrow();
            assertEquals("OK", jvm[4], String.join(",", jvm));
            double best = Double.parseDouble(jvm[6]);
            double median = Double.parseDouble(jvm[7]);
            assertTrue(best > 0 && best <= median && median <= Double.parseDouble(jvm[9]) + 1e-9, String.join(",", jvm));
            assertEquals("FAILED", row(rows, run, "echo")[4]);   // prints its arguments, not the program's output
        }
        assertTrue(progress.contains("[1/"), progress);

        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("## Best execution times (ms)"), md);
        for (String run : runNames) assertTrue(md.contains("| " + run + " | "), md);
        assertTrue(md.matches("(?s).*\\| sum \\| \\d+ \\| `wasm2jvm/generated/.*"), md);   // the method-size check ran
        assertTrue(md.contains("No generated method is over 8000 bytes") || md.contains("over 8000 bytes: HotSpot"), md);
        String sizes = Files.readString(dir.resolve("sizes.md"));
        assertTrue(sizes.contains("| sum | " + String.format("%,d", Files.size(STANDIN.resolve("wasm/sum.wasm")))), sizes);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("chart.svg").toFile());
    }

    private static String[] row(List<String[]> rows, String run, String runtime) {
        return rows.stream().filter(r -> r[0].equals(run) && r[3].equals(runtime)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + run + "/" + runtime));
    }
}
