package org.wasm2jvm.compiler.codegen;

import java.util.HashMap;
import java.util.Map;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Opcodes;
import org.wasm2jvm.api.ValType;

/**
 * Finds the loops of a function body that metered code can charge for without a fuel check per
 * iteration (DESIGN.md, Metering). Such a loop is an innermost one:
 * <ul>
 *   <li>it has no parameters or results, holds no other loop and makes no call, so nothing
 *       inside it can look at or run out of fuel;
 *   <li>its last instruction is {@code br_if 0} or {@code br 0}, the only branch to the loop:
 *       every iteration that completes runs the whole top level of the body once. Branches out
 *       of the loop and {@code return} are early exits, where the code generator gives back the
 *       fuel of iterations paid for that did not run; {@code br_table} may not leave the loop.
 * </ul>
 * Its iterations are then paid for in groups ({@link Loop#groupSize}): the body is emitted
 * several times in a row after one check. A loop is moreover <em>counted</em>, and paid for
 * whole before it starts ({@code Rt.prepayLoop}), when:
 * <ul>
 *   <li>the {@code br_if} condition is {@code w OP b} (or just {@code w}, meaning
 *       {@code w != 0}) where {@code OP} is an i32 comparison other than {@code eq}, {@code b} an
 *       {@code i32.const} or a local the body never writes, and {@code w} reads an i32 local
 *       {@code v} that the body writes exactly once, at its top level, as
 *       {@code v = v + c} or {@code v = v - c} with a constant {@code c}.
 * </ul>
 * {@code w} is then {@code v} before or after the update, moving by {@code c} per iteration,
 * which is what {@code LoopTrips} needs; on an early exit, {@code v} tells how many iterations
 * ran. Loops longer than {@link #MAX_BODY} instructions are left alone: the code generator emits
 * a loop several times (paid and checked copies), and a long body gains little from losing one
 * check.
 */
final class MeteredLoops {
    /** Longest loop body (instructions) worth emitting twice. */
    static final int MAX_BODY = 400;
    /** Longest loop bodies whose iterations are paid for in groups of 4, and of 2. */
    static final int GROUP4_MAX_BODY = 60, GROUP_MAX_BODY = 150;
    /**
     * Largest counter step: an early exit works out how many iterations ran as
     * {@code (counter - start) / step} in int arithmetic, exact while iterations * step stays
     * below 2^31 (iterations are at most {@code PREPAY_LIMIT} = 100,000).
     */
    static final int MAX_STEP = 1 << 14;

    /** A counted loop starting at some pc. */
    static final class Loop {
        /** The pc of the loop's {@code end}. */
        final int endPc;
        /** The local that moves by {@link #step} per iteration. */
        final int counter;
        final int step;
        /** Whether the test sees the counter after this iteration's update (else before). */
        final boolean testsUpdated;
        /** The local holding the bound, or -1 when it is {@link #boundConst}. */
        final int boundLocal;
        final int boundConst;
        /** The comparison that keeps the loop going, counter on the left (a {@code LoopTrips} code). */
        final int cmp;
        /** Whether branches or {@code return} leave the loop before its last iteration. */
        final boolean exits;
        /** The pc of the counter's update (a {@code local.set} or {@code local.tee}). */
        final int updatePc;

        /** A loop without a counter: its iterations are paid for in groups (see {@link #groupSize}). */
        Loop(int endPc, boolean exits) {
            this(endPc, -1, 0, false, -1, 0, 0, exits, -1);
        }

        /** Whether the loop has a counter, so that its iteration count is known at entry. */
        boolean counted() {
            return counter >= 0;
        }

        /**
         * Iterations paid for by one fuel check when the loop is not (or cannot be) paid for at
         * entry: the body is emitted this many times in a row, 1 meaning a check per iteration.
         */
        int groupSize(int startPc) {
            int length = endPc - startPc;
            return length <= GROUP4_MAX_BODY ? 4 : length <= GROUP_MAX_BODY ? 2 : 1;
        }

        Loop(int endPc, int counter, int step, boolean testsUpdated, int boundLocal, int boundConst, int cmp,
             boolean exits, int updatePc) {
            this.exits = exits;
            this.updatePc = updatePc;
            this.endPc = endPc;
            this.counter = counter;
            this.step = step;
            this.testsUpdated = testsUpdated;
            this.boundLocal = boundLocal;
            this.boundConst = boundConst;
            this.cmp = cmp;
        }
    }

    private MeteredLoops() {}

    /** The loops of {@code code} that metered code pays for ahead, by the pc of their {@code loop} instruction. */
    static Map<Integer, Loop> find(Instruction[] code, ValType[] localTypes) {
        Map<Integer, Loop> loops = new HashMap<>();
        for (int pc = 0; pc < code.length; pc++) {
            if (code[pc].opcode != Opcodes.LOOP || code[pc].a != -64) continue;
            Loop l = analyse(code, localTypes, pc);
            if (l != null) loops.put(pc, l);
        }
        return loops;
    }

    /** Longest outer loop body (instructions) worth emitting twice to pay for its inner loops ahead. */
    static final int MAX_HOIST_BODY = 300;

    /**
     * The outer loops whose header can also pay for the first group of iterations of some inner
     * loops, each mapped to the pcs of those inner loops in order (DESIGN.md, "Inner loops paid by
     * the outer header"). Such an outer loop has no parameters or results and is at most
     * {@link #MAX_HOIST_BODY} long; its inner loops taken are loops of {@code loops} that can be
     * paid for in groups — not counted ones that always run to their end, whose prepaid count
     * costs nothing per iteration — that are not inside an {@code if} of the outer body, and come before
     * anything else in the body that could use fuel or jump unpredictably: a call, another loop,
     * {@code br_table} or an exception instruction. Then from the outer header to each inner
     * loop's first group nothing else charges fuel, so paying for the group early changes where
     * fuel runs out by nothing; a branch that skips an inner loop gives its group back.
     */
    static Map<Integer, int[]> hoisting(Instruction[] code, Map<Integer, Loop> loops) {
        Map<Integer, int[]> hoisting = new HashMap<>();
        for (int pc = 0; pc < code.length; pc++) {
            if (code[pc].opcode != Opcodes.LOOP || code[pc].a != -64 || loops.containsKey(pc)) continue;
            int[] inner = hoisted(code, loops, pc);
            if (inner != null) hoisting.put(pc, inner);
        }
        return hoisting;
    }

    private static int[] hoisted(Instruction[] code, Map<Integer, Loop> loops, int start) {
        int[] found = new int[4];
        int n = 0;
        int depth = 0; // constructs open below the outer loop
        int ifs = 0; // of which ifs (an inner loop inside one would not run on every iteration)
        int[] kinds = new int[16];
        boolean blocked = false;
        for (int pc = start + 1; pc < code.length; pc++) {
            if (pc - start > MAX_HOIST_BODY) return null;
            Instruction in = code[pc];
            switch (in.opcode) {
                case Opcodes.BLOCK:
                case Opcodes.IF:
                    if (depth == kinds.length) kinds = java.util.Arrays.copyOf(kinds, depth * 2);
                    kinds[depth++] = in.opcode;
                    if (in.opcode == Opcodes.IF) ifs++;
                    break;
                case Opcodes.LOOP: {
                    Loop l = loops.get(pc);
                    if (!blocked && ifs == 0 && l != null && (!l.counted() || l.exits) && l.groupSize(pc) > 1) {
                        if (n == found.length) found = java.util.Arrays.copyOf(found, n * 2);
                        found[n++] = pc;
                        pc = l.endPc;
                        break;
                    }
                    blocked = true;
                    if (depth == kinds.length) kinds = java.util.Arrays.copyOf(kinds, depth * 2);
                    kinds[depth++] = in.opcode;
                    break;
                }
                case Opcodes.END:
                    if (depth == 0) return n == 0 ? null : java.util.Arrays.copyOf(found, n);
                    if (kinds[--depth] == Opcodes.IF) ifs--;
                    break;
                case Opcodes.BR_TABLE:
                    blocked = true;
                    break;
                default:
                    if (callsOrThrows(in.opcode)) blocked = true;
                    break;
            }
        }
        return null;
    }

    /** Calls (which use fuel of their own) and exception instructions (which jump where a loop cannot see). */
    private static boolean callsOrThrows(int opcode) {
        switch (opcode) {
            case Opcodes.CALL:
            case Opcodes.CALL_INDIRECT:
            case 0x12: case 0x13: case 0x14: case 0x15: // return_call, return_call_indirect, call_ref, return_call_ref
            case 0x06: case 0x07: case 0x08: case 0x09: case 0x0A: case 0x18: case 0x19: case 0x1F: // exceptions
                return true;
            default:
                return false;
        }
    }

    private static Loop analyse(Instruction[] code, ValType[] localTypes, int start) {
        int depth = 0; // nesting below the loop's own label
        int end = -1;
        boolean exits = false;
        for (int pc = start + 1; pc < code.length; pc++) {
            Instruction in = code[pc];
            switch (in.opcode) {
                case Opcodes.BLOCK:
                case Opcodes.IF:
                    depth++;
                    break;
                case Opcodes.END:
                    if (depth == 0) {
                        end = pc;
                    } else {
                        depth--;
                    }
                    break;
                case Opcodes.RETURN:
                    exits = true;
                    break;
                case Opcodes.LOOP:
                    return null;
                case Opcodes.BR:
                case Opcodes.BR_IF:
                    // label == depth: the loop itself, allowed only as the final br_if; above: out of it
                    if (in.a > depth) {
                        exits = true;
                    } else if (in.a == depth && !(depth == 0 && pc + 1 < code.length && code[pc + 1].opcode == Opcodes.END)) {
                        return null;
                    }
                    break;
                case Opcodes.BR_TABLE:
                    for (int l : in.labels) if (l >= depth) return null;
                    break;
                default:
                    if (callsOrThrows(in.opcode)) return null;
                    break;
            }
            if (end >= 0) break;
            if (pc - start > MAX_BODY) return null;
        }
        if (end < 0 || end - start < 3) return null;
        int last = code[end - 1].opcode;
        if (last != Opcodes.BR_IF && last != Opcodes.BR || code[end - 1].a != 0) return null;
        Loop counted = last == Opcodes.BR_IF ? counted(code, localTypes, start, end, exits) : null;
        if (counted != null) return counted;
        return end - start <= GROUP_MAX_BODY ? new Loop(end, exits) : null;
    }

    /** The loop from {@code start} to {@code end} as a counted loop, or null when its test is not on a counter. */
    private static Loop counted(Instruction[] code, ValType[] localTypes, int start, int end, boolean exits) {
        int depth;

        // writes of every local in the body, and the top-level position of each
        int nLocals = localTypes.length;
        int[] writes = new int[nLocals];
        int[] lastWrite = new int[nLocals];
        boolean[] topLevel = new boolean[nLocals];
        depth = 0;
        for (int pc = start + 1; pc < end; pc++) {
            int op = code[pc].opcode;
            if (op == Opcodes.BLOCK || op == Opcodes.IF) depth++;
            if (op == Opcodes.END) depth--;
            if (op == Opcodes.LOCAL_SET || op == Opcodes.LOCAL_TEE) {
                int i = (int) code[pc].a;
                writes[i]++;
                lastWrite[i] = pc;
                topLevel[i] = depth == 0;
            }
        }

        // the condition: [left right CMP] or [value] just before br_if
        int condEnd = end - 2;
        Operand right = Operand.parse(code, condEnd - 1, start);
        int cmp = cmpCode(code[condEnd].opcode);
        Operand counter;
        Operand bound;
        if (cmp != 0 && right != null) {
            Operand left = Operand.parse(code, right.first - 1, start);
            if (left == null) return null;
            if (left.isCounterCandidate() && right.isInvariantCandidate()) {
                counter = left;
                bound = right;
            } else if (right.isCounterCandidate() && left.isInvariantCandidate()) {
                counter = right;
                bound = left;
                cmp = mirror(cmp);
            } else {
                return null;
            }
        } else {
            counter = Operand.parse(code, condEnd, start);
            if (counter == null || !counter.isCounterCandidate()) return null;
            bound = Operand.constant(0);
            cmp = Opcodes.I32_NE;
        }
        int v = counter.local;
        if (localTypes[v] != ValType.I32 || writes[v] != 1 || !topLevel[v]) return null;
        if (bound.local >= 0 && (bound.local == v || writes[bound.local] != 0 || localTypes[bound.local] != ValType.I32)) {
            return null;
        }
        // the one write: v = v + c / v = c + v / v = v - c, at the top level
        int w = lastWrite[v];
        if (counter.updates && counter.last != w) return null;
        Integer step = updateStep(code, w, v, start);
        if (step == null || step == Integer.MIN_VALUE || Math.abs(step) > MAX_STEP) return null;
        boolean testsUpdated = counter.updates || counter.first > w;
        return new Loop(end, v, step, testsUpdated, bound.local, bound.value, cmp, exits, w);
    }

    /** The constant by which the write at {@code w} (a local.set/tee of {@code v}) moves {@code v}, or null. */
    private static Integer updateStep(Instruction[] code, int w, int v, int start) {
        if (w - 3 <= start) return null;
        Instruction a = code[w - 3], b = code[w - 2], op = code[w - 1];
        boolean getThenConst = a.opcode == Opcodes.LOCAL_GET && a.a == v && b.opcode == Opcodes.I32_CONST;
        boolean constThenGet = a.opcode == Opcodes.I32_CONST && b.opcode == Opcodes.LOCAL_GET && b.a == v;
        if (op.opcode == Opcodes.I32_ADD && getThenConst) return (int) b.a;
        if (op.opcode == Opcodes.I32_ADD && constThenGet) return (int) a.a;
        if (op.opcode == Opcodes.I32_SUB && getThenConst) return -(int) b.a;
        return null;
    }

    private static int cmpCode(int opcode) {
        return opcode >= Opcodes.I32_NE && opcode <= Opcodes.I32_GE_U ? opcode : 0;
    }

    /** {@code a OP b} as {@code b OP' a}. */
    private static int mirror(int cmp) {
        switch (cmp) {
            case Opcodes.I32_LT_S: return Opcodes.I32_GT_S;
            case Opcodes.I32_LT_U: return Opcodes.I32_GT_U;
            case Opcodes.I32_GT_S: return Opcodes.I32_LT_S;
            case Opcodes.I32_GT_U: return Opcodes.I32_LT_U;
            case Opcodes.I32_LE_S: return Opcodes.I32_GE_S;
            case Opcodes.I32_LE_U: return Opcodes.I32_GE_U;
            case Opcodes.I32_GE_S: return Opcodes.I32_LE_S;
            case Opcodes.I32_GE_U: return Opcodes.I32_LE_U;
            default: return cmp; // ne
        }
    }

    /**
     * One operand of the loop test, read backwards from its last instruction: {@code local.get x},
     * {@code i32.const k}, or the update itself in the test ({@code local.get x; i32.const c;
     * i32.add|sub; local.tee x}).
     */
    private static final class Operand {
        int first;
        int last;
        int local = -1;
        int value;
        boolean updates;

        static Operand constant(int k) {
            Operand o = new Operand();
            o.value = k;
            return o;
        }

        static Operand parse(Instruction[] code, int last, int start) {
            if (last <= start) return null;
            Instruction in = code[last];
            Operand o = new Operand();
            o.last = last;
            o.first = last;
            switch (in.opcode) {
                case Opcodes.LOCAL_GET:
                    o.local = (int) in.a;
                    return o;
                case Opcodes.I32_CONST:
                    o.value = (int) in.a;
                    return o;
                case Opcodes.LOCAL_TEE:
                    if (last - 3 <= start) return null;
                    o.local = (int) in.a;
                    o.updates = true;
                    o.first = last - 3;
                    return o;
                default:
                    return null;
            }
        }

        boolean isCounterCandidate() {
            return local >= 0;
        }

        boolean isInvariantCandidate() {
            return !updates;
        }
    }
}
