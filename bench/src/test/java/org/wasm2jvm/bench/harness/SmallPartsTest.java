package org.wasm2jvm.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsers and arithmetic of the harness: options, budget, strace and kernel output, WASI stats. */
class SmallPartsTest {
    @Test
    void parsesOptions() {
        BenchOptions o = BenchOptions.parse("--quick", "--budget", "90s", "--only=quicksort,fasta-small", "--runs", "7");
        assertTrue(o.quick);
        assertEquals(Duration.ofSeconds(90), o.effectiveBudget());
        assertEquals(List.of("quicksort", "fasta-small"), o.only);
        assertEquals(7, o.runsFor(new BenchRun("a", "a", "study", List.of(), null, false, 100, false, 0)));
        BenchOptions quick = BenchOptions.parse("--quick");
        assertEquals(3, quick.runsFor(new BenchRun("a", "a", "study", List.of(), null, false, 100, false, 0)));
        assertEquals(Duration.ofMinutes(5), quick.effectiveBudget());
        assertEquals(false, quick.effectiveKernels());
        assertEquals(Duration.ofMinutes(30), BenchOptions.parse().effectiveBudget());
        assertEquals(Duration.ofHours(1), BenchOptions.duration("1h"));
        assertEquals(Duration.ofMillis(500), BenchOptions.duration("500ms"));
        assertEquals("unknown option --bogus",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--bogus")).getMessage());
        assertEquals("unexpected argument x", assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--runs", "0"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--budget"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.duration("soon"));
    }

    @Test
    void quickSelectsTheStudysSmallRuns() {
        List<BenchRun> all = List.of(new BenchRun("a", "p", "small", List.of(), null, false, 1, false, 0),
                new BenchRun("b", "p", "scaled", List.of(), null, false, 1, false, 0),
                new BenchRun("c", "q", "small", List.of(), null, false, 1, false, 0),
                new BenchRun("d", "q", "study", List.of(), null, false, 1, false, 0));
        assertEquals(List.of("a", "c"), BenchMain.select(all, BenchOptions.parse("--quick")).stream().map(BenchRun::name).toList());
        assertEquals(List.of("a", "b"), BenchMain.select(all, BenchOptions.parse("--only", "p")).stream().map(BenchRun::name).toList());
        assertEquals(List.of("b"), BenchMain.select(all, BenchOptions.parse("--group", "scaled")).stream().map(BenchRun::name).toList());
    }

    @Test
    void budgetSharesShrinkRunsOfSlowPairs() {
        BudgetPlanner p = new BudgetPlanner(100_000, 4, 0);
        assertEquals(25_000, p.nextShare(0));
        assertEquals(30_000, p.nextShare(10_000));      // the first pair used less than its share
        assertEquals(100, BudgetPlanner.plannedRuns(30_000, 10, 100));
        assertEquals(3, BudgetPlanner.plannedRuns(30_000, 10_000, 100));
        assertEquals(1, BudgetPlanner.plannedRuns(30_000, 90_000, 100));  // slower than its share: one run only
        assertEquals(BudgetPlanner.MIN_TIMEOUT_NANOS, BudgetPlanner.timeout(1));
        assertEquals(120_000_000_000L, BudgetPlanner.timeout(60_000_000_000L));
    }

    @Test
    void readsStraceSummaryTotal() {
        List<String> summary = List.of(
                "% time     seconds  usecs/call     calls    errors syscall",
                "------ ----------- ----------- --------- --------- ----------------",
                " 60.00    0.000600          10        60         3 openat",
                "100.00    0.001000           7       142         5 total");
        assertEquals(142, SyscallCounter.total(summary));
        assertEquals(38, SyscallCounter.total(List.of("100.00    0.000000           0        38 total")));
        assertEquals(-1, SyscallCounter.total(List.of("strace: exec failed")));
    }

    @Test
    void readsNativeKernelOutput() {
        NativeKernel.Result r = NativeKernel.parse("8994343 28013.4\n");
        assertEquals(8994343, r.checksum());
        assertEquals(28013.4, r.nsPerCall());
        assertEquals(-5, NativeKernel.parse("checksum -5\nmean 1.5e3 ns/call").checksum());
        assertEquals(-1, NativeKernel.parse("4294967295 10").checksum()); // unsigned print of an i32
        assertThrows(IllegalArgumentException.class, () -> NativeKernel.parse("nothing"));
    }

    @Test
    void findsWasiCallsInStatsJson() {
        // the shape `run --stats=json` prints (cli RunStats)
        Map<String, Long> calls = WasiCallStats.parse("{\"phases\":{\"runNanos\":5},\"wasi\":{\"totalCalls\":16,\"functions\":["
                + "{\"function\":\"fd_write\",\"calls\":12,\"nanos\":9,\"bytesRead\":0,\"bytesWritten\":76},"
                + "{\"function\":\"proc_exit\",\"calls\":1,\"nanos\":1,\"bytesRead\":0,\"bytesWritten\":0},"
                + "{\"function\":\"path_open\", \"calls\": 3,\"nanos\":99,\"bytesRead\":0,\"bytesWritten\":0}]}}");
        assertEquals(Map.of("fd_write", 12L, "proc_exit", 1L, "path_open", 3L), calls);
    }

    @Test
    void timestampsAreUtcAndSortable() {
        ZonedDateTime t = ZonedDateTime.of(2025, 3, 4, 23, 5, 6, 0, ZoneId.of("Europe/Paris"));
        assertEquals("20250304T220506Z", BenchMain.timestamp(t));
    }

    @Test
    void runtimeFilterTakesPrefixes() {
        assertTrue(Harness.matches("wasm2jvm*", "wasm2jvm-eager"));
        assertTrue(Harness.matches("node", "node"));
        assertEquals(false, Harness.matches("wasm2jvm", "wasm2jvm-eager"));
    }
}
