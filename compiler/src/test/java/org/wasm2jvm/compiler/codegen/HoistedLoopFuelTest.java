package org.wasm2jvm.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.CompileOptions;
import org.wasm2jvm.api.FuelExhaustedException;
import org.wasm2jvm.api.Imports;
import org.wasm2jvm.api.Instance;
import org.wasm2jvm.api.InstanceLimits;
import org.wasm2jvm.api.WasmModule;
import org.wasm2jvm.compiler.WasmCompiler;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Opcodes;

/**
 * Outer loops whose header also pays for the first group of their inner loops (DESIGN.md,
 * "Inner loops paid by the outer header"): the fuel charged, and where fuel runs out, are those
 * of the plain model — the function's entry cost once, then each loop's cost at the start of
 * each of its iterations, a trap at the first charge the budget cannot cover — however the inner
 * loops run (skipped, one iteration, more than a group, left by {@code return} or restarted
 * by the outer loop's back edge before the second inner loop) and wherever fuel slices end.
 *
 * <p>The function below is a partition-like loop driven by the data at address 0: every
 * iteration of each loop ("event") counts itself at address 60000 right after its charge, so a
 * trap shows how many events started. The same events are replayed in Java ({@link #events}) to
 * predict the charges from {@link FuelCosts}.
 */
class HoistedLoopFuelTest {
    /** The functions of {@link #linesFunction}, initialized before {@link #WAT} uses them. */
    private static final String LINES_FUNCTIONS =
            linesFunction("lines") + linesFunction("rlines") + linesFunction("hlines") + linesFunction("glines")
            + linesFunction("ulines");

    private static final String WAT = "(module (memory (export \"mem\") 1)\n"
            + "  (func (export \"run\") (param $skipG1 i32) (param $restart i32) (result i32) (local $k i32) (local $steps i32)\n"
            + "    (loop $L\n"
            + "      (local.set $steps (i32.add (local.get $steps) (i32.const 1)))\n"
            + "      (i32.store (i32.const 60000) (local.get $steps))\n"
            + "      (block $skip\n"
            // skip the first inner loop: on a parameter, the same on every iteration (a branch on the
            // iteration's data would leave the inner loops to check for themselves)
            + "        (br_if $skip (local.get $skipG1))\n"
            + "        (loop $G1\n"
            + "          (local.set $steps (i32.add (local.get $steps) (i32.const 1)))\n"
            + "          (i32.store (i32.const 60000) (local.get $steps))\n"
            + "          (local.set $k (i32.add (local.get $k) (i32.const 1)))\n"
            + "          (br_if $G1 (i32.eq (i32.load (i32.shl (local.get $k) (i32.const 2))) (i32.const 1)))))\n"
            + "      (local.set $k (i32.add (local.get $k) (i32.const 1)))\n"
            // a[k] == 9: return before the second inner loop; $restart: next outer iteration at once
            + "      (if (i32.eq (i32.load (i32.shl (local.get $k) (i32.const 2))) (i32.const 9))\n"
            + "        (then (return (local.get $steps))))\n"
            + "      (br_if $L (local.get $restart))\n"
            + "      (loop $G2\n"
            + "        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))\n"
            + "        (i32.store (i32.const 60000) (local.get $steps))\n"
            + "        (local.set $k (i32.add (local.get $k) (i32.const 1)))\n"
            + "        (br_if $G2 (i32.eq (i32.load (i32.shl (local.get $k) (i32.const 2))) (i32.const 2))))\n"
            // a[k] == 8: done
            + "      (br_if $L (i32.ne (i32.load (i32.shl (local.get $k) (i32.const 2))) (i32.const 8))))\n"
            + "    local.get $steps)\n"
            // fasta's table search: for each p until a[p] == 8, look at a[p..p+5] for a 1 (a counted loop with an exit)
            + "  (func (export \"search\") (result i32) (local $p i32) (local $k i32) (local $steps i32)\n"
            + "    (loop $L\n"
            + "      (local.set $steps (i32.add (local.get $steps) (i32.const 1)))\n"
            + "      (i32.store (i32.const 60000) (local.get $steps))\n"
            + "      (local.set $k (i32.const 0))\n"
            + "      (block $found\n"
            + "        (loop $S\n"
            + "          (local.set $steps (i32.add (local.get $steps) (i32.const 1)))\n"
            + "          (i32.store (i32.const 60000) (local.get $steps))\n"
            + "          (br_if $found (i32.eq (i32.load (i32.shl (i32.add (local.get $p) (local.get $k)) (i32.const 2))) (i32.const 1)))\n"
            + "          (br_if $S (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 6)))))\n"
            + "      (local.set $p (i32.add (local.get $p) (i32.const 1)))\n"
            + "      (br_if $L (i32.ne (i32.load (i32.shl (local.get $p) (i32.const 2))) (i32.const 8))))\n"
            + "    local.get $steps)\n"
            + LINES_FUNCTIONS
            + partFunction()
            + ")";

    /** One event: counted at address 60000 right after the loop's charge. */
    private static final String STEP = "(local.set $steps (i32.add (local.get $steps) (i32.const 1)))"
            + " (i32.store (i32.const 60000) (local.get $steps))";

    /** a[x]: the word at index {@code x} (an expression) of the data at address 0. */
    private static String word(String x) {
        return "(i32.load (i32.shl " + x + " (i32.const 2)))";
    }

    /**
     * fasta's lines: per line, a counted loop $C over its m characters (m at 40000 + 4 * line),
     * each searching from a[p] with an inner loop $S; a 9 there returns, a 7 met by the search
     * leaves the line. The counted loop is paid ahead in chunks (DESIGN.md, "Outer loops paid
     * ahead"). {@code lines}: a[p] == 3 skips the search, which is a counted loop over
     * a[p..p+5] that stops at a 1, left to check for itself (the skip depends on the data);
     * {@code rlines}: the same as a rotated loop (as clang emits `for` with a `continue`: the
     * exit test in a block at the end, then p++ — so not on the last iteration — and `br` back);
     * {@code hlines}: the search skipped on a parameter, like fasta's, so the counted loop also
     * pays for its first group; {@code glines}: the search a loop over a run of 1s from a[p]
     * (not counted, paid in groups of 4); {@code ulines}: {@code lines} with {@code i < m}
     * unsigned as its test instead of {@code i != m}.
     */
    private static String linesFunction(String name) {
        boolean rotated = name.equals("rlines"), onParameter = name.equals("hlines"), grouped = name.equals("glines");
        String skip = onParameter ? "(local.get $noSearch)" : "(i32.eq " + word("(local.get $p)") + " (i32.const 3))";
        String search = grouped
                ? "(local.set $k (local.get $p)) (loop $S " + STEP
                        + " (br_if $brk (i32.eq " + word("(local.get $k)") + " (i32.const 7)))"
                        + " (local.set $k (i32.add (local.get $k) (i32.const 1)))"
                        + " (br_if $S (i32.eq " + word("(local.get $k)") + " (i32.const 1))))"
                : "(local.set $k (i32.const 0)) (block $found (loop $S " + STEP
                        + " (br_if $found (i32.eq " + word("(i32.add (local.get $p) (local.get $k))") + " (i32.const 1)))"
                        + " (br_if $brk (i32.eq " + word("(i32.add (local.get $p) (local.get $k))") + " (i32.const 7)))"
                        + " (br_if $S (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 6)))))";
        String nextP = "(local.set $p (i32.add (local.get $p) (i32.const 1)))";
        String next = rotated
                ? "(block $next (br_if $next (i32.eq (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $m)))"
                        + " " + nextP + " (br $C))"
                : nextP + " (br_if $C (i32." + (name.equals("ulines") ? "lt_u" : "ne")
                        + " (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $m)))";
        return "  (func (export \"" + name + "\") " + (onParameter ? "(param $noSearch i32) " : "")
                + "(result i32) (local $p i32) (local $i i32) (local $k i32) (local $steps i32) (local $m i32) (local $line i32)\n"
                + "    (loop $Lines " + STEP + "\n"
                + "      (local.set $m (i32.load offset=40000 (i32.shl (local.get $line) (i32.const 2))))\n"
                + "      (local.set $line (i32.add (local.get $line) (i32.const 1)))\n"
                + "      (local.set $i (i32.const 0))\n"
                + "      (block $brk (loop $C " + STEP + "\n"
                + "        (block $skip (br_if $skip " + skip + ")\n"
                + "          (if (i32.eq " + word("(local.get $p)") + " (i32.const 9)) (then (return (local.get $steps))))\n"
                + "          " + search + ")\n"
                + "        " + next + "))\n"
                + "      " + nextP + "\n"
                + "      (br_if $Lines (i32.ne " + word("(local.get $p)") + " (i32.const 8))))\n"
                + "    local.get $steps)\n";
    }


    /**
     * Quicksort's partition loop: i scans up over 1s, j (a byte address) down over 2s; a 7 met by
     * the i scan leaves both loops from inside it, a 9 at i returns, else on while i < j. Its inner
     * loops have counters (i and j), so their refunds are settled from them (DESIGN.md "Refunds
     * settled from counters").
     */
    private static String partFunction() {
        return "  (func (export \"part\") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $steps i32)\n"
                + "    (local.set $i (i32.const -1))\n"
                + "    (local.set $j (i32.shl (local.get $n) (i32.const 2)))\n"
                + "    (block $out (loop $L " + STEP + "\n"
                + "      (loop $I " + STEP + " (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
                + "        (br_if $out (i32.eq " + word("(local.get $i)") + " (i32.const 7)))\n"
                + "        (br_if $I (i32.eq " + word("(local.get $i)") + " (i32.const 1))))\n"
                + "      (loop $J " + STEP + " (local.set $j (i32.sub (local.get $j) (i32.const 4)))\n"
                + "        (br_if $J (i32.eq (i32.load (local.get $j)) (i32.const 2))))\n"
                + "      (if (i32.eq " + word("(local.get $i)") + " (i32.const 9)) (then (return (local.get $steps))))\n"
                + "      (br_if $L (i32.lt_s (i32.shl (local.get $i) (i32.const 2)) (local.get $j)))))\n"
                + "    local.get $steps)\n";
    }

    private static final byte[] BYTES = WAT.getBytes(StandardCharsets.UTF_8);
    private static final WasmModule METERED = WasmModule.compile(BYTES, CompileOptions.builder().metering(true).build());
    private static final int L = 0, G1 = 1, G2 = 2, S = 1, LINES = 0, C = 1, LS = 2;

    /** Per function: the entry cost, then the cost of an iteration of each loop (in order: L, G1, G2 / L, S / Lines, C, S). */
    private static final long[][] COSTS = {
        costs(0, 4, 0, true, false), costs(1, 3, 0, true, false), costs(2, 6, 1, false, true),
        costs(3, 6, 1, false, true), costs(4, 7, 1, true, true), costs(5, 6, 1, false, true),
        costs(6, 6, 1, false, true), costs(7, 4, 0, true, false)};

    /**
     * {@code outer}: the index among the function's loops of the outer loop; {@code hoisting}:
     * whether its header pays for the loops after it; {@code paid}: whether it is paid ahead in chunks.
     */
    private static long[] costs(int function, int locals, int outer, boolean hoisting, boolean paid) {
        FunctionBody body = WasmCompiler.decode(BYTES).codes.get(function);
        Instruction[] code = body.code();
        FuelCosts fuel = FuelCosts.of(code);
        List<Integer> loops = new ArrayList<>();
        for (int pc = 0; pc < code.length; pc++) {
            if (code[pc].opcode == Opcodes.LOOP) loops.add(pc);
        }
        // the outer loop pays for its inner loops' first groups: what this test is about
        org.wasm2jvm.api.ValType[] types = new org.wasm2jvm.api.ValType[locals];
        java.util.Arrays.fill(types, org.wasm2jvm.api.ValType.I32);
        Map<Integer, MeteredLoops.Loop> innermost = MeteredLoops.find(code, types);
        Map<Integer, int[]> hoistingLoops = MeteredLoops.hoisting(code, innermost);
        int[] inner = loops.subList(outer + 1, loops.size()).stream().mapToInt(Integer::intValue).toArray();
        assertArrayEquals(hoisting ? inner : null, hoistingLoops.get(loops.get(outer)), "hoisting, function " + function);
        // and a counted outer loop pays for its iterations ahead
        boolean counted = MeteredLoops.prepaidOuter(code, types, loops.get(outer), innermost) != null;
        assertEquals(paid, counted, "outer loop paid ahead, function " + function);
        // part's inner loops have counters, so its refunds are settled from them
        int[][] settled = hoisting ? MeteredLoops.settledCounters(code, types, loops.get(outer), inner) : null;
        assertEquals(function == 7, settled != null, "refunds settled from counters, function " + function);
        long[] costs = new long[1 + loops.size()];
        costs[0] = fuel.entry;
        for (int i = 0; i < loops.size(); i++) costs[1 + i] = fuel.loopAt(loops.get(i));
        return costs;
    }

    /** The loop of each event of a run over {@code a}, replaying the function in Java. */
    private static List<Integer> events(int[] a, boolean skipG1, boolean restart) {
        List<Integer> events = new ArrayList<>();
        int k = 0;
        while (true) {
            events.add(L);
            if (!skipG1) {
                do {
                    events.add(G1);
                    k++;
                } while (a[k] == 1);
            }
            k++;
            if (a[k] == 9) return events;
            if (restart) continue;
            do {
                events.add(G2);
                k++;
            } while (a[k] == 2);
            if (a[k] == 8) return events;
        }
    }

    /** The loop of each event of {@code part} over {@code a}, {@code n} its argument. */
    private static List<Integer> partEvents(int[] a, int n) {
        List<Integer> events = new ArrayList<>();
        int i = -1, j = n;
        do {
            events.add(L);
            do {
                events.add(1);
                i++;
                if (a[i] == 7) return events;
            } while (a[i] == 1);
            do {
                events.add(2);
                j--;
            } while (a[j] == 2);
            if (a[i] == 9) return events;
        } while (i < j);
        return events;
    }

    /** The loop of each event of {@code search} over {@code a}. */
    private static List<Integer> searchEvents(int[] a) {
        List<Integer> events = new ArrayList<>();
        int p = 0;
        do {
            events.add(L);
            for (int k = 0; k < 6; k++) {
                events.add(S);
                if (a[p + k] == 1) break;
            }
            p++;
        } while (a[p] != 8);
        return events;
    }

    /** The loop of each event of one of the {@link #linesFunction lines functions} over {@code a} (line lengths at {@link #LENGTHS}). */
    private static List<Integer> linesEvents(String function, int[] a, int[] args) {
        boolean rotated = function.equals("rlines"), grouped = function.equals("glines");
        int noSearch = function.equals("hlines") ? args[0] : -1;
        List<Integer> events = new ArrayList<>();
        int p = 0, line = 0;
        do {
            events.add(LINES);
            int m = a[LENGTHS + line++];
            int i = 0;
            line:
            while (true) {
                events.add(C);
                if (noSearch < 0 ? a[p] != 3 : noSearch == 0) {
                    if (a[p] == 9) return events;
                    if (grouped) {
                        int k = p;
                        do {
                            events.add(LS);
                            if (a[k] == 7) break line;
                            k++;
                        } while (a[k] == 1);
                    } else {
                        for (int k = 0; k < 6; k++) {
                            events.add(LS);
                            if (a[p + k] == 1) break;
                            if (a[p + k] == 7) break line;
                        }
                    }
                }
                if (rotated) {
                    if (++i == m) break;
                    p++;
                } else {
                    p++;
                    if (++i == m) break;
                }
            }
            p++;
        } while (a[p] != 8);
        return events;
    }

    /**
     * Data for {@code part}: runs of 1s from the start and of 2s from {@link #PART_END} down
     * (some longer than a group of 4), so that the scans meet after about {@code n} words; a 9
     * (a return) or a 7 (leaving from inside the i scan) ends some runs before that.
     */
    private static int[] partData(Random r, int n, boolean endByReturn) {
        int[] a = new int[PART_END + 1];
        int[] values = {0, 1, 1, 1, 3};
        for (int i = 0; i < a.length; i++) a[i] = values[r.nextInt(values.length)];
        for (int i = PART_END - n; i < PART_END; i++) a[i] = r.nextInt(4) == 0 ? 0 : 2;
        for (int i = 10; i + 12 < n; i += 97) {
            for (int j = 0; j < 6 + r.nextInt(6); j++) a[i + j] = 1;
        }
        if (n > 40) a[n / 2 + r.nextInt(n / 2)] = endByReturn ? 9 : 7;
        return a;
    }

    /** Where {@code lines} reads its line lengths, in words. */
    private static final int LENGTHS = 10000;

    private static List<Integer> events(String function, int[] a, int[] args) {
        switch (function) {
            case "run": return events(a, args[0] != 0, args[1] != 0);
            case "search": return searchEvents(a);
            case "part": return partEvents(a, args[0]);
            default: return linesEvents(function, a, args);
        }
    }

    /** The arguments of a run of {@code function} (they must let it end: a restart only ends on a 9, so do lines without search). */
    private static int[] args(String function, int run, boolean endByReturn) {
        switch (function) {
            case "run": return new int[] {run % 3 == 1 ? 1 : 0, endByReturn && run % 3 == 2 ? 1 : 0};
            case "hlines": return new int[] {!endByReturn && run % 3 == 0 ? 1 : 0};
            case "part": return new int[] {PART_END};
            default: return new int[0];
        }
    }

    private static int call(Instance inst, String function, int[] args) {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) values[i] = args[i];
        return (int) inst.function(function).call(values)[0];
    }

    /** Random data that drives every path, ending with an 8. */
    private static int[] data(Random r, int n, boolean endByReturn) {
        int[] a = new int[n + 64];
        int[] values = {0, 1, 1, 1, 2, 2, 2, 3, 5, 6};
        for (int i = 0; i < n; i++) a[i] = values[r.nextInt(values.length)];
        // runs longer than a group of 4 in both inner loops
        for (int i = 10; i + 12 < n; i += 97) {
            for (int j = 0; j < 6 + r.nextInt(6); j++) a[i + j] = r.nextBoolean() ? 1 : 2;
        }
        for (int i = n; i < a.length; i++) a[i] = endByReturn ? 9 : 8;
        return a;
    }

    /**
     * Data for {@code lines}: as {@link #data}, with 7s that leave a line now and then, and line
     * lengths from 1 to {@code longest} (at {@link #LENGTHS}); the end (8s or 9s) goes on up to there.
     * Lines of up to 60 are paid for whole at entry, longer ones (more than 100,000 units) in chunks.
     */
    private static int[] linesData(Random r, int n, boolean endByReturn, int longest) {
        int[] a = java.util.Arrays.copyOf(data(r, n, endByReturn), LENGTHS + n + 64);
        // 7s would cut every long line short of a chunk
        for (int i = 0; i < n; i++) if (r.nextInt(longest > 60 ? 5000 : 25) == 0) a[i] = 7;
        java.util.Arrays.fill(a, n, LENGTHS, endByReturn ? 9 : 8);
        for (int i = 0; i < n + 64; i++) a[LENGTHS + i] = 1 + r.nextInt(longest);
        return a;
    }

    private static Instance instance(int[] a, long budget) {
        Instance inst = METERED.instantiate(Imports.empty(), InstanceLimits.builder().fuel(budget).build());
        for (int i = 0; i < a.length; i++) inst.memory("mem").writeI32(4 * i, a[i]);
        return inst;
    }

    private static final String[] FUNCTIONS = {"run", "search", "lines", "rlines", "hlines", "glines", "ulines", "part"};

    /** Where {@code part}'s j scan starts (one past its last word). */
    private static final int PART_END = 9000;

    /** Data for a run of {@code function}; for the lines, every third run has long lines. */
    private static int[] data(Random r, String function, int run, int n, boolean endByReturn) {
        if (function.endsWith("lines")) return linesData(r, n, endByReturn, run % 3 == 2 ? 3000 : 60);
        if (function.equals("part")) return partData(r, n, endByReturn);
        return data(r, n, function.equals("run") && endByReturn);
    }

    @Test
    void chargesAreThoseOfTheModelOnEveryPath() {
        Random r = new Random(42);
        for (int f = 0; f < FUNCTIONS.length; f++) {
            String function = FUNCTIONS[f];
            for (int run = 0; run < 60; run++) {
                boolean endByReturn = run % 2 == 0;
                int[] a = data(r, function, run, run < 30 ? 5 + run : 2000, endByReturn);
                int[] args = args(function, run, endByReturn);
                List<Integer> events = events(function, a, args);
                long expected = COSTS[f][0];
                for (int e : events) expected += COSTS[f][1 + e];
                long budget = 1L << 40;
                Instance inst = instance(a, budget);
                assertEquals(events.size(), call(inst, function, args), function + " run " + run);
                assertEquals(expected, budget - inst.fuelLeft(), function + " run " + run + ", " + events.size() + " events");
            }
        }
    }

    @Test
    void fuelRunsOutAtTheFirstChargeTheBudgetCannotCover() {
        Random r = new Random(7);
        for (int f = 0; f < FUNCTIONS.length; f++) {
            String function = FUNCTIONS[f];
            long[] costs = COSTS[f];
            int checked = 0;
            for (int run = 0; run < 6; run++) {
                // 1,500 entries: about 30,000 units, so budgets also end in the middle of later fuel slices
                boolean endByReturn = run % 2 == 1;
                int[] a = data(r, function, run, 1500, endByReturn);
                int[] args = args(function, run, endByReturn);
                List<Integer> events = events(function, a, args);
                long[] before = new long[events.size() + 1]; // before[m]: charged before event m's charge
                before[0] = costs[0];
                for (int m = 0; m < events.size(); m++) before[m + 1] = before[m] + costs[1 + events.get(m)];
                long total = before[events.size()];
                // exactly enough: runs to the end with nothing left
                Instance enough = instance(a, total);
                assertEquals(events.size(), call(enough, function, args));
                assertEquals(0, enough.fuelLeft());
                // one unit short of each event's charge (all the early ones, then a sample): stops right before it
                for (int m = 0; m < events.size(); m += m < 300 ? 1 : 1 + r.nextInt(40)) {
                    long budget = before[m + 1] - 1;
                    Instance inst = instance(a, budget);
                    assertThrows(FuelExhaustedException.class, () -> call(inst, function, args));
                    assertEquals(m, inst.memory("mem").readI32(60000), function + " run " + run + ", budget for " + m + " events");
                    assertEquals(0, inst.fuelLeft());
                    checked++;
                }
                // not even the entry
                Instance none = instance(a, costs[0] - 1);
                assertThrows(FuelExhaustedException.class, () -> call(none, function, args));
                assertEquals(0, none.memory("mem").readI32(60000));
            }
            assertTrue(checked > 1500, function + ": budgets checked: " + checked);
        }
    }
}
