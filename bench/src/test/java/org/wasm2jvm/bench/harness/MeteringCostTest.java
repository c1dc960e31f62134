package org.wasm2jvm.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --metering-cost}: pairing and order of the forks, the figures, and one real run under JMH. */
class MeteringCostTest {
    private static final Path STANDIN = Path.of("src/test/resources/standin");

    @TempDir
    Path tmp;

    @Test
    void pairsForksInAlternatingOrderAndReportsThePairedMedian() throws Exception {
        List<String> calls = new ArrayList<>();
        // per round: off, on; the kernel "a" costs +10 %, +4 %, +5 %, "b" -2 % every round
        double[][] offMs = {{100, 50, 200}, {10, 10, 10}};
        double[][] onMs = {{110, 52, 210}, {9.8, 9.8, 9.8}};
        MeteringCost.ForkRunner fake = (prog, size, expected, metering, round) -> {
            calls.add(prog + " " + size + " " + expected + " " + (metering ? "on" : "off") + " " + round);
            int k = prog.equals("a") ? 0 : 1;
            return metering ? onMs[k][round] : offMs[k][round];
        };
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("a", 7);
        sizes.put("b", 9);
        sizes.put("c", 0);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<MeteringCost.Row> rows = new MeteringCost(new PrintStream(log, true, StandardCharsets.UTF_8), 3, fake)
                .measure(sizes, Map.of("a", 42));

        assertEquals(List.of("a 7 42 off 0", "a 7 42 on 0", "a 7 42 on 1", "a 7 42 off 1", "a 7 42 off 2", "a 7 42 on 2",
                "b 9  off 0", "b 9  on 0", "b 9  on 1", "b 9  off 1", "b 9  off 2", "b 9  on 2"), calls);
        assertEquals(3, rows.size());
        MeteringCost.Row a = rows.get(0);
        assertEquals(List.of(100.0, 50.0, 200.0), a.off());
        assertEquals(List.of(110.0, 52.0, 210.0), a.on());
        assertEquals(0.05, a.pairedCost(), 1e-9);               // median of 1.10, 1.04, 1.05
        assertEquals(110.0 / 100.0 - 1, a.onMedian() / a.offMedian() - 1, 1e-9);
        assertEquals(-0.02, rows.get(1).pairedCost(), 1e-9);
        assertTrue(rows.get(1).note().contains("not checked"), rows.get(1).note());
        assertTrue(rows.get(2).off().isEmpty() && rows.get(2).note().contains("no kernel size"));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("metering cost: b (size 9), round 2 of 3, metering on"));

        String table = MeteringCost.table(rows, 3, "Some VM 1.2");
        assertTrue(table.contains("| a | 7 | 100.00 | 110.00 | +5.0 % [+4.0 %, +10.0 %] | +10.0 % | 100.0, 50.0, 200.0 | "
                + "110.0, 52.0, 210.0 |"), table);
        assertTrue(table.contains("| b | 9 | 10.00 | 9.80 | -2.0 % [-2.0 %, -2.0 %] | -2.0 % |"), table);
        assertTrue(table.contains("| c | 0 | – |"), table);
        assertTrue(table.contains("3 rounds per kernel on Some VM 1.2"), table);
        assertTrue(table.contains("Within the aim of at most +5 % (paired cost): 2 of 2 kernels."), table);
    }

    @Test
    void aKernelThatFailsIsReportedAndTheOthersStillRun() throws Exception {
        MeteringCost.ForkRunner fake = (prog, size, expected, metering, round) -> {
            if (prog.equals("bad") && metering) throw new IOException("checksum changed to 3");
            return metering ? 12.0 : 10.0;
        };
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("bad", 1);
        sizes.put("good", 1);
        List<MeteringCost.Row> rows = new MeteringCost(new PrintStream(new ByteArrayOutputStream()), 2, fake)
                .measure(sizes, Map.of());
        assertTrue(rows.get(0).off().isEmpty() && rows.get(0).note().equals("checksum changed to 3"), rows.get(0).toString());
        assertEquals(0.2, rows.get(1).pairedCost(), 1e-9);
        String table = MeteringCost.table(rows, 2, "VM");
        assertTrue(table.contains("| bad | 1 | – | – | – | – | – | – | checksum changed to 3 |"), table);
        assertTrue(table.contains("Within the aim of at most +5 % (paired cost): 0 of 1 kernels."), table);
    }

    @Test
    void options() {
        BenchOptions o = BenchOptions.parse("--metering-cost", "--rounds", "3");
        assertTrue(o.meteringCost);
        assertEquals(3, o.effectiveRounds());
        assertEquals(5, BenchOptions.parse("--metering-cost").effectiveRounds());
        assertEquals(2, BenchOptions.parse("--metering-cost", "--quick").effectiveRounds());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--rounds", "0"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--rounds", "x"));
    }

    /** One round on the stand-in kernel under real JMH forks, checked against the native checksum. */
    @Test
    void runsPairedJmhForksOfTheStandInKernel() throws Exception {
        Path natives = Files.createDirectories(tmp.resolve("native"));
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", natives.resolve("sum").toString(),
                STANDIN.resolve("src/sum.c").toString()).inheritIO().start();
        assertEquals(0, gcc.waitFor(), "gcc sum");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            status = BenchMain.run(new PrintStream(log, true, StandardCharsets.UTF_8), "--metering-cost", "--quick",
                    "--rounds", "1", "--only", "sum", "--manifest", STANDIN.resolve("benchmarks.tsv").toString(),
                    "--wasm-dir", STANDIN.resolve("wasm").toString(), "--native-dir", natives.toString(),
                    "--out", tmp.resolve("out").toString());
        } finally {
            System.setOut(stdout);
        }
        String progress = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, progress);
        assertTrue(progress.contains("metering cost: sum (size 20000), round 1 of 1, metering off"), progress);
        assertTrue(progress.contains("metering.md"), progress);
        Path dir;
        try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
            dir = s.filter(p -> p.getFileName().toString().matches("\\d{8}T\\d{6}Z")).findFirst().orElseThrow();
        }
        String md = Files.readString(dir.resolve("metering.md"));
        assertEquals(md, printed.toString(StandardCharsets.UTF_8));
        Matcher m = Pattern.compile("\\| sum \\| 20000 \\| ([0-9.]+) \\| ([0-9.]+) \\| [-+][0-9.]+ % ").matcher(md);
        assertTrue(m.find(), md);
        assertTrue(Double.parseDouble(m.group(1)) > 0 && Double.parseDouble(m.group(2)) > 0, md);
        assertTrue(md.contains("1 of 1 kernels") || md.contains("0 of 1 kernels"), md);
        // the metered fork really ran metered code: JMH's output names the parameter
        String onLog = Files.readString(dir.resolve("work/jmh-metering-sum-1-on.txt"));
        assertTrue(onLog.contains("metering = true") || onLog.contains("(metering = true"), onLog);
    }
}
