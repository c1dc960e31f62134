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
        /** The pc of the test's bound operand (a {@code local.get} or {@code i32.const}), -1 when the test has none. */
        int boundPc = -1;
        /**
         * A rotated loop ({@link #prepaidOuter}): the instructions [tailFrom, tailTo) between its
         * exit test and its back edge; else -1.
         */
        int tailFrom = -1, tailTo = -1;

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
     * fuel runs out by nothing; a branch that skips an inner loop gives its group back. Such
     * skips must be rare for this to pay: an inner loop that a branch depending on the iteration's
     * data may skip (forward past it, or back to the outer header before it; knn's "not nearer
     * than the k-th" test) is left to check for itself, as are the loops after it. A branch on a
     * constant or on a local the loop never writes (fasta's) goes the same way every time.
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
        boolean[] written = writtenLocals(code, start);
        int[] found = new int[4];
        int n = 0;
        int depth = 0; // constructs open below the outer loop
        int ifs = 0; // of which ifs (an inner loop inside one would not run on every iteration)
        int[] kinds = new int[16];
        // skipped[t]: a branch that depends on this iteration's data goes to the end of open construct t
        boolean[] skipped = new boolean[16];
        boolean continued = false; // such a branch goes back to the outer header
        boolean blocked = false;
        for (int pc = start + 1; pc < code.length; pc++) {
            if (pc - start > MAX_HOIST_BODY) return null;
            Instruction in = code[pc];
            switch (in.opcode) {
                case Opcodes.BLOCK:
                case Opcodes.IF:
                case Opcodes.LOOP: {
                    if (in.opcode == Opcodes.LOOP) {
                        Loop l = loops.get(pc);
                        boolean skippable = continued;
                        for (int t = 0; t < depth; t++) skippable |= skipped[t];
                        if (!blocked && ifs == 0 && !skippable && l != null && (!l.counted() || l.exits)
                                && l.groupSize(pc) > 1) {
                            if (n == found.length) found = java.util.Arrays.copyOf(found, n * 2);
                            found[n++] = pc;
                        } else {
                            blocked = true;
                        }
                    }
                    if (depth == kinds.length) {
                        kinds = java.util.Arrays.copyOf(kinds, depth * 2);
                        skipped = java.util.Arrays.copyOf(skipped, depth * 2);
                    }
                    skipped[depth] = false;
                    kinds[depth++] = in.opcode;
                    if (in.opcode == Opcodes.IF) ifs++;
                    break;
                }
                case Opcodes.END:
                    if (depth == 0) return n == 0 ? null : java.util.Arrays.copyOf(found, n);
                    if (kinds[--depth] == Opcodes.IF) ifs--;
                    break;
                case Opcodes.BR:
                case Opcodes.BR_IF: {
                    boolean invariant = in.opcode == Opcodes.BR_IF && invariantCondition(code, pc, written);
                    int a = (int) in.a;
                    if (a < depth) {
                        // forward to the end of a construct of the body, unless it is a loop's own back edge
                        if (kinds[depth - 1 - a] != Opcodes.LOOP && !invariant) skipped[depth - 1 - a] = true;
                    } else if (a == depth && !invariant) {
                        continued = true;
                    }
                    break;
                }
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

    /**
     * For an outer loop at {@code start} whose header pays for its inner loops {@code inner}
     * ({@link #hoisting}): each inner loop's iteration counter, {@code {local, step}}, when the
     * outer loop can settle its inner loops' fuel afterwards (DESIGN.md, "Refunds settled from
     * counters"), else null. That takes: nothing in the outer body that uses fuel but the inner
     * loops — no other loop, call, {@code br_table} or exception instruction — and in every inner
     * loop an i32 local that its body moves by a constant step (at most {@link #MAX_STEP}) before
     * anything that can branch, and that nothing else in the outer body writes. Then the number
     * of iterations an inner loop has begun since any point of the outer loop is {@code (counter
     * - value then) / step}, at its header, after it and at any branch out of it.
     */
    static int[][] settledCounters(Instruction[] code, ValType[] localTypes, int start, int[] inner) {
        int[] writes = new int[localTypes.length];
        int depth = 0;
        int end = -1;
        for (int pc = start + 1; pc < code.length && end < 0; pc++) {
            Instruction in = code[pc];
            switch (in.opcode) {
                case Opcodes.BLOCK:
                case Opcodes.IF:
                    depth++;
                    break;
                case Opcodes.LOOP:
                    if (java.util.Arrays.binarySearch(inner, pc) < 0) return null;
                    depth++;
                    break;
                case Opcodes.END:
                    if (depth-- == 0) end = pc;
                    break;
                case Opcodes.BR_TABLE:
                    return null;
                case Opcodes.LOCAL_SET:
                case Opcodes.LOCAL_TEE:
                    writes[(int) in.a]++;
                    break;
                default:
                    if (callsOrThrows(in.opcode)) return null;
                    break;
            }
        }
        if (end < 0) return null;
        int[][] counters = new int[inner.length][];
        for (int i = 0; i < inner.length; i++) {
            counters[i] = innerCounter(code, localTypes, inner[i], writes);
            if (counters[i] == null) return null;
        }
        return counters;
    }

    /** An inner loop's counter for {@link #settledCounters}: the first local its body moves before any control instruction. */
    private static int[] innerCounter(Instruction[] code, ValType[] localTypes, int loop, int[] writes) {
        for (int pc = loop + 1; pc < code.length; pc++) {
            Instruction in = code[pc];
            switch (in.opcode) {
                case Opcodes.BLOCK: case Opcodes.LOOP: case Opcodes.IF: case Opcodes.ELSE: case Opcodes.END:
                case Opcodes.BR: case Opcodes.BR_IF: case Opcodes.BR_TABLE: case Opcodes.RETURN:
                    return null;
                case Opcodes.LOCAL_SET:
                case Opcodes.LOCAL_TEE: {
                    int v = (int) in.a;
                    if (localTypes[v] != ValType.I32 || writes[v] != 1) break;
                    Integer step = updateStep(code, pc, v, loop);
                    if (step == null || step == 0 || step == Integer.MIN_VALUE || Math.abs(step) > MAX_STEP) break;
                    return new int[] {v, step};
                }
                default:
                    if (callsOrThrows(in.opcode)) return null;
                    break;
            }
        }
        return null;
    }

    /** The locals written anywhere in the loop starting at {@code start}. */
    private static boolean[] writtenLocals(Instruction[] code, int start) {
        boolean[] written = new boolean[0];
        int depth = 0;
        for (int pc = start + 1; pc < code.length; pc++) {
            int op = code[pc].opcode;
            if (op == Opcodes.BLOCK || op == Opcodes.LOOP || op == Opcodes.IF) depth++;
            if (op == Opcodes.END && depth-- == 0) break;
            if (op == Opcodes.LOCAL_SET || op == Opcodes.LOCAL_TEE) {
                int i = (int) code[pc].a;
                if (i >= written.length) written = java.util.Arrays.copyOf(written, i + 1);
                written[i] = true;
            }
        }
        return written;
    }

    /**
     * Whether the condition of the {@code br_if} at {@code pc} is the same on every iteration: a
     * constant, or a local the loop never writes (fasta's "is the table longer than one entry").
     */
    private static boolean invariantCondition(Instruction[] code, int pc, boolean[] written) {
        Instruction c = code[pc - 1];
        if (c.opcode == Opcodes.I32_CONST) return true;
        if (c.opcode != Opcodes.LOCAL_GET) return false;
        int i = (int) c.a;
        return i >= written.length || !written[i];
    }

    /** Longest outer loop body (instructions) paid for ahead: it is emitted up to three times. */
    static final int MAX_PREPAID_OUTER_BODY = 150;
    /** The most one prepayment may cover: outer loops are paid in chunks of it. */
    static final long PREPAY_LIMIT = org.wasm2jvm.runtime.InstanceBase.PREPAY_LIMIT;

    /**
     * The loop at {@code start}, which holds other loops, as a counted loop whose iterations can
     * be paid for ahead, in chunks (DESIGN.md, "Outer loops paid ahead"), else null. Besides being
     * counted like an innermost loop ({@link #counted}: one branch back to it, at its end — or,
     * rotated, {@code block ... (br_if 0 <exit test>) <tail> (br 1) end} at its end —, the test on
     * a counter the body moves once by 1 against a bound it never writes), it holds no loops
     * but those of {@code loops} (innermost ones, paid for as usual), at least one of them paid in
     * groups or left early (one that always runs to its end is paid whole at its entry, and the
     * outer check is then rare), and nothing else that uses
     * fuel or jumps unpredictably (a call, {@code br_table}, an exception instruction), and is at
     * most {@link #MAX_PREPAID_OUTER_BODY} long.
     */
    static Loop prepaidOuter(Instruction[] code, ValType[] localTypes, int start, Map<Integer, Loop> loops) {
        int depth = 0; // constructs open below the outer loop's own label
        int end = -1;
        boolean exits = false;
        int lastTopBlock = -1; // the last construct opened at the top level of the body if a block, else -1
        boolean checksInside = false; // an inner loop that checks as it goes (else each is paid whole at its entry)
        int rotatedBackEdge = -1;
        for (int pc = start + 1; pc < code.length && end < 0; pc++) {
            if (pc - start > MAX_PREPAID_OUTER_BODY) return null;
            Instruction in = code[pc];
            switch (in.opcode) {
                case Opcodes.LOOP: {
                    // innermost loops that are counted or paid in groups: their checks can hand over
                    // to the checked copy at a group boundary (one checked per iteration could not)
                    Loop inner = loops.get(pc);
                    if (inner == null || !inner.counted() && inner.groupSize(pc) <= 1) return null;
                    checksInside |= !inner.counted() || inner.exits;
                    if (depth == 0) lastTopBlock = -1;
                    depth++;
                    break;
                }
                case Opcodes.BLOCK:
                case Opcodes.IF:
                    if (depth == 0) lastTopBlock = in.opcode == Opcodes.BLOCK ? pc : -1;
                    depth++;
                    break;
                case Opcodes.END:
                    if (depth == 0) end = pc;
                    else depth--;
                    break;
                case Opcodes.RETURN:
                    exits = true;
                    break;
                case Opcodes.BR:
                case Opcodes.BR_IF:
                    if (in.a > depth) {
                        exits = true;
                    } else if (in.a == depth) {
                        boolean last = depth == 0 && code[pc + 1].opcode == Opcodes.END;
                        // rotated: `block ... (br_if 0 <exit test>) <tail> (br 1) end end`
                        boolean rotated = depth == 1 && in.opcode == Opcodes.BR && in.a == 1
                                && code[pc + 1].opcode == Opcodes.END && code[pc + 2].opcode == Opcodes.END;
                        if (!last && !rotated) return null;
                        if (rotated) rotatedBackEdge = pc;
                    }
                    break;
                case Opcodes.BR_TABLE:
                    return null;
                default:
                    if (callsOrThrows(in.opcode)) return null;
                    break;
            }
        }
        // inner loops all paid whole at entry (floyd's, matmul's rows): the outer check is one in hundreds
        // of iterations, and a paid copy around them ran slower (floyd: ~1.6x in alternating JVMs, JDK 17)
        if (end < 0 || !checksInside) return null;
        Loop l;
        if (code[end - 1].opcode == Opcodes.BR_IF && code[end - 1].a == 0) {
            l = counted(code, localTypes, start, end, exits, end - 2, false, -1);
        } else if (rotatedBackEdge == end - 2 && lastTopBlock >= 0) {
            int exit = rotatedExit(code, lastTopBlock, end);
            if (exit < 0) return null;
            l = counted(code, localTypes, start, end, exits, exit - 1, true, lastTopBlock);
            if (l != null) {
                l.tailFrom = exit + 1;
                l.tailTo = end - 2;
            }
        } else {
            return null;
        }
        // the paid copy runs in chunks: it needs the bound in an instruction of its own to replace,
        // and a trip count worked out in line (ne by 1, lt going up, gt going down)
        if (l == null || l.boundPc < 0) return null;
        boolean inline = l.cmp == Opcodes.I32_NE ? Math.abs(l.step) == 1
                : (l.cmp == Opcodes.I32_LT_S || l.cmp == Opcodes.I32_LT_U) ? l.step == 1
                : (l.cmp == Opcodes.I32_GT_S || l.cmp == Opcodes.I32_GT_U) && l.step == -1;
        return inline ? l : null;
    }

    /**
     * For a loop ending in {@code block ... end end} (the block at {@code block}, the loop's
     * {@code end} at {@code end}), the pc of the block's exit test: its one {@code br_if 0} at the
     * block's top level, the only branch to the block, followed by a tail without control
     * instructions that leaves the operand stack as it found it, then {@code br 1}. Else -1.
     */
    private static int rotatedExit(Instruction[] code, int block, int end) {
        if (code[block].a != -64) return -1;
        int depth = 0; // below the block's label
        int exit = -1;
        for (int pc = block + 1; pc < end - 2; pc++) {
            Instruction in = code[pc];
            int op = in.opcode;
            boolean control = op == Opcodes.BLOCK || op == Opcodes.LOOP || op == Opcodes.IF || op == Opcodes.ELSE
                    || op == Opcodes.END || op == Opcodes.BR || op == Opcodes.BR_IF || op == Opcodes.BR_TABLE
                    || op == Opcodes.RETURN || op == Opcodes.UNREACHABLE || callsOrThrows(op);
            if (exit >= 0) {
                if (control) return -1;
                continue;
            }
            if (op == Opcodes.BLOCK || op == Opcodes.LOOP || op == Opcodes.IF) depth++;
            if (op == Opcodes.END) depth--;
            if ((op == Opcodes.BR || op == Opcodes.BR_IF) && in.a == depth) {
                if (op != Opcodes.BR_IF || depth != 0) return -1;
                exit = pc;
            }
        }
        if (exit < 0) return -1;
        int height = 0;
        for (int pc = exit + 1; pc < end - 2; pc++) {
            height += StackEffects.delta(null, code[pc]);
        }
        return height == 0 ? exit : -1;
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
        Loop counted = last == Opcodes.BR_IF ? counted(code, localTypes, start, end, exits, end - 2, false, -1) : null;
        if (counted != null) return counted;
        return end - start <= GROUP_MAX_BODY ? new Loop(end, exits) : null;
    }

    /**
     * The loop from {@code start} to {@code end} as a counted loop, or null when its test is not on
     * a counter. The test ends at {@code condEnd}; when {@code exitTest} it is a rotated loop's,
     * true to leave the loop, inside the block at {@code block}, which runs on every iteration like
     * the loop's top level.
     */
    private static Loop counted(Instruction[] code, ValType[] localTypes, int start, int end, boolean exits,
                                int condEnd, boolean exitTest, int block) {
        int depth;

        // writes of every local in the body, and the top-level position of each
        int nLocals = localTypes.length;
        int[] writes = new int[nLocals];
        int[] lastWrite = new int[nLocals];
        boolean[] topLevel = new boolean[nLocals];
        depth = 0;
        for (int pc = start + 1; pc < end; pc++) {
            int op = code[pc].opcode;
            if (pc == block || block >= 0 && pc == end - 1) continue;
            if (op == Opcodes.BLOCK || op == Opcodes.IF || op == Opcodes.LOOP) depth++;
            if (op == Opcodes.END) depth--;
            if (op == Opcodes.LOCAL_SET || op == Opcodes.LOCAL_TEE) {
                int i = (int) code[pc].a;
                writes[i]++;
                lastWrite[i] = pc;
                topLevel[i] = depth == 0;
            }
        }

        // the condition: [left right CMP] or [value] just before br_if
        Operand right = Operand.parse(code, condEnd - 1, start);
        int cmp = exitTest ? negatedCmp(code[condEnd].opcode) : cmpCode(code[condEnd].opcode);
        if (exitTest && cmp == 0) return null;
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
            if (exitTest) return null;
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
        if (exitTest && w > condEnd) return null; // the update must come before a rotated loop's exit
        Loop l = new Loop(end, v, step, testsUpdated, bound.local, bound.value, cmp, exits, w);
        if (bound.last > start) l.boundPc = bound.last;
        return l;
    }

    /** For an exit test {@code a OP b}: the comparison that keeps the loop going (a LoopTrips code), or 0. */
    private static int negatedCmp(int opcode) {
        switch (opcode) {
            case Opcodes.I32_EQ: return Opcodes.I32_NE;
            case Opcodes.I32_GE_S: return Opcodes.I32_LT_S;
            case Opcodes.I32_GE_U: return Opcodes.I32_LT_U;
            case Opcodes.I32_LE_S: return Opcodes.I32_GT_S;
            case Opcodes.I32_LE_U: return Opcodes.I32_GT_U;
            case Opcodes.I32_LT_S: return Opcodes.I32_GE_S;
            case Opcodes.I32_LT_U: return Opcodes.I32_GE_U;
            case Opcodes.I32_GT_S: return Opcodes.I32_LE_S;
            case Opcodes.I32_GT_U: return Opcodes.I32_LE_U;
            default: return 0;
        }
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
