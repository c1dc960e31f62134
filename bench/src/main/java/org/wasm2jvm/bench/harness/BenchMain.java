package org.wasm2jvm.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wasm2jvm bench}: the harness comparing runtimes on the benchmark programs. Prints
 * progress on stderr and writes results to {@code bench-results/<UTC timestamp>/}.
 * Exit status: 0 when it ran (failed pairs are results, not errors), 1 when it could not, 2 for
 * a bad command line.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.err, args));
    }

    /** Runs the harness; returns the exit status. Errors are one line on {@code err}. */
    public static int run(PrintStream err, String... args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(BenchOptions.USAGE);
            return 2;
        }
        if (options.help) {
            System.out.print(BenchOptions.USAGE);
            return 0;
        }
        try {
            Path dir = new Harness(options, err).run();
            err.println("results: " + dir.resolve(options.meteringCost ? "metering.md" : "results.md"));
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 1;
        }
    }

    /** The results folder name: the start time in UTC, sortable. */
    static String timestamp(ZonedDateTime t) {
        return t.withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    }

    /** Keeps only the runs the options select. */
    static List<BenchRun> select(List<BenchRun> all, BenchOptions o) {
        List<BenchRun> out = new ArrayList<>();
        for (BenchRun r : all) {
            if (o.quick && !o.meteringCost && o.group == null && !r.group().equals("small")) continue;
            if (o.group != null && !r.group().equals(o.group)) continue;
            if (!o.only.isEmpty() && !o.only.contains(r.prog()) && !o.only.contains(r.name())) continue;
            out.add(r);
        }
        return out;
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
