package org.wasm2jvm.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.compiler.WasmCompiler;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.model.Opcodes;

/** Which loops {@link MeteredLoops} accepts and counts, on the shapes clang emits and on near misses. */
class MeteredLoopsTest {

    /** The counted loops of a module's only function, whose body is {@code body}. */
    private static Map<Integer, MeteredLoops.Loop> loops(String locals, String body) {
        Object[] f = function(locals, body);
        return MeteredLoops.find((org.wasm2jvm.model.Instruction[]) f[0], (ValType[]) f[1]);
    }

    /** The only loop found, which must be counted. */
    private static MeteredLoops.Loop only(String locals, String body) {
        MeteredLoops.Loop l = any(locals, body);
        assertTrue(l.counted(), "not counted: " + body);
        return l;
    }

    private static MeteredLoops.Loop any(String locals, String body) {
        Map<Integer, MeteredLoops.Loop> found = loops(locals, body);
        assertEquals(1, found.size(), "loops found: " + found.keySet());
        return found.values().iterator().next();
    }

    /** The module's only function decoded, with its local types. */
    private static Object[] function(String locals, String body) {
        String wat = "(module (import \"m\" \"f\" (func $f)) (memory 1) (func (param $n i32) (param $p i32) " + locals
                + "\n" + body + "))";
        Module m = WasmCompiler.decode(wat.getBytes(StandardCharsets.UTF_8));
        FunctionBody fb = m.codes.get(0);
        FuncType t = m.functionType(1);
        ValType[] types = new ValType[t.paramCount() + fb.locals().length];
        for (int i = 0; i < t.paramCount(); i++) types[i] = t.param(i);
        System.arraycopy(fb.locals(), 0, types, t.paramCount(), fb.locals().length);
        return new Object[] {fb.code(), types};
    }

    /** The first loop of the function (an outer one) as {@link MeteredLoops#prepaidOuter} sees it, or null. */
    private static MeteredLoops.Loop outer(String locals, String body) {
        Object[] f = function(locals, body);
        org.wasm2jvm.model.Instruction[] code = (org.wasm2jvm.model.Instruction[]) f[0];
        ValType[] types = (ValType[]) f[1];
        int first = 0;
        while (code[first].opcode != Opcodes.LOOP) first++;
        return MeteredLoops.prepaidOuter(code, types, first, MeteredLoops.find(code, types));
    }

    /** The inner loops the first loop's header pays for, or null. */
    private static int[] hoisted(String locals, String body) {
        Object[] f = function(locals, body);
        org.wasm2jvm.model.Instruction[] code = (org.wasm2jvm.model.Instruction[]) f[0];
        ValType[] types = (ValType[]) f[1];
        int first = 0;
        while (code[first].opcode != Opcodes.LOOP) first++;
        return MeteredLoops.hoisting(code, MeteredLoops.find(code, types)).get(first);
    }

    /**
     * The counters by which the first loop settles its inner loops' refunds
     * ({@link MeteredLoops#settledCounters}), or null (also when its header pays for no inner loop).
     */
    private static int[][] settled(String locals, String body) {
        Object[] f = function(locals, body);
        org.wasm2jvm.model.Instruction[] code = (org.wasm2jvm.model.Instruction[]) f[0];
        ValType[] types = (ValType[]) f[1];
        int first = 0;
        while (code[first].opcode != Opcodes.LOOP) first++;
        int[] inner = MeteredLoops.hoisting(code, MeteredLoops.find(code, types)).get(first);
        assertTrue(inner != null, "no inner loops paid by the header: " + body);
        return MeteredLoops.settledCounters(code, types, first, inner);
    }

    /** Quicksort's partition loop as clang emits it, with {@code $scanJ} as j's scan (locals $i $j $a $x). */
    private static String partition(String scanJ, String after) {
        return "(loop $l"
                + " (loop $si (local.set $i (i32.add (local.get $i) (i32.const 1)))"
                + "   (br_if $si (i32.lt_s (i32.load (i32.shl (local.get $i) (i32.const 2))) (local.get $p))))"
                + scanJ
                + after
                + " (br_if $l (i32.lt_s (local.get $i) (local.get $j))))";
    }

    private static final String SCAN_J = " (loop $sj (local.set $a (i32.add (local.get $a) (i32.const -4)))"
            + " (local.set $j (i32.sub (local.get $j) (i32.const 1)))"
            + " (br_if $sj (i32.gt_s (i32.load (local.get $a)) (local.get $p))))";

    @Test
    void quicksortsScansSettleFromTheirCounters() {
        String locals = "(local $i i32) (local $j i32) (local $a i32) (local $x i32)";
        // i moves by 1 in the first scan; in the second, the address $a by -4 comes first
        int[][] c = settled(locals, partition(SCAN_J, " (i32.store (local.get $a) (local.get $x))"));
        assertEquals(2, c.length);
        assertEquals(2, c[0][0]); // $i: locals 0 and 1 are the parameters
        assertEquals(1, c[0][1]);
        assertEquals(4, c[1][0]); // $a
        assertEquals(-4, c[1][1]);
    }

    @Test
    void nearMissesOfSettledLoopsKeepTheirRefunds() {
        String locals = "(local $i i32) (local $j i32) (local $a i32) (local $x i32)";
        // the outer body writes $a again (so the second scan's first move is not a count), and $j neither
        int[][] c = settled(locals, partition(SCAN_J, " (local.set $a (local.get $x))"));
        assertEquals(3, c[1][0]);
        assertEquals(null, settled(locals, partition(SCAN_J,
                " (local.set $a (local.get $x)) (local.set $j (local.get $x))")));
        // a call in the outer body (it uses fuel of its own)
        assertEquals(null, settled(locals, partition(SCAN_J, " (call $f)")));
        // a branch before the scan's counter moves
        assertEquals(null, settled(locals, partition(" (loop $sj (br_if 1 (local.get $x))"
                + " (local.set $j (i32.sub (local.get $j) (i32.const 1)))"
                + " (br_if $sj (i32.gt_s (i32.load (local.get $j)) (local.get $p))))", "")));
        // a step that is not a constant
        assertEquals(null, settled(locals, partition(" (loop $sj"
                + " (local.set $j (i32.sub (local.get $j) (local.get $x)))"
                + " (br_if $sj (i32.gt_s (i32.load (local.get $j)) (local.get $p))))", "")));
        // another loop in the outer body that its header does not pay for (inside an if)
        assertEquals(null, settled(locals, partition(SCAN_J, " (if (local.get $x) (then"
                + " (loop $z (br_if $z (i32.eqz (local.tee $x (i32.sub (local.get $x) (i32.const 1))))))))")));
        // br_table in the outer body
        assertEquals(null, settled(locals, partition(SCAN_J, " (block $b (br_table $b $b (local.get $x)))")));
    }

    /** An inner search loop (counted, with an exit), as fasta's. */
    private static final String SEARCH = " (local.set $k (i32.const 0)) (block $found (loop $s"
            + " (br_if $found (i32.load (local.get $k)))"
            + " (br_if $s (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 9)))))";

    @Test
    void aCountedOuterLoopIsPaidAheadWithItsBoundOperand() {
        MeteredLoops.Loop l = outer("(local $i i32) (local $k i32)", "(loop $c" + SEARCH
                + " (br_if $c (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))");
        assertEquals(2, l.counter);
        assertEquals(Opcodes.I32_NE, l.cmp);
        assertEquals(0, l.boundLocal);
        assertTrue(l.boundPc > 0);
        assertEquals(-1, l.tailFrom);
    }

    @Test
    void aRotatedOuterLoopHasItsExitTestNegatedAndItsTail() {
        // knn's sample loop: (block (br_if 0 (i + 1 == n)) tail (br 1))
        MeteredLoops.Loop l = outer("(local $i i32) (local $k i32) (local $t i32)", "(loop $c" + SEARCH
                + " (block $next (br_if $next (i32.eq (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))"
                + " (local.set $t (local.get $k)) (br $c)))");
        assertEquals(Opcodes.I32_NE, l.cmp);
        assertEquals(2, l.counter);
        assertTrue(l.testsUpdated);
        assertEquals(2, l.tailTo - l.tailFrom, "local.get, local.set");
        // an exit on i >= n keeps going while i < n
        MeteredLoops.Loop ge = outer("(local $i i32) (local $k i32)", "(loop $c" + SEARCH
                + " (block $next (br_if $next (i32.ge_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))"
                + " (br $c)))");
        assertEquals(Opcodes.I32_LT_S, ge.cmp);
    }

    @Test
    void nearMissesOfOuterLoopsAreNotPaidAhead() {
        String locals = "(local $i i32) (local $k i32) (local $t i32)";
        String next = " (br_if $c (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))";
        // a call in the body
        assertEquals(null, outer(locals, "(loop $c (call $f)" + SEARCH + next));
        // its only inner loop always runs to its end (paid whole at entry): nothing to gain
        assertEquals(null, outer(locals, "(loop $c (local.set $k (i32.const 0)) (loop $s (i32.store (local.get $k) (local.get $i))"
                + " (br_if $s (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 9))))" + next));
        // a step of 2: chunks are worked out for steps of 1
        assertEquals(null, outer(locals, "(loop $c" + SEARCH
                + " (br_if $c (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 2))) (local.get $n))))"));
        // the bound written in the body
        assertEquals(null, outer(locals, "(loop $c" + SEARCH + " (local.set $n (local.get $k))" + next));
        // a second way back to the loop
        assertEquals(null, outer(locals, "(loop $c (br_if $c (local.get $p))" + SEARCH + next));
        // rotated, but the tail branches, or leaves a value behind, or the exit is on i != n
        assertEquals(null, outer(locals, "(loop $c" + SEARCH
                + " (block $next (br_if $next (i32.eq (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))"
                + " (br_if $next (local.get $p)) (br $c)))"));
        assertEquals(null, outer(locals, "(loop $c" + SEARCH
                + " (block $next (br_if $next (i32.eq (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))"
                + " (local.get $k) (br $c)))"));
        assertEquals(null, outer(locals, "(loop $c" + SEARCH
                + " (block $next (br_if $next (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))"
                + " (br $c)))"));
    }

    @Test
    void innerLoopsThatTheIterationsDataMaySkipAreNotPaidByTheOuterHeader() {
        String locals = "(local $i i32) (local $k i32) (local $t i32)";
        String next = " (br_if $c (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))";
        int[] always = hoisted(locals, "(loop $c" + SEARCH + next);
        assertEquals(1, always.length);
        // skipped on a local the loop never writes (fasta): still paid by the header
        assertEquals(1, hoisted(locals, "(loop $c (block $skip (br_if $skip (local.get $p))" + SEARCH + ")" + next).length);
        // skipped on the iteration's data (knn): left to itself
        assertEquals(null, hoisted(locals, "(loop $c (block $skip (br_if $skip (i32.load (local.get $i)))" + SEARCH + ")" + next));
        assertEquals(null, hoisted(locals, "(loop $c (local.set $t (local.get $i)) (block $skip (br_if $skip (local.get $t))"
                + SEARCH + ")" + next));
        // back to the header on the iteration's data before it
        assertEquals(null, hoisted(locals, "(loop $c (br_if $c (i32.load (local.get $i)))" + SEARCH + next));
        // a branch out of the loop only ends it: fine
        assertEquals(1, hoisted(locals, "(block $out (loop $c (br_if $out (i32.load (local.get $i)))" + SEARCH + next + ")").length);
    }

    @Test
    void clangUpCountWithTheUpdateInTheTest() {
        // matmul's inner loop: the bound on the left, the update tee'd into the test
        MeteredLoops.Loop l = only("(local $i i32) (local $s i32)",
                "loop $l local.get $p i32.load local.get $s i32.add local.set $s"
                + " local.get $n local.get $i i32.const 2 i32.add local.tee $i i32.ne br_if $l end");
        assertEquals(2, l.counter);
        assertEquals(2, l.step);
        assertTrue(l.testsUpdated);
        assertEquals(0, l.boundLocal);
        assertEquals(Opcodes.I32_NE, l.cmp);
    }

    @Test
    void updateBeforeTheTestAndSignedBound() {
        MeteredLoops.Loop l = only("(local $i i32)",
                "loop $l local.get $i i32.const 1 i32.add local.set $i"
                + " (br_if $l (i32.lt_s (local.get $i) (local.get $n))) end");
        assertTrue(l.testsUpdated);
        assertEquals(Opcodes.I32_LT_S, l.cmp);
        assertEquals(1, l.step);
    }

    @Test
    void aConstantBoundOnTheLeftIsMirrored() {
        // 100 > (i += 3)  is  (i += 3) < 100, unsigned
        MeteredLoops.Loop l = only("(local $i i32)",
                "loop $l i32.const 100 local.get $i i32.const 3 i32.add local.tee $i i32.gt_u br_if $l end");
        assertEquals(Opcodes.I32_LT_U, l.cmp);
        assertEquals(-1, l.boundLocal);
        assertEquals(100, l.boundConst);
        assertEquals(3, l.step);
    }

    @Test
    void downCountToZeroWithoutComparison() {
        MeteredLoops.Loop l = only("",
                "loop $l local.get $p i32.const 0 i32.store local.get $n i32.const -1 i32.add local.tee $n br_if $l end");
        assertEquals(0, l.counter);
        assertEquals(-1, l.step);
        assertEquals(Opcodes.I32_NE, l.cmp);
        assertEquals(-1, l.boundLocal);
        assertEquals(0, l.boundConst);
        MeteredLoops.Loop sub = only("",
                "loop $l local.get $n i32.const 4 i32.sub local.set $n local.get $n br_if $l end");
        assertEquals(-4, sub.step);
        assertTrue(sub.testsUpdated);
    }

    @Test
    void branchesInsideTheBodyAreFineWhenTheyStayInside() {
        // floyd's inner loop: a `continue` is a branch to a block inside the loop
        only("(local $j i32)",
                "loop $l (block $skip (br_if $skip (i32.eqz (local.get $p))) (i32.store (local.get $p) (local.get $j)))"
                + " (br_if $l (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n))) end");
    }

    @Test
    void loopsThatCannotBePaidAheadAreLeftAlone() {
        String locals = "(local $i i32) (local $x i32)";
        String test = " local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.lt_s br_if $l end";
        // a br_table out of the loop
        assertNone(locals, "block $out loop $l (block $in (br_table $in $out (local.get $p)))" + test + " end");
        // a second back edge
        assertNone(locals, "loop $l (br_if $l (local.get $p))" + test);
        // a call (the callee could run out of fuel)
        assertNone(locals, "loop $l call $f" + test);
        // a nested loop, for the outer one
        assertNone(locals, "loop $l (loop $m (br $m))" + test);
        // no back edge at all (the loop runs once)
        assertNone(locals, "loop $l local.get $p drop end");
        // too long to emit twice
        StringBuilder longBody = new StringBuilder("loop $l");
        for (int i = 0; i < MeteredLoops.MAX_BODY / 2; i++) longBody.append(" local.get $p drop");
        assertNone(locals, longBody + test);
    }

    @Test
    void loopsWithoutACounterArePaidInGroups() {
        String locals = "(local $i i32) (local $x i32)";
        String test = " local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.lt_s br_if $l end";
        // the counter written twice
        assertNotCounted(locals, "loop $l (local.set $i (local.get $p))" + test);
        // the counter written only on some paths
        assertNotCounted(locals, "loop $l (if (local.get $p) (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))"
                + " (br_if $l (i32.lt_s (local.get $i) (local.get $n))) end");
        // the bound written in the loop
        assertNotCounted(locals, "loop $l (local.set $n (local.get $p))" + test);
        // a step that is not a constant
        assertNotCounted(locals, "loop $l local.get $i local.get $p i32.add local.tee $i local.get $n i32.lt_s br_if $l end");
        // a step so large that counting iterations from the counter could overflow
        assertNotCounted(locals, "loop $l local.get $i i32.const 65536 i32.add local.tee $i local.get $n i32.lt_s br_if $l end");
        // eq keeps going only while equal
        assertNotCounted(locals, "loop $l local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.eq br_if $l end");
        // the test is not on the counter (quicksort's partition scan)
        assertNotCounted(locals, "loop $l (local.set $i (i32.add (local.get $i) (i32.const 1)))"
                + " (br_if $l (i32.lt_s (i32.load (local.get $i)) (local.get $n))) end");
        // a while loop: the back edge is br, the exit a br_if to an outer block
        MeteredLoops.Loop w = any(locals, "block $d loop $l (br_if $d (i32.ge_s (local.get $i) (local.get $n)))"
                + " (local.set $i (i32.add (local.get $i) (i32.const 1))) br $l end end");
        assertFalse(w.counted());
        assertTrue(w.exits);
        // an i64 counter
        assertNotCounted("(local $w i64)", "loop $l local.get $w i64.const 1 i64.add local.tee $w i64.const 9 i64.lt_s br_if $l end");
    }

    @Test
    void groupSizeFollowsTheBodyLength() {
        MeteredLoops.Loop small = any("", "loop $l local.get $p br_if $l end");
        assertEquals(4, small.groupSize(0));
        StringBuilder body = new StringBuilder("loop $l");
        for (int i = 0; i < 40; i++) body.append(" local.get $p drop");
        MeteredLoops.Loop medium = any("", body + " local.get $p br_if $l end");
        assertEquals(2, medium.groupSize(0));
        for (int i = 0; i < 40; i++) body.append(" local.get $p drop");
        // too long to emit 3 times: left alone unless counted, and then checked per iteration when not paid ahead
        assertNone("", body + " local.get $p br_if $l end");
        MeteredLoops.Loop counted = only("", body + " local.get $n i32.const 1 i32.sub local.tee $n br_if $l end");
        assertEquals(1, counted.groupSize(0));
    }

    private static void assertNotCounted(String locals, String body) {
        assertFalse(any(locals, body).counted(), body);
    }

    @Test
    void earlyExitsAreAllowedAndNoted() {
        // fasta's search: leave when the table entry is big enough, else go on while i != n
        String test = " local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.ne br_if $l end";
        MeteredLoops.Loop l = only("(local $i i32)", "block $found loop $l (br_if $found (i32.load (local.get $p)))"
                + test + " end");
        assertTrue(l.exits);
        assertTrue(only("(local $i i32)", "loop $l (if (local.get $p) (then return))" + test).exits);
        assertFalse(only("(local $i i32)", "loop $l (block $b (br_if $b (local.get $p)))" + test).exits);
    }

    @Test
    void onlyTheInnerLoopOfANestIsCounted() {
        Map<Integer, MeteredLoops.Loop> found = loops("(local $i i32) (local $j i32)",
                "loop $outer (local.set $j (i32.const 0))"
                + " loop $inner local.get $j i32.const 1 i32.add local.tee $j local.get $n i32.lt_s br_if $inner end"
                + " local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.lt_s br_if $outer end");
        assertEquals(1, found.size());
        assertEquals(3, found.values().iterator().next().counter);
        assertFalse(found.containsKey(0));
    }

    private static void assertNone(String locals, String body) {
        assertEquals(Map.of(), loops(locals, body), body);
    }
}
