package org.wasm2jvm.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
    @Test
    void readsEveryColumn() {
        List<BenchRun> runs = Manifest.parse(List.of(
                "# name\tprog\tgroup\targs\tstdin\tdir\truns\tkernel",
                "",
                "knn\tknn\tstudy\t{data}/iris.csv|8\t-\tdata\t100\tyes",
                "aes\taes\tstudy\t-\tmessage.txt\tdata\t100\t-",
                "matmul\tmatmul\tscaled\t2000\t-\t-\t5\t300"), "m.tsv");
        assertEquals(3, runs.size());
        BenchRun knn = runs.get(0);
        assertEquals("knn", knn.name());
        assertEquals(List.of("{data}/iris.csv", "8"), knn.args());
        assertEquals(List.of("/data/iris.csv", "8"), knn.args(BenchRun.GUEST_DATA));
        assertTrue(knn.needsData());
        assertNull(knn.stdin());
        assertEquals(100, knn.runs());
        assertTrue(knn.kernel());
        assertEquals(0, knn.kernelSize());
        BenchRun aes = runs.get(1);
        assertEquals(List.of(), aes.args());
        assertEquals("message.txt", aes.stdin());
        assertFalse(aes.kernel());
        BenchRun matmul = runs.get(2);
        assertEquals("scaled", matmul.group());
        assertFalse(matmul.needsData());
        assertEquals(300, matmul.kernelSize());
    }

    @Test
    void keepsEmptyArguments() {
        BenchRun r = Manifest.parse(List.of("a\tp\tstudy\tx||y\t-\t-\t1\t-"), "m").get(0);
        assertEquals(List.of("x", "", "y"), r.args());
    }

    @Test
    void rejectsMalformedLinesWithTheirLineNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Manifest.parse(List.of("# c", "a\tp\tstudy\t-\t-\t-\t1"), "m.tsv"));
        assertTrue(e.getMessage().startsWith("m.tsv:2:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(List.of("a\tp\tlarge\t-\t-\t-\t1\t-"), "m"));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(List.of("a\tp\tstudy\t-\t-\thome\t1\t-"), "m"));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(List.of("a\tp\tstudy\t-\t-\t-\tmany\t-"), "m"));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(
                List.of("a\tp\tstudy\t-\t-\t-\t1\t-", "a\tq\tstudy\t-\t-\t-\t1\t-"), "m"));
    }
}
