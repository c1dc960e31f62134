package org.wasm2jvm.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;
import static org.wasm2jvm.compiler.codegen.JvmTypes.*;

import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.model.Opcodes;

/**
 * Compiles one validated Wasm function body into the body of one static JVM method.
 *
 * <p>The Wasm operand stack maps onto the JVM operand stack; Wasm locals onto JVM locals (the
 * instance object follows the parameters). Structured control flow becomes labels and jumps.
 * A branch that carries values out of a block whose JVM stack holds more values below spills the
 * carried values to scratch locals, pops the rest and reloads them. Code after
 * {@code unreachable}/{@code br}/{@code br_table}/{@code return} is skipped up to the matching
 * {@code else}/{@code end}: its stack is polymorphic and the JVM verifier could not type it.
 * A comparison directly followed by {@code br_if} or {@code if} becomes one compare-and-jump.
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/instructions.html">Spec 4.4 Instructions</a>
 * @see DESIGN.md in this package
 */
final class FunctionCompiler {
    private static final int FUNC = 0, BLOCK = 1, LOOP = 2, IF = 3, OUTER = 4;
    /** Fuel one in-line refill takes from the reserve: the runtime's slice (same jar version). */
    private static final long SLICE = org.wasm2jvm.runtime.InstanceBase.SLICE;

    /** A control frame: the spec's control stack entry plus its JVM labels. */
    private static final class Ctl {
        int kind;
        ValType[] params, results;
        int height;
        boolean unreachable;
        boolean targeted;
        boolean hadElse;
        Label label;
        Label elseLabel;
        /** For OUTER frames (region mode): the frame's depth in the calling method. */
        int callerDepth;
        /** The pc of the instruction that opened the frame. */
        int startPc;
    }

    /**
     * While emitting the fast copy of an outer loop whose header paid for the first group of
     * its inner loops {@link #pcs} ({@link MeteredLoops#hoisting}): what a branch that skips one of
     * them gives back (where each goes on when a later group cannot be paid: {@link #checkedEntries}).
     */
    private static final class Hoist {
        /** The outer loop's control-stack index. */
        int ctl;
        int[] pcs;
        long[] groups;
        /**
         * Refunds settled from counters ({@link MeteredLoops#settledCounters}): the inner loops'
         * counter locals and steps, else null; the outer loop's own cost and its header's charge.
         */
        int[][] counters;
        long own, charge;
        /** The one place where the fast copy settles before going on at {@link #resumes}[resume slot]. */
        Label settle;
        Label[] resumes;
    }

    private final Module module;
    private final ModuleLayout layout;
    private final ClassVisitor cw;
    private final String owner;
    private final String methodName;
    private MethodVisitor mv;
    private final FuncType type;
    private final FunctionBody body;
    private final Map<Integer, List<SplitPlanner.Region>> plan;
    /** The region this method implements, or null for the whole function. */
    private final SplitPlanner.Region root;
    private final FunctionCompiler parent;
    /** Whether to count fuel (and check interruption and deadline once per slice); see DESIGN.md. */
    private final boolean metering;
    /** Whether to count nested calls for InstanceLimits.maxCallDepth. */
    private final boolean depthLimit;
    private final FuelCosts fuelCosts;
    /** Metering: loops whose iterations are paid for before they start, by the pc of their {@code loop}. */
    private Map<Integer, MeteredLoops.Loop> countedLoops = Map.of();
    /** While emitting the unchecked copy of a counted loop: the loop, its pc and its control-stack index. */
    private MeteredLoops.Loop paidLoop;
    private int paidLoopPc;
    private int paidLoopCtl = -1;
    /** While emitting copy j of a loop paid for in groups of k: the fuel of the k - 1 - j iterations after it. */
    private long groupRefund;
    /** Metering: outer loops that pay for their inner loops' first groups, by pc (see {@link Hoist}). */
    private Map<Integer, int[]> hoistingLoops = Map.of();
    /** While emitting the fast copy of such an outer loop; else null. */
    private Hoist hoist;
    /** Metering: of those, the ones that settle their inner loops' refunds from counters, by pc. */
    private Map<Integer, int[][]> settledLoops = Map.of();
    /**
     * Metering, with such loops: a long, the fuel the outer header's charges count from
     * ({@link #settleBaseSlot}); a long, the later groups of inner loops paid since
     * ({@link #settleLaterSlot}); an int, where to go on after settling ({@link #settleResumeSlot});
     * then an int per inner loop, its counter then ({@link #settleFirstSlot}).
     */
    private int settleBaseSlot = -1;
    /** Metering: counted loops holding other loops, paid for ahead in chunks ({@link #emitPaidOuterCopy}), by pc. */
    private Map<Integer, MeteredLoops.Loop> prepaidOuters = Map.of();
    /**
     * While emitting the paid copy of such a loop: the loop, what one iteration costs (its own
     * cost plus its inner loops' first groups) and its control-stack index; else null and -1.
     */
    private MeteredLoops.Loop prepaidOuter;
    private long prepaidCharge;
    private int prepaidCtl = -1;
    /**
     * While emitting an outer loop's paid copy or fast copy: the entries of its inner loops in
     * the checked (slow) copy, by pc, where an inner loop goes on when the fuel at hand cannot pay.
     */
    private Map<Integer, Label> checkedEntries = Map.of();
    /** While emitting the slow copy of such an outer loop: its inner loops' entries there, by pc. */
    private Map<Integer, Label> slowEntries = Map.of();
    /** Metering: slots for a counted loop with early exits (trip count, a long; counter at entry). */
    private int loopTripsSlot = -1;
    private int loopStartSlot = -1;
    /** Metering: a long the in-line iteration count keeps the counter's first value in. */
    private int tripsFirstSlot = -1;
    /** Metering, with outer loops paid ahead: the bound their paid copy tests against (the end of the chunk paid). */
    private int chunkBoundSlot = -1;
    /** Metering: a long the in-line refill keeps the reserve's new value in ({@link #emitTakeFuel}). */
    private int reserveSlot = -1;
    /** The pc of the instruction being emitted. */
    private int currentPc;
    private int regionCounter;
    private int lfSlot = -1;
    private int rfSlot = -1;
    private int frameSize;
    /** Region mode: exit codes this region returns besides 0, and whether it can complete normally. */
    private final java.util.TreeSet<Integer> exitCodes = new java.util.TreeSet<>();
    private boolean fallsThrough;

    private ValType[] localTypes;
    private int[] localSlots;
    private int instSlot;
    private int memSlot = -1;
    private int tempBase;
    private int tempTop;
    private int maxTemp;

    private ValType[] stack = new ValType[32];
    private int sp;
    private Ctl[] ctl = new Ctl[16];
    private int ctlTop = -1;
    private int deadDepth;

    /** HotSpot never JIT-compiles a method with more bytecode than this ({@code DontCompileHugeMethods}). */
    static final int HUGE_METHOD = 8000;
    /** Functions estimated above this are compiled once on the side and measured before the real emit. */
    private static final int MEASURE_ABOVE = 3000;

    /**
     * Compiles one function into {@code cw} so that no method it becomes exceeds {@link #HUGE_METHOD}
     * bytes of bytecode. The split planner works from estimates; when a function is big enough for
     * the estimate to matter, it is first compiled into a scratch class and its methods measured,
     * and planned again with a smaller budget while any is too big (wasi-libc's {@code printf_core}
     * came out at 8,006 bytes from a 6,000-byte estimate).
     */
    static void compileFitting(Module module, ModuleLayout layout, ClassVisitor cw, String owner, String methodName,
                               FuncType type, FunctionBody body, boolean metering, boolean depthLimit) {
        int limit = SplitPlanner.LIMIT;
        if (SplitPlanner.estimateFunction(body) > MEASURE_ABOVE) {
            for (int attempt = 0; attempt < 6; attempt++) {
                ClassWriter scratch = new ClassWriter(0);
                scratch.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, owner, null, OBJECT, null);
                // The real class shares its constant pool with other functions, so its constants may sit
                // above index 255 where ldc becomes the longer ldc_w: fill the scratch pool the same way.
                for (int i = 0; i < 150; i++) scratch.newConst("\0pad" + i);
                new FunctionCompiler(module, layout, scratch, owner, methodName, type, body, metering, depthLimit, limit).compile();
                scratch.visitEnd();
                int largest = MethodSizes.largest(scratch.toByteArray());
                if (largest <= HUGE_METHOD) break;
                // shrink in proportion to the overshoot, with some margin
                limit = Math.max(SplitPlanner.MIN_REGION * 2, (int) (limit * (HUGE_METHOD * 0.9) / largest));
            }
        }
        new FunctionCompiler(module, layout, cw, owner, methodName, type, body, metering, depthLimit, limit).compile();
    }

    FunctionCompiler(Module module, ModuleLayout layout, ClassVisitor cw, String owner, String methodName,
                     FuncType type, FunctionBody body, boolean metering, boolean depthLimit) {
        this(module, layout, cw, owner, methodName, type, body, metering, depthLimit, SplitPlanner.LIMIT);
    }

    private FunctionCompiler(Module module, ModuleLayout layout, ClassVisitor cw, String owner, String methodName,
                     FuncType type, FunctionBody body, boolean metering, boolean depthLimit, int splitLimit) {
        this.metering = metering;
        this.depthLimit = depthLimit;
        this.fuelCosts = metering ? FuelCosts.of(body.code()) : null;
        this.module = module;
        this.layout = layout;
        this.cw = cw;
        this.owner = owner;
        this.methodName = methodName;
        this.type = type;
        this.body = body;
        this.plan = SplitPlanner.plan(module, type, body, splitLimit);
        this.root = null;
        this.parent = null;
    }

    /** A compiler for one region of {@code parent}'s function, called at the parent's current state. */
    private FunctionCompiler(FunctionCompiler parent, SplitPlanner.Region region, String methodName) {
        this.module = parent.module;
        this.layout = parent.layout;
        this.cw = parent.cw;
        this.owner = parent.owner;
        this.methodName = methodName;
        this.type = parent.type;
        this.body = parent.body;
        this.plan = parent.plan;
        this.root = region;
        this.parent = parent;
        this.metering = parent.metering;
        this.depthLimit = parent.depthLimit;
        this.fuelCosts = parent.fuelCosts;
        this.frameSize = parent.frameSize;
    }

    static String regionDesc(String instanceClass) {
        return "([J[Ljava/lang/Object;L" + instanceClass + ";)I";
    }

    void compile() {
        mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, methodName, functionDesc(type, layout.instanceClass()), null, null);
        int np = type.paramCount();
        int nl = body.locals().length;
        localTypes = new ValType[np + nl];
        localSlots = new int[np + nl];
        int slot = 0;
        for (int i = 0; i < np; i++) {
            localTypes[i] = type.param(i);
            localSlots[i] = slot;
            slot += type.param(i).slots();
        }
        instSlot = slot++;
        if (!plan.isEmpty()) {
            lfSlot = slot++;
            rfSlot = slot++;
            frameSize = localTypes.length + maxArity();
        }
        for (int i = 0; i < nl; i++) {
            ValType t = body.locals()[i];
            localTypes[np + i] = t;
            localSlots[np + i] = slot;
            slot += t.slots();
        }
        boolean usesMemory = layout.hasMemory() && touchesMemory(body.code());
        if (metering) {
            countedLoops = MeteredLoops.find(body.code(), localTypes);
            hoistingLoops = MeteredLoops.hoisting(body.code(), countedLoops);
            settledLoops = new java.util.HashMap<>();
            for (Map.Entry<Integer, int[]> e : hoistingLoops.entrySet()) {
                int[][] counters = MeteredLoops.settledCounters(body.code(), localTypes, e.getKey(), e.getValue());
                if (counters != null) settledLoops.put(e.getKey(), counters);
            }
            prepaidOuters = new java.util.HashMap<>();
            Instruction[] code = body.code();
            for (int p = 0; p < code.length; p++) {
                if (code[p].opcode != Opcodes.LOOP || code[p].a != -64 || countedLoops.containsKey(p)) continue;
                MeteredLoops.Loop l = MeteredLoops.prepaidOuter(code, localTypes, p, countedLoops);
                if (l != null) prepaidOuters.put(p, l);
            }
        }
        allocateScratch(slot, usesMemory);

        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        if (usesMemory) mv.visitTryCatchBlock(start, end, handler, "java/lang/IndexOutOfBoundsException");
        // call-depth limit: a method left by an exception gives nothing back; the function handle
        // Java called through puts the count back (runtime CallDepthBoundary)
        mv.visitLabel(start);
        if (depthLimit) emitCallDepthEntry();
        if (metering) emitFuelCheck(fuelCosts.entry);
        for (int i = np; i < np + nl; i++) {
            pushZero(mv, localTypes[i]);
            mv.visitVarInsn(storeOp(localTypes[i]), localSlots[i]);
        }
        if (lfSlot >= 0) {
            pushInt(mv, frameSize);
            mv.visitIntInsn(NEWARRAY, T_LONG);
            mv.visitVarInsn(ASTORE, lfSlot);
            pushInt(mv, frameSize);
            mv.visitTypeInsn(ANEWARRAY, OBJECT);
            mv.visitVarInsn(ASTORE, rfSlot);
        }
        reloadMemory();

        Ctl f = pushCtl(FUNC, new ValType[0], type.results());
        f.label = new Label();
        emitRange(0, body.code().length);
        mv.visitLabel(end);
        if (usesMemory) emitMemoryTrapHandler(handler);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    // ---- metering (only with CompileOptions.metering) ----

    /** {@code if (--inst.callDepthLeft < 0) trap "call stack exhausted"}. */
    private void emitCallDepthEntry() {
        Label ok = new Label();
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "callDepthLeft", "I");
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
        mv.visitInsn(DUP_X1);
        mv.visitFieldInsn(PUTFIELD, INSTANCE_BASE, "callDepthLeft", "I");
        mv.visitJumpInsn(IFGE, ok);
        mv.visitMethodInsn(INVOKESTATIC, RT, "callDepthExceeded", "()Lorg/wasm2jvm/api/TrapException;", false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(ok);
    }

    /** {@code inst.callDepthLeft++}, leaving the operand stack as it is. */
    private void emitCallDepthExit() {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "callDepthLeft", "I");
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
        mv.visitFieldInsn(PUTFIELD, INSTANCE_BASE, "callDepthLeft", "I");
    }

    /**
     * {@code if ((inst.fuel -= cost) < 0) refill}: the refill in line ({@link #emitInlineRefill}),
     * {@code Rt.refuel(inst)} when that cannot.
     */
    private void emitFuelCheck(int cost) {
        Label ok = new Label();
        Label slow = new Label();
        emitCharge(cost, ok);
        if (cost <= SLICE) {
            emitInlineRefill(slow);
            mv.visitJumpInsn(GOTO, ok);
        }
        mv.visitLabel(slow);
        emitRefuelCall();
        mv.visitLabel(ok);
    }

    /**
     * The usual refill, for running fuel in {@code [-SLICE, 0)} (a check that charged at most a
     * slice): take a {@code SLICE} from the reserve ({@link #emitTakeFuel}, in line) or {@code goto
     * slow}; then {@code inst.fuel += SLICE}. There is no call here unless the take
     * fails (the reserve holds less than a slice, or another thread raised the stop signal): then
     * {@code slow} calls an {@code Rt} helper that throws the trap, pays what is left of the budget
     * or answers "not paid". The operand stack is left as it is.
     */
    private void emitInlineRefill(Label slow) {
        mv.visitLdcInsn(SLICE);
        emitTakeFuel(slow);
        emitAddFuel(SLICE);
    }

    /** {@code Rt.refuel(inst)}: the slow path of a refill (a trap, or the end of the budget), which refills {@code inst.fuel}. */
    private void emitRefuelCall() {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitMethodInsn(INVOKESTATIC, RT, "refuel", "(L" + INSTANCE_BASE + ";)V", false);
    }

    /**
     * Takes {@code amount} (the long on the stack, popped) from the fuel reserve, or jumps to
     * {@code fail} and takes nothing when the reserve cannot cover it or another thread raised the
     * stop signal: {@code v = meter[RESERVE] - amount; if ((v | meter[1 ^ (int) (v >>> 63)]) < 0)
     * goto fail; meter[RESERVE] = v} — one test, as a raised signal is negative. Why the signal
     * is read at that index, plainly: see {@code InstanceBase#meter}.
     *
     * <p>In line rather than a call to a helper in {@code Rt}, although such a helper would be
     * small enough for C2's {@code MaxInlineSize}: C2 does not inline a call whose site the
     * profile shows as never or hardly ever reached, which a refill in a loop nest often is when
     * the method is compiled (a later group check of a short scan loop, say). The call then stays
     * in the loop on its rarely taken path, and a call there merges all memory state at the loop
     * head and makes every value live across it spill: on Temurin 25 metered quicksort's partition
     * loop, with such a call, reloaded the memory buffer's fields and kept the pivot in a stack
     * slot on every outer iteration (DESIGN.md "Slices").
     */
    private void emitTakeFuel(Label fail) {
        // [amount] -> v = reserve - amount, kept in a scratch slot for the store
        emitMeter();
        mv.visitInsn(ICONST_0);
        mv.visitInsn(LALOAD);
        mv.visitInsn(DUP2_X2);
        mv.visitInsn(POP2);
        mv.visitInsn(LSUB);
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LSTORE, reserveSlot);
        // v | meter[1 ^ (int) (v >>> 63)]
        emitMeter();
        mv.visitInsn(ICONST_1);
        mv.visitVarInsn(LLOAD, reserveSlot);
        mv.visitIntInsn(BIPUSH, 63);
        mv.visitInsn(LUSHR);
        mv.visitInsn(L2I);
        mv.visitInsn(IXOR);
        mv.visitInsn(LALOAD);
        mv.visitInsn(LOR);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFLT, fail);
        emitMeter();
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(LLOAD, reserveSlot);
        mv.visitInsn(LASTORE);
    }

    /** Pushes {@code inst.meter}. */
    private void emitMeter() {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "meter", "[J");
    }

    /** {@code if ((fuel -= cost) >= 0) goto paid}. */
    private void emitCharge(long cost, Label paid) {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "fuel", "J");
        mv.visitLdcInsn(cost);
        mv.visitInsn(LSUB);
        mv.visitInsn(DUP2_X1);
        mv.visitFieldInsn(PUTFIELD, INSTANCE_BASE, "fuel", "J");
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGE, paid);
    }

    /**
     * {@code fuel = Rt.<helper>(<two longs on the stack>, inst)}, then jumps to {@code target}
     * when the new fuel's sign satisfies {@code jump} (IFLT/IFGE): the helpers answer "not paid"
     * with a negative {@code ~fuel}.
     */
    private void emitFuelHelper(String helper, int jump, Label target) {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitMethodInsn(INVOKESTATIC, RT, helper, "(JJL" + INSTANCE_BASE + ";)J", false);
        mv.visitInsn(DUP2);
        storeFuel();
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(jump, target);
    }

    /** {@code fuel = ~fuel}: a refill helper's "not paid" answer back to the fuel it was given. */
    private void emitFuelComplement() {
        loadFuel();
        mv.visitLdcInsn(-1L);
        mv.visitInsn(LXOR);
        storeFuel();
    }

    /**
     * The fuel check at a loop header: like {@link #emitFuelCheck}, but the refill path gives the
     * charge back and jumps to the header again instead of falling into the body. That makes the
     * rarely taken refill its own back edge of the loop, so C2 (which splits a loop whose back edges
     * differ much in frequency into an inner and an outer loop) can keep it out of the hot inner
     * loop, where the fuel check is then only an exit test. The loop's operand-stack parameters are
     * left untouched.
     */
    private void emitLoopFuelCheck(Label header, int cost) {
        Label ok = new Label();
        Label slow = new Label();
        Label refilled = new Label();
        emitCharge(cost, ok);
        if (cost <= SLICE) emitInlineRefill(slow);
        else mv.visitJumpInsn(GOTO, slow);
        mv.visitLabel(refilled);
        emitAddFuel((long) cost);
        mv.visitJumpInsn(GOTO, header);
        mv.visitLabel(slow);
        emitRefuelCall();
        mv.visitJumpInsn(GOTO, refilled);
        mv.visitLabel(ok);
    }

    /** The counted loop starting at {@code pc}, unless a region of this method starts inside it. */
    private MeteredLoops.Loop countedLoopAt(int pc) {
        MeteredLoops.Loop l = countedLoops.get(pc);
        if (l == null) return null;
        for (int p = pc + 1; p <= l.endPc; p++) {
            if (regionAt(p) != null) return null;
        }
        return l;
    }

    /**
     * A counted loop (see {@link MeteredLoops}) under metering: {@code Rt.prepayLoop} works out
     * its iteration count and pays for all of it, then the loop runs as a copy without fuel
     * checks; when it cannot (count unknown, too large to pay at once, or beyond the budget) the
     * usual checked copy runs. The operand stack below is left alone (the loop has no params).
     */
    private void emitCountedLoop(Instruction in, int pc, MeteredLoops.Loop l) {
        Label checked = new Label();
        Label done = new Label();
        Label paid = new Label();
        emitLoopTrips(l);
        if (l.exits) {
            mv.visitInsn(DUP2);
            mv.visitVarInsn(LSTORE, loopTripsSlot);
            mv.visitVarInsn(ILOAD, localSlots[l.counter]);
            mv.visitVarInsn(ISTORE, loopStartSlot);
        }
        emitPrepay(fuelCosts.loopAt(pc), paid, checked);
        paidLoop = l;
        paidLoopPc = pc;
        paidLoopCtl = ctlTop + 1;
        emitLoopCopy(in, pc, l.endPc, false);
        paidLoop = null;
        paidLoopCtl = -1;
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(checked);
        emitFuelComplement();
        if (prepaidCtl >= 0) {
            emitLeavePaidOuter(pc);
            mv.visitLabel(done);
            return;
        }
        // checked per iteration: it runs when the loop is too long to pay for at once, or at the end of the budget
        emitLoopCopy(in, pc, l.endPc, true);
        mv.visitLabel(done);
    }

    /**
     * Pushes the counter value the test of counted loop {@code l} sees: at its first test when
     * {@code first} (the counter now, plus the step when the test comes after the update), else at
     * the test just made (the counter now, minus the step when the test came before the update).
     */
    private void emitTestedCounter(MeteredLoops.Loop l, boolean first) {
        mv.visitVarInsn(ILOAD, localSlots[l.counter]);
        if (first && l.testsUpdated) {
            pushInt(mv, l.step);
            mv.visitInsn(IADD);
        } else if (!first && !l.testsUpdated) {
            pushInt(mv, l.step);
            mv.visitInsn(ISUB);
        }
    }

    /**
     * The JVM jump taken when i32 comparison {@code cmp} (a {@code LoopTrips} code: ne, lt or gt)
     * holds; unsigned ones on operands moved by {@link #flipSigns32}.
     */
    private static int intCompareJump(int cmp) {
        switch (cmp) {
            case Opcodes.I32_NE: return IF_ICMPNE;
            case Opcodes.I32_LT_S: case Opcodes.I32_LT_U: return IF_ICMPLT;
            case Opcodes.I32_GT_S: case Opcodes.I32_GT_U: return IF_ICMPGT;
            default: throw new IllegalArgumentException("comparison " + cmp);
        }
    }

    /**
     * Pays for {@code trips} (the long on the stack) iterations of {@code cost} each, then goes on at
     * {@code paid}: {@code need = trips * cost; if (need <= fuel) fuel -= need;} else, when need is
     * over {@code PREPAY_LIMIT}, {@code goto notPaid} with {@code fuel = ~fuel}; else, like
     * {@link #emitInlineRefill}, when {@link #emitTakeFuel} can take {@code need - fuel + SLICE}
     * from the reserve: {@code fuel = SLICE; inst.fuel = fuel}; else {@code fuel = Rt.prepayLoop(fuel,
     * need, inst)}, whose negative answer ({@code ~fuel}: the budget cannot cover it) also jumps to
     * {@code notPaid}. These are {@code Rt.prepayLoop}'s answers: the call is only the slow path.
     */
    private void emitPrepay(long cost, Label paid, Label notPaid) {
        Label prepay = new Label();
        Label tooBig = new Label();
        Label slow = new Label();
        mv.visitLdcInsn(cost);
        mv.visitInsn(LMUL);
        mv.visitInsn(DUP2);
        loadFuel();
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGT, prepay);
        mv.visitInsn(LNEG);
        loadFuel();
        mv.visitInsn(LADD);
        storeFuel();
        mv.visitJumpInsn(GOTO, paid);
        mv.visitLabel(prepay);
        // [need]
        mv.visitInsn(DUP2);
        mv.visitLdcInsn(MeteredLoops.PREPAY_LIMIT);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGT, tooBig);
        // [need, take = need - fuel + SLICE]: taken from the reserve unless it cannot cover it or a signal is raised
        mv.visitInsn(DUP2);
        loadFuel();
        mv.visitInsn(LSUB);
        mv.visitLdcInsn(SLICE);
        mv.visitInsn(LADD);
        emitTakeFuel(slow);
        // fuel + take - need
        mv.visitInsn(POP2);
        mv.visitLdcInsn(SLICE);
        storeFuel();
        mv.visitJumpInsn(GOTO, paid);
        mv.visitLabel(tooBig);
        mv.visitInsn(POP2);
        emitFuelComplement();
        mv.visitJumpInsn(GOTO, notPaid);
        mv.visitLabel(slow);
        loadFuel();
        mv.visitInsn(DUP2_X2);
        mv.visitInsn(POP2);
        emitFuelHelper("prepayLoop", IFLT, notPaid);
        mv.visitLabel(paid);
    }

    /**
     * A loop under metering that is not paid for at entry: with {@code k = l.groupSize(pc)} > 1,
     * the body is emitted k times in a row and one check at the top pays for k iterations; the
     * copies' back edges lead to the next copy, the last one's to the check. Leaving the loop
     * from copy {@code j} (falling through its {@code br_if} or branching out) gives back the
     * {@code k - 1 - j} iterations that did not run, so the charges are the same as with a check
     * per iteration. When the budget cannot cover a whole group, the rest of the loop runs as the
     * copy checked per iteration, which stops exactly where fuel runs out.
     *
     * <p>{@code hoisted} >= 0: the loop is that inner loop of the outer loop being emitted (its
     * fast copy, see {@link #emitOuterLoop}) whose first group the outer header paid for: it
     * starts in its first copy, and instead of a checked copy of its own it goes on in the
     * outer loop's slow copy.
     */
    private void emitCheckedLoop(Instruction in, int pc, MeteredLoops.Loop l, int hoisted) {
        int k = l.groupSize(pc);
        if (k <= 1) {
            emitLoopCopy(in, pc, l.endPc, true);
            return;
        }
        long cost = fuelCosts.loopAt(pc);
        long groupCost = k * cost;
        Label header = new Label();
        Label checked = new Label();
        Label done = new Label();
        Label[] starts = new Label[k];
        for (int j = 0; j < k; j++) starts[j] = new Label();
        if (hoisted >= 0) {
            // the first group was paid for by the outer loop's header: start in the first copy.
            // At the end of the budget the rest of this outer iteration runs as the slow copy, which
            // charges its inner loops as they come, so give back the groups paid for those after this
            // one; after a refill, on to the first copy, the head of this loop (entered there, not at
            // this check), so that the refill is a second back edge of the loop rather than a loop of
            // its own around the check, which would leave the copies outside C2's innermost loop
            mv.visitJumpInsn(GOTO, starts[0]);
            if (hoist.counters != null) {
                emitSettledGroupCheck(header, groupCost, starts[0], hoisted);
            } else {
                emitGroupCheck(header, groupCost, starts[0], false, groupsAfter(hoisted), checkedEntries.get(pc));
            }
        } else {
            // in the paid copy of an outer loop, the group check gives back that loop's unrun iterations
            emitGroupCheck(header, groupCost, starts[0], true, 0, prepaidCtl >= 0 ? checkedEntries.get(pc) : checked);
        }
        emitGroupCopies(in, pc, l, k, hoisted >= 0 && hoist.counters != null ? 0 : cost, starts, header, done);
        if (hoisted >= 0 || prepaidCtl >= 0) {
            mv.visitLabel(done);
            return;
        }
        mv.visitLabel(checked);
        emitLoopCopy(in, pc, l.endPc, true);
        mv.visitLabel(done);
    }

    /**
     * The check that pays for a group of iterations (or an outer header's charge) at {@code header}:
     * {@code if ((fuel -= cost) >= 0) goto paid}; else the refill in line ({@link #emitInlineRefill})
     * or, when that cannot, {@code r = Rt.refuelGroup(fuel, cost, inst)},
     * and when the budget cannot cover it ({@code r < 0}) {@code fuel = ~r + refund; goto notPaid};
     * after a refill, {@code fuel = r + cost; goto header} when {@code recheck} (the refill is a
     * back edge to the loop head at the check), else {@code fuel = r; goto paid}.
     */
    private void emitGroupCheck(Label header, long cost, Label paid, boolean recheck, long refund, Label notPaid) {
        mv.visitLabel(header);
        emitCharge(cost, paid);
        Label refilled = new Label();
        if (cost <= SLICE) {
            Label slow = new Label();
            emitInlineRefill(slow);
            mv.visitJumpInsn(GOTO, refilled);
            mv.visitLabel(slow);
        }
        loadFuel();
        mv.visitLdcInsn(cost);
        emitFuelHelper("refuelGroup", IFGE, refilled);
        emitFuelComplement();
        emitGroupRefund(refund);
        // in an outer loop paid ahead, the checked copy goes on: give back its unrun iterations
        if (prepaidCtl >= 0) emitOuterRefund();
        mv.visitJumpInsn(GOTO, notPaid);
        mv.visitLabel(refilled);
        if (recheck) {
            emitAddFuel(cost);
            mv.visitJumpInsn(GOTO, header);
        } else {
            mv.visitJumpInsn(GOTO, paid);
        }
    }

    /**
     * The k copies of a loop body paid for as one group: copy j's back edges lead to copy j + 1,
     * the last one's to {@code next}; leaving from copy j gives back the k - 1 - j iterations after it.
     */
    private void emitGroupCopies(Instruction in, int pc, MeteredLoops.Loop l, int k, long cost, Label[] starts,
                                 Label next, Label done) {
        for (int j = 0; j < k; j++) {
            mv.visitLabel(starts[j]);
            Ctl c = pushCtl(LOOP, blockParams(in.a), blockResults(in.a));
            c.label = j + 1 < k ? starts[j + 1] : next;
            paidLoop = null;
            paidLoopCtl = ctlTop;
            groupRefund = (k - 1 - j) * cost;
            emitRange(pc + 1, l.endPc + 1);
            paidLoopCtl = -1;
            if (!ctl[ctlTop].unreachable) {
                emitGroupRefund((k - 1 - j) * cost);
                mv.visitJumpInsn(GOTO, done);
            }
            ctl[ctlTop].unreachable = false;
        }
    }

    /** The outer loop at {@code pc} that pays for inner loops' first groups, if no region starts inside it. */
    private int[] hoistingAt(int pc) {
        int[] inner = hoistingLoops.get(pc);
        if (inner == null || holdsRegion(pc)) return null;
        for (int g : inner) {
            if (countedLoopAt(g) == null) return null;
        }
        return inner;
    }

    /** The outer loop at {@code pc} paid for ahead in chunks, if no region starts inside it. */
    private MeteredLoops.Loop prepaidOuterAt(int pc) {
        MeteredLoops.Loop l = prepaidOuters.get(pc);
        if (l == null || holdsRegion(pc)) return null;
        return l;
    }

    /** Whether a planned region starts inside the block, loop or if starting at {@code pc}. */
    private boolean holdsRegion(int pc) {
        int end = blockEnd(pc);
        for (int p = pc + 1; p <= end; p++) {
            if (regionAt(p) != null) return true;
        }
        return false;
    }

    /** While emitting a fast outer copy: the index of the inner loop at {@code pc} among those paid ahead, else -1. */
    private int hoistIndex(int pc) {
        if (hoist == null) return -1;
        for (int i = 0; i < hoist.pcs.length; i++) {
            if (hoist.pcs[i] == pc) return i;
        }
        return -1;
    }

    /** The first groups paid ahead for the inner loops after the {@code i}-th. */
    private long groupsAfter(int i) {
        long sum = 0;
        for (int j = i + 1; j < hoist.pcs.length; j++) sum += hoist.groups[j];
        return sum;
    }

    /**
     * The first groups paid ahead for inner loops that a branch from here to relative depth
     * {@code depth} skips: those still ahead when it leaves (or restarts) the outer loop, those
     * before its target when it goes forward to the end of a block inside the outer loop.
     */
    private long skippedGroups(int depth) {
        if (hoist == null || hoist.counters != null) return 0;
        int t = ctlTop - depth;
        int until;
        if (t <= hoist.ctl) {
            until = Integer.MAX_VALUE;
        } else if (ctl[t].kind == LOOP) {
            return 0;
        } else {
            until = blockEnd(ctl[t].startPc);
        }
        long sum = 0;
        for (int i = 0; i < hoist.pcs.length; i++) {
            if (hoist.pcs[i] > currentPc && hoist.pcs[i] < until) sum += hoist.groups[i];
        }
        return sum;
    }

    /** The pc of the {@code end} of the block, loop or if starting at {@code pc}. */
    private int blockEnd(int pc) {
        Instruction[] code = body.code();
        int depth = 0;
        for (int p = pc + 1; p < code.length; p++) {
            int op = code[p].opcode;
            if (op == Opcodes.BLOCK || op == Opcodes.LOOP || op == Opcodes.IF) depth++;
            if (op == Opcodes.END && depth-- == 0) return p;
        }
        throw new IllegalStateException("no end for pc " + pc);
    }

    /**
     * An outer loop under metering whose header also pays for the first group of iterations of
     * its inner loops {@code inner} ({@link MeteredLoops#hoisting}, DESIGN.md): those then start
     * without a check of their own, and a branch that skips one gives its group back
     * ({@link #skippedGroups}). It is emitted twice. The fast copy runs while the budget covers
     * the header's charge and the inner loops' later groups; when it does not, the rest of the
     * iteration runs in the slow copy — the loop as usual, the outer loop checking its own cost
     * and the inner loops theirs — so fuel still runs out at the exact charge. An inner loop
     * whose later group cannot be paid gives back the groups paid for the inner loops after it
     * and goes on at its own entry in the slow copy. Both copies branch back to the fast header.
     */
    private int emitOuterLoop(Instruction in, int pc, int[] inner, MeteredLoops.Loop counted) {
        int endPc = blockEnd(pc);
        long own = fuelCosts.loopAt(pc);
        // every inner loop's entry in the checked copy: where the paid copy and the fast copy go on
        Map<Integer, Label> entries = new java.util.HashMap<>();
        for (int p = pc + 1; p < endPc; p++) {
            if (body.code()[p].opcode == Opcodes.LOOP && countedLoops.containsKey(p)) entries.put(p, new Label());
        }
        Hoist h = null;
        long charge = own;
        if (inner != null) {
            h = new Hoist();
            h.pcs = inner;
            h.groups = new long[inner.length];
            for (int i = 0; i < inner.length; i++) {
                MeteredLoops.Loop g = countedLoops.get(inner[i]);
                h.groups[i] = g.groupSize(inner[i]) * (long) fuelCosts.loopAt(inner[i]);
                charge += h.groups[i];
            }
        }
        Label done = new Label();
        if (counted != null) emitPaidOuterCopy(in, pc, endPc, counted, h, charge, entries, done);
        if (h != null && counted == null && settledLoops.containsKey(pc)) {
            h.counters = settledLoops.get(pc);
            h.own = own;
            h.charge = charge;
            emitSettledOuterLoop(in, pc, endPc, h, entries, done);
            return endPc;
        }
        if (h == null) {
            // checked per iteration, its inner loops as usual
            Map<Integer, Label> outerEntries = slowEntries;
            slowEntries = entries;
            emitLoopCopy(in, pc, endPc, true);
            slowEntries = outerEntries;
            mv.visitLabel(done);
            return endPc;
        }
        Label fast = new Label();
        Label fastBody = new Label();
        Label slow = new Label();
        emitGroupCheck(fast, charge, fastBody, true, 0, slow);

        mv.visitLabel(fastBody);
        emitOuterCopy(in, pc, endPc, fast, h, entries, null, 0);
        mv.visitJumpInsn(GOTO, done);
        ctl[ctlTop].unreachable = false; // the slow copy decides whether code after the loop is reachable

        mv.visitLabel(slow);
        emitSlowCopy(in, pc, endPc, own, entries, fast);
        mv.visitLabel(done);
        return endPc;
    }

    /**
     * The slow copy of outer loop {@code pc} (the loop as without paying ahead: its own check, its
     * inner loops checking theirs, entered there at {@code entries}), its back edge to {@code head}.
     */
    private void emitSlowCopy(Instruction in, int pc, int endPc, long own, Map<Integer, Label> entries, Label head) {
        emitFuelCheck((int) own);
        Map<Integer, Label> outerEntries = slowEntries;
        slowEntries = entries;
        Ctl c = pushCtl(LOOP, blockParams(in.a), blockResults(in.a));
        c.label = head;
        emitRange(pc + 1, endPc + 1);
        slowEntries = outerEntries;
    }

    /**
     * {@link #emitOuterLoop} for an outer loop whose inner loops have counters
     * ({@link MeteredLoops#settledCounters}; DESIGN.md "Refunds settled from counters"): in the fast
     * copy nothing gives fuel back — not an inner loop left before the end of a group it was
     * charged for, nor a branch that skips one. What was charged and did not run is settled at
     * once where the fast copy is left or cannot pay ({@link #emitSettle}): from the fuel
     * charged since a base point the code works out how many outer iterations began (every
     * header charges the same; what later groups of inner loops charge is counted apart), and
     * from each inner loop's counter how many of its iterations did. So the hot path holds no
     * refunds, and no value that lives across the loop nest but the base and the counters' first
     * values, which are only read where the copy is left. The fast copy's header check settles and
     * pays again with the usual check when the fuel at hand cannot cover it; an inner loop's later
     * group that cannot be paid settles and goes on in the slow copy. Both copies start at the
     * usual check, which sets the base.
     */
    private void emitSettledOuterLoop(Instruction in, int pc, int endPc, Hoist h, Map<Integer, Label> entries,
                                      Label done) {
        Label check = new Label();
        Label based = new Label();
        Label fast = new Label();
        Label fastBody = new Label();
        Label slow = new Label();
        // where the settling goes on: 0 after the loop, 1 the header's usual check, 2 + k inner loop k in the slow copy
        h.settle = new Label();
        h.resumes = new Label[2 + h.pcs.length];
        h.resumes[0] = done;
        h.resumes[1] = check;
        for (int k = 0; k < h.pcs.length; k++) h.resumes[2 + k] = entries.get(h.pcs[k]);
        emitGroupCheck(check, h.charge, based, true, 0, slow);
        mv.visitLabel(based);
        // base = the fuel before this header's charge; the counters as they are
        loadFuel();
        mv.visitLdcInsn(h.charge);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, settleBaseSlot);
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, settleLaterSlot());
        for (int i = 0; i < h.counters.length; i++) {
            mv.visitVarInsn(ILOAD, localSlots[h.counters[i][0]]);
            mv.visitVarInsn(ISTORE, settleFirstSlot(i));
        }
        mv.visitJumpInsn(GOTO, fastBody);
        mv.visitLabel(fast);
        emitCharge(h.charge, fastBody);
        emitAddFuel(h.charge);
        emitSettleAndGo(h, 1);

        mv.visitLabel(fastBody);
        emitOuterCopy(in, pc, endPc, fast, h, entries, null, 0);
        if (!ctl[ctlTop].unreachable) emitSettleAndGo(h, 0);
        // one settling for all: the same sum written at each place would be one value to C2, worked
        // out where it dominates them all, in the hot path right after the header's charge
        mv.visitLabel(h.settle);
        emitSettle(h);
        mv.visitVarInsn(ILOAD, settleResumeSlot());
        Label[] others = java.util.Arrays.copyOfRange(h.resumes, 1, h.resumes.length);
        mv.visitTableSwitchInsn(1, h.resumes.length - 1, h.resumes[0], others);
        ctl[ctlTop].unreachable = false; // the slow copy decides whether code after the loop is reachable

        mv.visitLabel(slow);
        emitSlowCopy(in, pc, endPc, h.own, entries, check);
        mv.visitLabel(done);
    }

    private int settleLaterSlot() {
        return settleBaseSlot + 2;
    }

    private int settleResumeSlot() {
        return settleBaseSlot + 4;
    }

    private int settleFirstSlot(int inner) {
        return settleBaseSlot + 5 + inner;
    }

    /** Settle the fast copy ({@link #emitSettle}) and go on at {@code h.resumes[resume]}. */
    private void emitSettleAndGo(Hoist h, int resume) {
        pushInt(mv, resume);
        mv.visitVarInsn(ISTORE, settleResumeSlot());
        mv.visitJumpInsn(GOTO, h.settle);
    }

    /**
     * Settles the fast copy of a settled outer loop ({@link #emitSettledOuterLoop}): {@code fuel =
     * base - own * n - sum(cost_k * (counter_k - first_k) / step_k)}, where {@code n = (base -
     * fuel - later) / charge}, the outer iterations begun since the base (an exact division, so done as a
     * shift and a multiplication by the inverse of the charge's odd part modulo 2^64). The
     * fuel is then exactly what the loop as written would have left here. The differences stay
     * within int: iterations since the base are at most the fuel at hand then (a slice and a
     * charge), times a step of at most {@link MeteredLoops#MAX_STEP}.
     */
    private void emitSettle(Hoist h) {
        int shift = Long.numberOfTrailingZeros(h.charge);
        long odd = h.charge >>> shift;
        long inverse = odd; // Newton's iteration doubles the correct low bits: 3, 6, 12, 24, 48, 96
        for (int i = 0; i < 5; i++) inverse *= 2 - odd * inverse;
        mv.visitVarInsn(LLOAD, settleBaseSlot);
        mv.visitVarInsn(LLOAD, settleBaseSlot);
        loadFuel();
        mv.visitInsn(LSUB);
        mv.visitVarInsn(LLOAD, settleLaterSlot());
        mv.visitInsn(LSUB);
        if (shift > 0) {
            mv.visitIntInsn(BIPUSH, shift);
            mv.visitInsn(LSHR);
        }
        mv.visitLdcInsn(inverse * h.own);
        mv.visitInsn(LMUL);
        mv.visitInsn(LSUB);
        for (int i = 0; i < h.counters.length; i++) {
            int step = h.counters[i][1];
            mv.visitVarInsn(ILOAD, localSlots[h.counters[i][0]]);
            mv.visitVarInsn(ILOAD, settleFirstSlot(i));
            mv.visitInsn(ISUB);
            if (step == -1) {
                mv.visitInsn(INEG);
            } else if (step != 1) {
                pushInt(mv, step);
                mv.visitInsn(IDIV);
            }
            mv.visitInsn(I2L);
            mv.visitLdcInsn((long) fuelCosts.loopAt(h.pcs[i]));
            mv.visitInsn(LMUL);
            mv.visitInsn(LSUB);
        }
        storeFuel();
    }

    /**
     * A later group check of the settled outer loop's {@code k}-th inner loop: when the fuel at hand
     * cannot pay, it settles and goes on at the inner loop's entry in the slow copy.
     */
    private void emitSettledGroupCheck(Label header, long groupCost, Label paid, int k) {
        Label charged = new Label();
        mv.visitLabel(header);
        emitCharge(groupCost, charged);
        emitAddFuel(groupCost);
        emitSettleAndGo(hoist, 2 + k);
        mv.visitLabel(charged);
        // counted apart, so that base - fuel - later counts header charges only
        mv.visitVarInsn(LLOAD, settleLaterSlot());
        mv.visitLdcInsn(groupCost);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, settleLaterSlot());
        mv.visitJumpInsn(GOTO, paid);
    }

    /**
     * The paid copy of counted outer loop {@code l} ({@link MeteredLoops#prepaidOuter}, DESIGN.md
     * "Outer loops paid ahead"): at entry it pays {@code charge} (its own cost, plus the first
     * groups of the inner loops {@code h} pays for, if any) for as many iterations as one
     * prepayment may cover, and runs them without a check of its own: its test compares the
     * counter with the value it has at the last of them. When the loop's own test goes on after
     * that, it pays for the next chunk. An early exit gives back the iterations paid for and not
     * run ({@link #emitOuterRefund}); so does an inner loop's check that the fuel at hand cannot
     * cover, which then goes on at its own entry in the checked copy ({@code entries}), where
     * fuel runs out at the exact charge. When a chunk cannot be paid, the checked copy that
     * follows runs.
     */
    private void emitPaidOuterCopy(Instruction in, int pc, int endPc, MeteredLoops.Loop l, Hoist h, long charge,
                                   Map<Integer, Label> entries, Label done) {
        Label chunk = new Label();
        Label paidHead = new Label();
        Label notPaid = new Label();
        mv.visitLabel(chunk);
        // c = min(trips, what one prepayment may cover); the copy's test stops after c iterations:
        // it compares with the value its counter has at the c-th test, first + (c - 1) * step
        emitLoopTrips(l);
        mv.visitLdcInsn(Math.max(1, MeteredLoops.PREPAY_LIMIT / charge));
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", "(JJ)J", false);
        mv.visitInsn(DUP2);
        mv.visitInsn(L2I);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
        pushInt(mv, l.step);
        mv.visitInsn(IMUL);
        emitTestedCounter(l, true);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ISTORE, chunkBoundSlot);
        Label paid = new Label();
        emitPrepay(charge, paid, notPaid);
        mv.visitLabel(paidHead);
        emitOuterCopy(in, pc, endPc, paidHead, h, entries, l, charge);
        if (!ctl[ctlTop].unreachable) {
            // the chunk ran out: when the loop's own test goes on, run what follows the test in the
            // loop (a rotated loop's tail) and pay for the next chunk
            emitTestedCounter(l, false);
            emitLoopBound(l);
            if (l.cmp == Opcodes.I32_LT_U || l.cmp == Opcodes.I32_GT_U) flipSigns32();
            Label finished = new Label();
            mv.visitJumpInsn(negate(intCompareJump(l.cmp)), finished);
            if (l.tailFrom >= 0) emitRange(l.tailFrom, l.tailTo);
            mv.visitJumpInsn(GOTO, chunk);
            mv.visitLabel(finished);
        }
        mv.visitJumpInsn(GOTO, done);
        ctl[ctlTop].unreachable = false;
        mv.visitLabel(notPaid);
        emitFuelComplement();
    }

    /**
     * One copy of the body of outer loop {@code pc}, its back edge to {@code head}: {@code h} (or
     * null) pays for its inner loops' first groups, {@code entries} are their entries in the
     * checked copy; {@code paid} (or null): the paid copy of that counted loop, {@code charge} an
     * iteration's cost.
     */
    private void emitOuterCopy(Instruction in, int pc, int endPc, Label head, Hoist h, Map<Integer, Label> entries,
                               MeteredLoops.Loop paid, long charge) {
        Hoist outer = hoist;
        Map<Integer, Label> outerEntries = checkedEntries;
        hoist = h;
        checkedEntries = entries;
        Ctl c = pushCtl(LOOP, blockParams(in.a), blockResults(in.a));
        c.label = head;
        if (h != null) h.ctl = ctlTop;
        if (paid != null) {
            prepaidOuter = paid;
            prepaidCharge = charge;
            prepaidCtl = ctlTop;
        }
        emitRange(pc + 1, endPc + 1);
        prepaidOuter = null;
        prepaidCtl = -1;
        hoist = outer;
        checkedEntries = outerEntries;
    }

    /**
     * In the paid copy of an outer loop: gives back the iterations of the chunk paid for that will
     * not run after this one, {@code fuel += (chunkBound - t) * step * charge}, where {@code t} is
     * the counter value this iteration's test sees (steps are 1 or -1).
     */
    private void emitOuterRefund() {
        MeteredLoops.Loop l = prepaidOuter;
        mv.visitVarInsn(ILOAD, chunkBoundSlot);
        mv.visitVarInsn(ILOAD, localSlots[l.counter]);
        boolean updated = currentPc > l.updatePc;
        if (!updated && l.testsUpdated) {
            pushInt(mv, l.step);
            mv.visitInsn(IADD);
        } else if (updated && !l.testsUpdated) {
            pushInt(mv, l.step);
            mv.visitInsn(ISUB);
        }
        mv.visitInsn(ISUB);
        if (l.step < 0) mv.visitInsn(INEG);
        mv.visitInsn(I2L);
        mv.visitLdcInsn(prepaidCharge);
        mv.visitInsn(LMUL);
        loadFuel();
        mv.visitInsn(LADD);
        storeFuel();
    }

    /**
     * In the paid copy of an outer loop, an inner loop at {@code pc} whose check the fuel at hand
     * cannot cover (its charge already given back): give back the outer loop's unrun iterations
     * and go on at this loop's entry in the checked copy, which checks against the whole budget.
     */
    private void emitLeavePaidOuter(int pc) {
        emitOuterRefund();
        mv.visitJumpInsn(GOTO, checkedEntries.get(pc));
    }

    /** {@code fuel += refund}: iterations of a group that did not run. */
    private void emitGroupRefund(long refund) {
        if (refund == 0) return;
        emitAddFuel(refund);
    }

    /**
     * Pushes the iteration count of counted loop {@code l} (a long): worked out in line when the
     * step is a power of two (either sign) moving towards the bound — the shapes compilers emit,
     * clang's unrolled loops included — else by {@code LoopTrips.trips}. An unknown count (the
     * counter would wrap, or never meet an {@code ne} bound) becomes one too large to pay for.
     * In line matters for speed: {@code LoopTrips}' helpers are too big for C2 to inline, and a
     * call before an inner loop makes every value live across it spill, the inner loop's too.
     */
    private void emitLoopTrips(MeteredLoops.Loop l) {
        // first = the counter value the first test sees
        mv.visitVarInsn(ILOAD, localSlots[l.counter]);
        if (l.testsUpdated) {
            pushInt(mv, l.step);
            mv.visitInsn(IADD);
        }
        int magnitude = Math.abs(l.step);
        boolean pow2 = l.step != 0 && l.step != Integer.MIN_VALUE && Integer.bitCount(magnitude) == 1;
        int shift = Integer.numberOfTrailingZeros(magnitude);
        Boolean up = orderedUp(l.cmp);
        if (pow2 && l.cmp == org.wasm2jvm.model.Opcodes.I32_NE) {
            emitNeTrips(l, shift);
        } else if (pow2 && up != null && up == (l.step > 0)) {
            emitOrderedTrips(l, shift, up);
        } else {
            emitLoopBound(l);
            pushInt(mv, l.step);
            pushInt(mv, l.cmp);
            mv.visitMethodInsn(INVOKESTATIC, "org/wasm2jvm/runtime/LoopTrips", "trips", "(IIII)J", false);
            // unknown (-1): more iterations than can ever be paid for at once
            Label known = new Label();
            mv.visitInsn(DUP2);
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFGT, known);
            mv.visitInsn(POP2);
            mv.visitLdcInsn(UNKNOWN_TRIPS);
            mv.visitLabel(known);
        }
    }

    /** A count no prepayment covers: what an unknown iteration count becomes. */
    private static final long UNKNOWN_TRIPS = 1L << 40;

    /** For an ordered i32 comparison: true when it holds below the bound (lt, le), false above (gt, ge), null for others. */
    private static Boolean orderedUp(int cmp) {
        switch (cmp) {
            case org.wasm2jvm.model.Opcodes.I32_LT_S: case org.wasm2jvm.model.Opcodes.I32_LT_U:
            case org.wasm2jvm.model.Opcodes.I32_LE_S: case org.wasm2jvm.model.Opcodes.I32_LE_U:
                return true;
            case org.wasm2jvm.model.Opcodes.I32_GT_S: case org.wasm2jvm.model.Opcodes.I32_GT_U:
            case org.wasm2jvm.model.Opcodes.I32_GE_S: case org.wasm2jvm.model.Opcodes.I32_GE_U:
                return false;
            default:
                return null;
        }
    }

    /**
     * {@code w != bound}, step {@code ±2^shift}, first value on the stack: the loop stops when the
     * counter meets the bound, after {@code d / 2^shift} more steps where {@code d = (bound - first)
     * * sign(step) mod 2^32}, if {@code 2^shift} divides d (else it never meets it: unknown).
     */
    private void emitNeTrips(MeteredLoops.Loop l, int shift) {
        Label unknown = new Label();
        Label done = new Label();
        emitLoopBound(l);
        mv.visitInsn(SWAP);
        mv.visitInsn(ISUB);
        if (l.step < 0) mv.visitInsn(INEG);
        if (shift > 0) {
            mv.visitInsn(DUP);
            pushInt(mv, (1 << shift) - 1);
            mv.visitInsn(IAND);
            mv.visitJumpInsn(IFNE, unknown);
        }
        mv.visitInsn(I2L);
        mv.visitLdcInsn(0xFFFFFFFFL);
        mv.visitInsn(LAND);
        if (shift > 0) {
            pushInt(mv, shift);
            mv.visitInsn(LUSHR);
        }
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LADD);
        if (shift > 0) {
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(unknown);
            mv.visitInsn(POP);
            mv.visitLdcInsn(UNKNOWN_TRIPS);
            mv.visitLabel(done);
        }
    }

    /**
     * lt/le (going up) or gt/ge (going down), step {@code ±2^shift}, first value on the stack; in
     * longs and in the comparison's signedness. le/ge become lt/gt with the bound one further
     * (unknown when the bound is the type's last value: the test always holds). Then
     * {@code k = ceil(max(0, distance) / 2^shift)} steps pass the test and the count is k + 1,
     * unless the k-th step would leave the i32 range (it wraps instead: unknown). With step ±1
     * that cannot happen and is not tested.
     */
    private void emitOrderedTrips(MeteredLoops.Loop l, int shift, boolean up) {
        int cmp = l.cmp;
        boolean unsigned = cmp == org.wasm2jvm.model.Opcodes.I32_LT_U || cmp == org.wasm2jvm.model.Opcodes.I32_LE_U
                || cmp == org.wasm2jvm.model.Opcodes.I32_GT_U || cmp == org.wasm2jvm.model.Opcodes.I32_GE_U;
        boolean inclusive = cmp == org.wasm2jvm.model.Opcodes.I32_LE_S || cmp == org.wasm2jvm.model.Opcodes.I32_LE_U
                || cmp == org.wasm2jvm.model.Opcodes.I32_GE_S || cmp == org.wasm2jvm.model.Opcodes.I32_GE_U;
        long max = unsigned ? 0xFFFFFFFFL : Integer.MAX_VALUE;
        long min = unsigned ? 0 : Integer.MIN_VALUE;
        Label unknown = new Label();
        Label done = new Label();
        // with a step of one, the first value is used once and stays on the stack
        boolean keep = shift > 0;
        emitToLong(unsigned);
        if (keep) mv.visitVarInsn(LSTORE, tripsFirstSlot);
        emitLoopBound(l);
        emitToLong(unsigned);
        if (inclusive) {
            // the bound one step past: bound + 1 going up, bound - 1 going down
            mv.visitInsn(DUP2);
            mv.visitLdcInsn(up ? max : min);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFEQ, unknown);
            mv.visitInsn(LCONST_1);
            mv.visitInsn(up ? LADD : LSUB);
        }
        // distance = bound - first going up, first - bound going down
        if (keep) {
            mv.visitVarInsn(LLOAD, tripsFirstSlot);
            if (!up) {
                mv.visitInsn(DUP2_X2);
                mv.visitInsn(POP2);
            }
        } else if (up) {
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
        }
        mv.visitInsn(LSUB);
        mv.visitInsn(LCONST_0);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(JJ)J", false);
        if (keep) {
            mv.visitLdcInsn((1L << shift) - 1);
            mv.visitInsn(LADD);
            pushInt(mv, shift);
            mv.visitInsn(LSHR);
            // the value after k steps must still be an i32 of this signedness
            mv.visitInsn(DUP2);
            pushInt(mv, shift);
            mv.visitInsn(LSHL);
            mv.visitVarInsn(LLOAD, tripsFirstSlot);
            if (up) {
                mv.visitInsn(LADD);
                mv.visitLdcInsn(max);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFGT, unknown);
            } else {
                mv.visitInsn(DUP2_X2);
                mv.visitInsn(POP2);
                mv.visitInsn(LSUB);
                mv.visitLdcInsn(min);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFLT, unknown);
            }
        }
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LADD);
        if (inclusive || keep) {
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(unknown);
            // left on the stack: k (step 2^shift), or first and bound (step one, inclusive)
            mv.visitInsn(POP2);
            if (!keep) mv.visitInsn(POP2);
            mv.visitLdcInsn(UNKNOWN_TRIPS);
            mv.visitLabel(done);
        }
    }

    private void emitLoopBound(MeteredLoops.Loop l) {
        if (l.boundLocal >= 0) {
            mv.visitVarInsn(ILOAD, localSlots[l.boundLocal]);
        } else {
            pushInt(mv, l.boundConst);
        }
    }

    /** int -> long, zero-extended when {@code unsigned}. */
    private void emitToLong(boolean unsigned) {
        mv.visitInsn(I2L);
        if (unsigned) {
            mv.visitLdcInsn(0xFFFFFFFFL);
            mv.visitInsn(LAND);
        }
    }

    /** Whether a branch to {@code depth} leaves the fast copy of a settled outer loop ({@link #emitSettledOuterLoop}). */
    private boolean leavesSettled(int depth) {
        return hoist != null && hoist.counters != null && ctlTop - depth < hoist.ctl;
    }

    /** Whether a branch to {@code depth} leaves the paid copy of an outer loop ({@link #emitPaidOuterCopy}). */
    private boolean leavesPrepaidOuter(int depth) {
        return prepaidCtl >= 0 && ctlTop - depth < prepaidCtl;
    }

    /** Whether a branch to {@code depth} leaves a loop copy whose iterations were paid for ahead. */
    private boolean leavesPaidLoop(int depth) {
        return paidLoopCtl >= 0 && ctlTop - depth < paidLoopCtl;
    }

    /**
     * On an early exit from a paid counted loop: gives back the fuel of the iterations that did
     * not run, {@code fuel += (trips - ran) * cost}, where {@code ran = (counter - start) / step},
     * plus one when the exit comes before this iteration's update of the counter.
     */
    private void emitLoopRefund() {
        MeteredLoops.Loop l = paidLoop;
        if (l == null) {
            emitGroupRefund(groupRefund);
            return;
        }
        mv.visitVarInsn(LLOAD, loopTripsSlot);
        mv.visitVarInsn(ILOAD, localSlots[l.counter]);
        mv.visitVarInsn(ILOAD, loopStartSlot);
        mv.visitInsn(ISUB);
        if (l.step == -1) {
            mv.visitInsn(INEG);
        } else if (l.step != 1) {
            pushInt(mv, l.step);
            mv.visitInsn(IDIV);
        }
        if (currentPc < l.updatePc) {
            mv.visitInsn(ICONST_1);
            mv.visitInsn(IADD);
        }
        mv.visitInsn(I2L);
        mv.visitInsn(LSUB);
        mv.visitLdcInsn((long) fuelCosts.loopAt(paidLoopPc));
        mv.visitInsn(LMUL);
        loadFuel();
        mv.visitInsn(LADD);
        storeFuel();
    }

    private void emitLoopCopy(Instruction in, int pc, int endPc, boolean fuelChecks) {
        Ctl c = pushCtl(LOOP, blockParams(in.a), blockResults(in.a));
        c.label = new Label();
        mv.visitLabel(c.label);
        // (never in an outer loop's paid copy: MeteredLoops.prepaidOuter takes no inner loop checked per iteration)
        if (fuelChecks) emitLoopFuelCheck(c.label, fuelCosts.loopAt(pc));
        emitRange(pc + 1, endPc + 1);
    }

    /**
     * Pushes the running fuel, {@code inst.fuel}. It lives in the field, not in a JVM local:
     * DESIGN.md "Fuel in inst.fuel" says why.
     */
    private void loadFuel() {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "fuel", "J");
    }

    /** {@code inst.fuel += delta}, leaving the operand stack as it is. */
    private void emitAddFuel(long delta) {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "fuel", "J");
        mv.visitLdcInsn(delta);
        mv.visitInsn(LADD);
        mv.visitFieldInsn(PUTFIELD, INSTANCE_BASE, "fuel", "J");
    }

    /** Pops the long on the stack into the running fuel, {@code inst.fuel}. */
    private void storeFuel() {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitInsn(DUP_X2);
        mv.visitInsn(POP);
        mv.visitFieldInsn(PUTFIELD, INSTANCE_BASE, "fuel", "J");
    }

    /** Compiles instructions [from, to), calling out to planned regions. */
    private void emitRange(int from, int to) {
        Instruction[] code = body.code();
        for (int pc = from; pc < to; pc++) {
            Instruction in = code[pc];
            if (ctl[ctlTop].unreachable) {
                pc = skipDead(in, pc);
                if (ctlTop < 0) break;
                continue;
            }
            SplitPlanner.Region r = regionAt(pc);
            if (r != null) {
                emitRegionCall(r);
                pc = r.end - 1;
                continue;
            }
            if (prepaidCtl >= 0 && pc == prepaidOuter.boundPc) {
                // the paid copy stops at the end of the chunk paid for (emitPaidOuterCopy)
                mv.visitVarInsn(ILOAD, chunkBoundSlot);
                push(ValType.I32);
                continue;
            }
            pc = emit(code, pc);
            if (ctlTop < 0) break;
        }
    }

    private SplitPlanner.Region regionAt(int pc) {
        List<SplitPlanner.Region> rs = plan.get(pc);
        if (rs == null) return null;
        for (SplitPlanner.Region r : rs) {
            if (r == root) continue;
            if (root == null || r.end <= root.end) return r;
        }
        return null;
    }

    /** Slots after the locals: the cached memory array and size, metering's slots, then scratch temps. */
    private void allocateScratch(int slot, boolean usesMemory) {
        if (usesMemory) {
            memSlot = slot;
            slot += 2;
        }
        if (metering) {
            loopTripsSlot = slot;
            slot += 2;
            loopStartSlot = slot++;
            tripsFirstSlot = slot;
            slot += 2;
            if (!prepaidOuters.isEmpty()) chunkBoundSlot = slot++;
            reserveSlot = slot;
            slot += 2;
            int inner = 0;
            for (int[][] c : settledLoops.values()) inner = Math.max(inner, c.length);
            if (inner > 0) {
                settleBaseSlot = slot;
                slot += 5 + inner;
            }
        }
        tempBase = tempTop = maxTemp = slot;
    }

    /** The handler that turns an out-of-bounds exception of a buffer access into the Wasm trap. */
    private void emitMemoryTrapHandler(Label handler) {
        mv.visitLabel(handler);
        mv.visitMethodInsn(INVOKESTATIC, RT, "memoryTrap",
                "(Ljava/lang/IndexOutOfBoundsException;)Lorg/wasm2jvm/api/TrapException;", false);
        mv.visitInsn(ATHROW);
    }

    private int maxArity() {
        int m = type.resultCount();
        for (FuncType t : module.types) m = Math.max(m, Math.max(t.paramCount(), t.resultCount()));
        return Math.max(m, 1);
    }

    // ---- regions: parts of an oversized function compiled as their own methods ----

    /** Region mode: the whole method for {@link #root}. */
    private void compileRegion() {
        mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC | ACC_SYNTHETIC, methodName, regionDesc(layout.instanceClass()), null, null);
        localTypes = parent.localTypes;
        countedLoops = parent.countedLoops;
        hoistingLoops = parent.hoistingLoops;
        settledLoops = parent.settledLoops;
        prepaidOuters = parent.prepaidOuters;
        localSlots = new int[localTypes.length];
        lfSlot = 0;
        rfSlot = 1;
        instSlot = 2;
        int slot = 3;
        for (int i = 0; i < localTypes.length; i++) {
            localSlots[i] = slot;
            slot += localTypes[i].slots();
        }
        Instruction[] code = body.code();
        boolean usesMemory = layout.hasMemory()
                && touchesMemory(java.util.Arrays.copyOfRange(code, root.start, root.end));
        allocateScratch(slot, usesMemory);

        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        if (usesMemory) mv.visitTryCatchBlock(start, end, handler, "java/lang/IndexOutOfBoundsException");
        mv.visitLabel(start);
        for (int i = root.used.nextSetBit(0); i >= 0; i = root.used.nextSetBit(i + 1)) {
            loadFromFrame(localTypes[i], i);
            mv.visitVarInsn(storeOp(localTypes[i]), localSlots[i]);
        }
        reloadMemory();
        for (int i = 0; i <= parent.ctlTop; i++) {
            Ctl p = parent.ctl[i];
            Ctl c = pushCtl(OUTER, new ValType[0], new ValType[0]);
            c.params = p.params;
            c.results = p.results;
            c.height = 0;
            c.callerDepth = parent.ctlTop - i;
            if (p.kind == LOOP) c.results = null; // marks "branch carries params"
        }
        ValType[] params = root.isBlock ? blockParams(code[root.start].a) : new ValType[0];
        for (int k = 0; k < params.length; k++) {
            loadFromFrame(params[k], localTypes.length + k);
            push(params[k]);
        }
        emitRange(root.start, root.end);
        if (!ctl[ctlTop].unreachable) {
            fallsThrough = true;
            storeCarried(sp);
            syncWrittenLocals();
            mv.visitInsn(ICONST_0);
            mv.visitInsn(IRETURN);
        }
        mv.visitLabel(end);
        if (usesMemory) emitMemoryTrapHandler(handler);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Values a branch to {@code t} carries. */
    private static ValType[] branchTypes(Ctl t) {
        if (t.kind == OUTER) return t.results == null ? t.params : t.results;
        return t.kind == LOOP ? t.params : t.results;
    }

    private void loadFromFrame(ValType t, int index) {
        if (t.isRef()) {
            mv.visitVarInsn(ALOAD, rfSlot);
            pushInt(mv, index);
            mv.visitInsn(AALOAD);
        } else {
            mv.visitVarInsn(ALOAD, lfSlot);
            pushInt(mv, index);
            mv.visitInsn(LALOAD);
            fromBits(t);
        }
    }

    /** Stores the value in JVM local {@code slot} into frame entry {@code index}. */
    private void storeToFrame(ValType t, int slot, int index) {
        if (t.isRef()) {
            mv.visitVarInsn(ALOAD, rfSlot);
            pushInt(mv, index);
            mv.visitVarInsn(ALOAD, slot);
            mv.visitInsn(AASTORE);
        } else {
            mv.visitVarInsn(ALOAD, lfSlot);
            pushInt(mv, index);
            mv.visitVarInsn(loadOp(t), slot);
            toBits(t);
            mv.visitInsn(LASTORE);
        }
    }

    /** Moves the top {@code n} stack values into the frame's carry area (the type stack is unchanged). */
    private void storeCarried(int n) {
        for (int k = n - 1; k >= 0; k--) {
            ValType t = stack[sp - n + k];
            int tmp = temp(t);
            mv.visitVarInsn(storeOp(t), tmp);
            storeToFrame(t, tmp, localTypes.length + k);
            releaseTemps();
        }
    }

    private void syncWrittenLocals() {
        for (int i = root.written.nextSetBit(0); i >= 0; i = root.written.nextSetBit(i + 1)) {
            storeToFrame(localTypes[i], localSlots[i], i);
        }
    }

    /** Region mode: leave the region towards an enclosing frame of the caller. */
    private void exitTo(Ctl t) {
        storeCarried(branchTypes(t).length);
        syncWrittenLocals();
        int code = 1 + t.callerDepth;
        exitCodes.add(code);
        pushInt(mv, code);
        mv.visitInsn(IRETURN);
    }

    private void emitRegionCall(SplitPlanner.Region r) {
        FunctionCompiler sub = new FunctionCompiler(this, r, methodName + "$" + rootName() + (regionCounter++));
        sub.compileRegion();
        Instruction[] code = body.code();
        ValType[] params = r.isBlock ? blockParams(code[r.start].a) : new ValType[0];
        ValType[] results = r.isBlock ? blockResults(code[r.start].a) : new ValType[0];
        storeCarried(params.length);
        for (int k = 0; k < params.length; k++) JvmTypes.pop(mv, pop());
        for (int i = r.used.nextSetBit(0); i >= 0; i = r.used.nextSetBit(i + 1)) {
            storeToFrame(localTypes[i], localSlots[i], i);
        }
        mv.visitVarInsn(ALOAD, lfSlot);
        mv.visitVarInsn(ALOAD, rfSlot);
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitMethodInsn(INVOKESTATIC, owner, sub.methodName, regionDesc(layout.instanceClass()), false);
        for (int i = r.written.nextSetBit(0); i >= 0; i = r.written.nextSetBit(i + 1)) {
            // the exit code stays on the stack underneath
            loadFromFrame(localTypes[i], i);
            mv.visitVarInsn(storeOp(localTypes[i]), localSlots[i]);
        }
        reloadMemory();
        Label normal = new Label();
        if (sub.exitCodes.isEmpty()) {
            mv.visitInsn(POP);
        } else {
            int[] keys = new int[sub.exitCodes.size()];
            Label[] stubs = new Label[keys.length];
            int k = 0;
            for (int c : sub.exitCodes) {
                keys[k] = c;
                stubs[k++] = new Label();
            }
            mv.visitLookupSwitchInsn(normal, keys, stubs);
            for (k = 0; k < keys.length; k++) {
                mv.visitLabel(stubs[k]);
                int depth = keys[k] - 1;
                ValType[] carried = branchTypes(ctl[ctlTop - depth]);
                for (int j = 0; j < carried.length; j++) {
                    loadFromFrame(carried[j], localTypes.length + j);
                    push(carried[j]);
                }
                branch(depth);
                sp -= carried.length;
            }
        }
        mv.visitLabel(normal);
        if (sub.fallsThrough) {
            for (int j = 0; j < results.length; j++) {
                loadFromFrame(results[j], localTypes.length + j);
                push(results[j]);
            }
        } else {
            mv.visitMethodInsn(INVOKESTATIC, RT, "unreachable", "()Lorg/wasm2jvm/api/TrapException;", false);
            mv.visitInsn(ATHROW);
            markUnreachable();
        }
    }

    private String rootName() {
        return root == null ? "r" : "";
    }

    private static boolean touchesMemory(Instruction[] code) {
        for (Instruction in : code) {
            int op = in.opcode;
            if ((op >= Opcodes.I32_LOAD && op <= Opcodes.MEMORY_GROW) || op == Opcodes.MEMORY_INIT
                    || op == Opcodes.MEMORY_COPY || op == Opcodes.MEMORY_FILL) {
                return true;
            }
        }
        return false;
    }

    private int skipDead(Instruction in, int pc) {
        switch (in.opcode) {
            case Opcodes.BLOCK:
            case Opcodes.LOOP:
            case Opcodes.IF:
                deadDepth++;
                break;
            case Opcodes.ELSE:
                if (deadDepth == 0) doElse();
                break;
            case Opcodes.END:
                if (deadDepth > 0) {
                    deadDepth--;
                } else {
                    doEnd();
                }
                break;
            default:
                break;
        }
        return pc;
    }

    // ---- type stack ----

    private void push(ValType t) {
        if (sp == stack.length) stack = java.util.Arrays.copyOf(stack, sp * 2);
        stack[sp++] = t;
    }

    private ValType pop() {
        return stack[--sp];
    }

    private ValType peek() {
        return stack[sp - 1];
    }

    private Ctl pushCtl(int kind, ValType[] params, ValType[] results) {
        if (++ctlTop == ctl.length) ctl = java.util.Arrays.copyOf(ctl, ctl.length * 2);
        Ctl c = new Ctl();
        c.kind = kind;
        c.params = params;
        c.results = results;
        c.height = sp - params.length;
        c.startPc = currentPc;
        ctl[ctlTop] = c;
        return c;
    }

    private int temp(ValType t) {
        int s = tempTop;
        tempTop += t.slots();
        return s;
    }

    private void releaseTemps() {
        tempTop = tempBase;
    }

    /** The memory's size in bytes, cached beside its array ({@code memSlot}). */
    private int memSizeSlot() {
        return memSlot + 1;
    }

    /** Pushes the memory's array and size, the last two arguments of every {@code Mem} access helper. */
    private void loadMemory() {
        mv.visitVarInsn(ALOAD, memSlot);
        mv.visitVarInsn(ILOAD, memSizeSlot());
    }

    private void reloadMemory() {
        if (memSlot < 0) return;
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "memory0", "L" + MEMORY + ";");
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, MEMORY, "size", "I");
        mv.visitVarInsn(ISTORE, memSizeSlot());
        mv.visitFieldInsn(GETFIELD, MEMORY, "bytes", "[B");
        mv.visitVarInsn(ASTORE, memSlot);
    }

    private ValType[] blockParams(long bt) {
        return bt >= 0 ? module.types.get((int) bt).params() : new ValType[0];
    }

    private ValType[] blockResults(long bt) {
        if (bt >= 0) return module.types.get((int) bt).results();
        if (bt == -64) return new ValType[0];
        return new ValType[] {ValType.fromCode((int) (bt & 0x7F))};
    }

    // ---- control ----

    private void doElse() {
        Ctl f = ctl[ctlTop];
        deadDepth = 0;
        if (!f.unreachable) {
            mv.visitJumpInsn(GOTO, f.label);
            f.targeted = true;
        }
        mv.visitLabel(f.elseLabel);
        f.hadElse = true;
        sp = f.height;
        for (ValType p : f.params) push(p);
        f.unreachable = false;
    }

    private void doEnd() {
        Ctl f = ctl[ctlTop];
        deadDepth = 0;
        if (f.kind == FUNC) {
            if (!f.unreachable) emitReturn();
            ctlTop--;
            return;
        }
        boolean reach = !f.unreachable;
        if (f.kind == IF && !f.hadElse) {
            mv.visitLabel(f.elseLabel);
            reach = true;
        }
        if (f.kind != LOOP) {
            mv.visitLabel(f.label);
            if (f.targeted) reach = true;
        }
        ctlTop--;
        sp = f.height;
        for (ValType r : f.results) push(r);
        if (!reach) ctl[ctlTop].unreachable = true;
    }

    private void markUnreachable() {
        ctl[ctlTop].unreachable = true;
        deadDepth = 0;
    }

    /** Emits the value shuffling for a branch to {@code t}, leaving the type stack unchanged. */
    private void adjustForBranch(Ctl t) {
        ValType[] vals = t.kind == LOOP ? t.params : t.results;
        int n = vals.length;
        int extra = sp - n - t.height;
        if (extra == 0) return;
        int[] tmp = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            ValType vt = stack[sp - n + i];
            tmp[i] = temp(vt);
            mv.visitVarInsn(storeOp(vt), tmp[i]);
        }
        for (int j = sp - n - 1; j >= t.height; j--) JvmTypes.pop(mv, stack[j]);
        for (int i = 0; i < n; i++) mv.visitVarInsn(loadOp(vals[i]), tmp[i]);
        releaseTemps();
    }

    private boolean needsAdjust(Ctl t) {
        if (t.kind == FUNC || t.kind == OUTER) return true;
        int n = t.kind == LOOP ? t.params.length : t.results.length;
        return sp - n - t.height != 0;
    }

    /** Unconditional branch to relative depth {@code depth} (stack already holds its values). */
    private void branch(int depth) {
        if (leavesSettled(depth)) emitSettle(hoist);
        if (leavesPaidLoop(depth)) emitLoopRefund();
        if (leavesPrepaidOuter(depth)) emitOuterRefund();
        emitGroupRefund(skippedGroups(depth));
        Ctl t = ctl[ctlTop - depth];
        if (t.kind == FUNC) {
            emitReturn();
            return;
        }
        if (t.kind == OUTER) {
            exitTo(t);
            return;
        }
        adjustForBranch(t);
        mv.visitJumpInsn(GOTO, t.label);
        t.targeted = true;
    }

    private void emitReturn() {
        int n = type.resultCount();
        // the depth unit goes back right before the return instruction, after anything that can throw
        if (depthLimit && n <= 1) emitCallDepthExit();
        if (n == 0) {
            mv.visitInsn(RETURN);
        } else if (n == 1) {
            mv.visitInsn(returnOp(type.result(0)));
        } else {
            // results 1..n-1 go to the instance's scratch arrays, the first is returned
            for (int i = n - 1; i >= 1; i--) {
                ValType t = type.result(i);
                int tmp = temp(t);
                mv.visitVarInsn(storeOp(t), tmp);
                storeScratch(mv, instSlot, t, i, tmp);
                releaseTemps();
            }
            if (depthLimit) emitCallDepthExit();
            mv.visitInsn(returnOp(type.result(0)));
        }
    }

    /** Conditional branch: {@code jumpIfTrue} consumes the condition already prepared on the JVM stack. */
    private void branchIf(int depth, int jumpIfTrue) {
        Ctl t = ctl[ctlTop - depth];
        if (!needsAdjust(t) && !leavesPaidLoop(depth) && !leavesPrepaidOuter(depth) && skippedGroups(depth) == 0
                && !leavesSettled(depth)) {
            mv.visitJumpInsn(jumpIfTrue, t.label);
            t.targeted = true;
        } else {
            Label skip = new Label();
            mv.visitJumpInsn(negate(jumpIfTrue), skip);
            branch(depth);
            mv.visitLabel(skip);
        }
    }

    private static int negate(int jump) {
        switch (jump) {
            case IFEQ: return IFNE;
            case IFNE: return IFEQ;
            case IFLT: return IFGE;
            case IFGE: return IFLT;
            case IFGT: return IFLE;
            case IFLE: return IFGT;
            case IF_ICMPEQ: return IF_ICMPNE;
            case IF_ICMPNE: return IF_ICMPEQ;
            case IF_ICMPLT: return IF_ICMPGE;
            case IF_ICMPGE: return IF_ICMPLT;
            case IF_ICMPGT: return IF_ICMPLE;
            case IF_ICMPLE: return IF_ICMPGT;
            case IFNULL: return IFNONNULL;
            case IFNONNULL: return IFNULL;
            default: throw new IllegalArgumentException("jump " + jump);
        }
    }

    /**
     * For a comparison opcode, emits what must precede the jump and returns the jump opcode
     * taken when the comparison is true; -1 if {@code op} is not a comparison. Operands are popped
     * from the type stack.
     */
    private int comparison(int op) {
        switch (op) {
            case Opcodes.I32_EQZ: sp--; return IFEQ;
            case Opcodes.I64_EQZ: sp--; mv.visitInsn(LCONST_0); mv.visitInsn(LCMP); return IFEQ;
            case Opcodes.REF_IS_NULL: sp--; return IFNULL;
            case Opcodes.I32_EQ: sp -= 2; return IF_ICMPEQ;
            case Opcodes.I32_NE: sp -= 2; return IF_ICMPNE;
            case Opcodes.I32_LT_S: sp -= 2; return IF_ICMPLT;
            case Opcodes.I32_GT_S: sp -= 2; return IF_ICMPGT;
            case Opcodes.I32_LE_S: sp -= 2; return IF_ICMPLE;
            case Opcodes.I32_GE_S: sp -= 2; return IF_ICMPGE;
            case Opcodes.I32_LT_U: sp -= 2; flipSigns32(); return IF_ICMPLT;
            case Opcodes.I32_GT_U: sp -= 2; flipSigns32(); return IF_ICMPGT;
            case Opcodes.I32_LE_U: sp -= 2; flipSigns32(); return IF_ICMPLE;
            case Opcodes.I32_GE_U: sp -= 2; flipSigns32(); return IF_ICMPGE;
            case Opcodes.I64_EQ: sp -= 2; mv.visitInsn(LCMP); return IFEQ;
            case Opcodes.I64_NE: sp -= 2; mv.visitInsn(LCMP); return IFNE;
            case Opcodes.I64_LT_S: sp -= 2; mv.visitInsn(LCMP); return IFLT;
            case Opcodes.I64_GT_S: sp -= 2; mv.visitInsn(LCMP); return IFGT;
            case Opcodes.I64_LE_S: sp -= 2; mv.visitInsn(LCMP); return IFLE;
            case Opcodes.I64_GE_S: sp -= 2; mv.visitInsn(LCMP); return IFGE;
            // operands end up swapped (b', a'), so the conditions are mirrored
            case Opcodes.I64_LT_U: sp -= 2; flipSigns64Swapped(); return IFGT;
            case Opcodes.I64_GT_U: sp -= 2; flipSigns64Swapped(); return IFLT;
            case Opcodes.I64_LE_U: sp -= 2; flipSigns64Swapped(); return IFGE;
            case Opcodes.I64_GE_U: sp -= 2; flipSigns64Swapped(); return IFLE;
            // NaN: FCMPL gives -1 and FCMPG +1, chosen so that every ordered comparison is false.
            case Opcodes.F32_EQ: sp -= 2; mv.visitInsn(FCMPL); return IFEQ;
            case Opcodes.F32_NE: sp -= 2; mv.visitInsn(FCMPL); return IFNE;
            case Opcodes.F32_LT: sp -= 2; mv.visitInsn(FCMPG); return IFLT;
            case Opcodes.F32_GT: sp -= 2; mv.visitInsn(FCMPL); return IFGT;
            case Opcodes.F32_LE: sp -= 2; mv.visitInsn(FCMPG); return IFLE;
            case Opcodes.F32_GE: sp -= 2; mv.visitInsn(FCMPL); return IFGE;
            case Opcodes.F64_EQ: sp -= 2; mv.visitInsn(DCMPL); return IFEQ;
            case Opcodes.F64_NE: sp -= 2; mv.visitInsn(DCMPL); return IFNE;
            case Opcodes.F64_LT: sp -= 2; mv.visitInsn(DCMPG); return IFLT;
            case Opcodes.F64_GT: sp -= 2; mv.visitInsn(DCMPL); return IFGT;
            case Opcodes.F64_LE: sp -= 2; mv.visitInsn(DCMPG); return IFLE;
            case Opcodes.F64_GE: sp -= 2; mv.visitInsn(DCMPL); return IFGE;
            default: return -1;
        }
    }

    private static boolean isComparison(int op) {
        return (op >= Opcodes.I32_EQZ && op <= Opcodes.F64_GE) || op == Opcodes.REF_IS_NULL;
    }

    /*
     * Unsigned comparisons add MIN_VALUE to both operands and compare signed, the idiom C2
     * recognises as an unsigned compare. Integer/Long.compareUnsigned are avoided on purpose:
     * C2 in JDK 17 builds before the JDK-8376400 fix miscompiles code heavy in them after tens
     * of millions of calls, and generated classes (AOT jars) may run on such a JVM.
     */

    /** [a, b] -> [a + MIN, b + MIN]. */
    private void flipSigns32() {
        mv.visitLdcInsn(Integer.MIN_VALUE);
        mv.visitInsn(IADD);
        mv.visitInsn(SWAP);
        mv.visitLdcInsn(Integer.MIN_VALUE);
        mv.visitInsn(IADD);
        mv.visitInsn(SWAP);
    }

    /** [a, b] -> LCMP(b + MIN, a + MIN): the caller mirrors the condition. */
    private void flipSigns64Swapped() {
        mv.visitLdcInsn(Long.MIN_VALUE);
        mv.visitInsn(LADD);
        mv.visitInsn(DUP2_X2);
        mv.visitInsn(POP2);
        mv.visitLdcInsn(Long.MIN_VALUE);
        mv.visitInsn(LADD);
        mv.visitInsn(LCMP);
    }

    /** Turns a prepared jump into an i32 0/1 on the stack. */
    private void materialize(int jumpIfTrue) {
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(jumpIfTrue, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
        push(ValType.I32);
    }

    private void emitIf(long blockType, int jumpIfFalse) {
        ValType[] params = blockParams(blockType);
        Ctl c = pushCtl(IF, params, blockResults(blockType));
        c.label = new Label();
        c.elseLabel = new Label();
        mv.visitJumpInsn(jumpIfFalse, c.elseLabel);
    }

    // ---- instructions ----

    private int emit(Instruction[] code, int pc) {
        currentPc = pc;
        Instruction in = code[pc];
        int op = in.opcode;
        if (mayTrapOrCall(op)) markOffset(in);
        if (isComparison(op)) {
            Instruction next = pc + 1 < code.length ? code[pc + 1] : null;
            int jump = comparison(op);
            if (next != null && next.opcode == Opcodes.BR_IF) {
                branchIf((int) next.a, jump);
                return pc + 1;
            }
            if (next != null && next.opcode == Opcodes.IF) {
                emitIf(next.a, negate(jump));
                return pc + 1;
            }
            materialize(jump);
            return pc;
        }
        switch (op) {
            case Opcodes.UNREACHABLE:
                mv.visitMethodInsn(INVOKESTATIC, RT, "unreachable", "()Lorg/wasm2jvm/api/TrapException;", false);
                mv.visitInsn(ATHROW);
                markUnreachable();
                break;
            case Opcodes.NOP:
                break;
            case Opcodes.BLOCK: {
                Ctl c = pushCtl(BLOCK, blockParams(in.a), blockResults(in.a));
                c.label = new Label();
                break;
            }
            case Opcodes.LOOP: {
                MeteredLoops.Loop metered = metering ? countedLoopAt(pc) : null;
                if (metered != null) {
                    Label slowEntry = slowEntries.get(pc);
                    if (slowEntry != null) mv.visitLabel(slowEntry);
                    int hoisted = hoistIndex(pc);
                    if (metered.counted() && hoisted < 0) {
                        emitCountedLoop(in, pc, metered);
                    } else {
                        emitCheckedLoop(in, pc, metered, hoisted);
                    }
                    return metered.endPc;
                }
                int[] inner = metering ? hoistingAt(pc) : null;
                MeteredLoops.Loop paidOuter = metering ? prepaidOuterAt(pc) : null;
                if (inner != null || paidOuter != null) {
                    return emitOuterLoop(in, pc, inner, paidOuter);
                }
                Ctl c = pushCtl(LOOP, blockParams(in.a), blockResults(in.a));
                c.label = new Label();
                mv.visitLabel(c.label);
                if (metering) emitLoopFuelCheck(c.label, fuelCosts.loopAt(pc));
                break;
            }
            case Opcodes.IF:
                sp--;
                emitIf(in.a, IFEQ);
                break;
            case Opcodes.ELSE:
                doElse();
                break;
            case Opcodes.END:
                doEnd();
                break;
            case Opcodes.BR:
                branch((int) in.a);
                markUnreachable();
                break;
            case Opcodes.BR_IF:
                sp--;
                branchIf((int) in.a, IFNE);
                break;
            case Opcodes.BR_TABLE:
                sp--;
                emitBrTable(in.labels);
                markUnreachable();
                break;
            case Opcodes.RETURN:
                branch(ctlTop);
                markUnreachable();
                break;
            case Opcodes.CALL:
                emitCall((int) in.a);
                break;
            case Opcodes.CALL_INDIRECT:
                emitCallIndirect((int) in.a, (int) in.b);
                break;
            case Opcodes.DROP:
                JvmTypes.pop(mv, pop());
                break;
            case Opcodes.SELECT:
            case Opcodes.SELECT_T:
                emitSelect();
                break;
            case Opcodes.LOCAL_GET: {
                int i = (int) in.a;
                mv.visitVarInsn(loadOp(localTypes[i]), localSlots[i]);
                push(localTypes[i]);
                break;
            }
            case Opcodes.LOCAL_SET: {
                int i = (int) in.a;
                mv.visitVarInsn(storeOp(localTypes[i]), localSlots[i]);
                sp--;
                break;
            }
            case Opcodes.LOCAL_TEE: {
                int i = (int) in.a;
                mv.visitInsn(localTypes[i].slots() == 2 ? DUP2 : DUP);
                mv.visitVarInsn(storeOp(localTypes[i]), localSlots[i]);
                break;
            }
            case Opcodes.GLOBAL_GET:
                emitGlobalGet((int) in.a);
                break;
            case Opcodes.GLOBAL_SET:
                emitGlobalSet((int) in.a);
                break;
            case Opcodes.TABLE_GET:
                pushTable((int) in.a);
                mv.visitMethodInsn(INVOKESTATIC, RT, "tableGet", "(IL" + TABLE + ";)Ljava/lang/Object;", false);
                sp--;
                push(module.tableType((int) in.a).elementType());
                break;
            case Opcodes.TABLE_SET:
                pushTable((int) in.a);
                mv.visitMethodInsn(INVOKESTATIC, RT, "tableSet", "(ILjava/lang/Object;L" + TABLE + ";)V", false);
                sp -= 2;
                break;
            case Opcodes.MEMORY_SIZE:
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "memory0", "L" + MEMORY + ";");
                mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "pages", "()I", false);
                push(ValType.I32);
                break;
            case Opcodes.MEMORY_GROW:
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "memory0", "L" + MEMORY + ";");
                mv.visitInsn(SWAP);
                mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "grow", "(I)I", false);
                reloadMemory();
                break;
            case Opcodes.I32_CONST:
                pushInt(mv, (int) in.a);
                push(ValType.I32);
                break;
            case Opcodes.I64_CONST:
                if (in.a == 0 || in.a == 1) mv.visitInsn(LCONST_0 + (int) in.a);
                else mv.visitLdcInsn(in.a);
                push(ValType.I64);
                break;
            case Opcodes.F32_CONST: {
                int bits = (int) in.a;
                float v = Float.intBitsToFloat(bits);
                if (v != v) {
                    pushInt(mv, bits);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                } else if (bits == 0) {
                    mv.visitInsn(FCONST_0);
                } else if (v == 1f) {
                    mv.visitInsn(FCONST_1);
                } else if (v == 2f) {
                    mv.visitInsn(FCONST_2);
                } else {
                    mv.visitLdcInsn(v);
                }
                push(ValType.F32);
                break;
            }
            case Opcodes.F64_CONST: {
                long bits = in.a;
                double v = Double.longBitsToDouble(bits);
                if (v != v) {
                    mv.visitLdcInsn(bits);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                } else if (bits == 0) {
                    mv.visitInsn(DCONST_0);
                } else if (v == 1d) {
                    mv.visitInsn(DCONST_1);
                } else {
                    mv.visitLdcInsn(v);
                }
                push(ValType.F64);
                break;
            }
            case Opcodes.REF_NULL:
                mv.visitInsn(ACONST_NULL);
                push(ValType.fromCode((int) in.a));
                break;
            case Opcodes.REF_FUNC:
                pushInt(mv, (int) in.a);
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitMethodInsn(INVOKESTATIC, RT, "refFunc", "(IL" + INSTANCE_BASE + ";)Ljava/lang/Object;", false);
                push(ValType.FUNCREF);
                break;
            case Opcodes.MEMORY_INIT:
                pushInt(mv, (int) in.a);
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitMethodInsn(INVOKESTATIC, MEM, "init", "(IIIIL" + INSTANCE_BASE + ";)V", false);
                sp -= 3;
                break;
            case Opcodes.DATA_DROP:
                pushInt(mv, (int) in.a);
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitMethodInsn(INVOKESTATIC, RT, "dataDrop", "(IL" + INSTANCE_BASE + ";)V", false);
                break;
            case Opcodes.MEMORY_COPY:
            case Opcodes.MEMORY_FILL:
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "memory0", "L" + MEMORY + ";");
                mv.visitMethodInsn(INVOKESTATIC, MEM, op == Opcodes.MEMORY_COPY ? "copy" : "fill",
                        "(IIIL" + MEMORY + ";)V", false);
                sp -= 3;
                break;
            case Opcodes.TABLE_INIT:
                pushInt(mv, (int) in.b);
                pushInt(mv, (int) in.a);
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitMethodInsn(INVOKESTATIC, RT, "tableInit", "(IIIIIL" + INSTANCE_BASE + ";)V", false);
                sp -= 3;
                break;
            case Opcodes.ELEM_DROP:
                pushInt(mv, (int) in.a);
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitMethodInsn(INVOKESTATIC, RT, "elemDrop", "(IL" + INSTANCE_BASE + ";)V", false);
                break;
            case Opcodes.TABLE_COPY:
                pushTable((int) in.a);
                pushTable((int) in.b);
                mv.visitMethodInsn(INVOKESTATIC, RT, "tableCopy", "(IIIL" + TABLE + ";L" + TABLE + ";)V", false);
                sp -= 3;
                break;
            case Opcodes.TABLE_GROW:
                pushTable((int) in.a);
                mv.visitMethodInsn(INVOKESTATIC, RT, "tableGrow", "(Ljava/lang/Object;IL" + TABLE + ";)I", false);
                sp -= 2;
                push(ValType.I32);
                break;
            case Opcodes.TABLE_SIZE:
                pushTable((int) in.a);
                mv.visitFieldInsn(GETFIELD, TABLE, "size", "I");
                push(ValType.I32);
                break;
            case Opcodes.TABLE_FILL:
                pushTable((int) in.a);
                mv.visitMethodInsn(INVOKESTATIC, RT, "tableFill", "(ILjava/lang/Object;IL" + TABLE + ";)V", false);
                sp -= 3;
                break;
            default:
                if (op >= Opcodes.I32_LOAD && op <= Opcodes.I64_LOAD32_U) {
                    emitLoad(in);
                } else if (op >= Opcodes.I32_STORE && op <= Opcodes.I64_STORE32) {
                    emitStore(in);
                } else {
                    NumericOps.emit(mv, op);
                    NumericOps.applyStackEffect(op, this::popType, this::push);
                }
                break;
        }
        return pc;
    }

    /**
     * Records the instruction's offset (relative to the function body) as the JVM line number, so
     * that stack traces through generated code say where in the Wasm function they were.
     * Line numbers are 16 bits: offsets beyond that are left out.
     */
    private void markOffset(Instruction in) {
        int rel = in.offset - body.offset();
        if (in.offset < 0 || rel <= 0 || rel > 0xFFFF || rel == lastLine) return;
        Label l = new Label();
        mv.visitLabel(l);
        mv.visitLineNumber(rel, l);
        lastLine = rel;
    }

    private int lastLine = -1;

    private static boolean mayTrapOrCall(int op) {
        switch (op) {
            case Opcodes.UNREACHABLE: case Opcodes.CALL: case Opcodes.CALL_INDIRECT:
            case Opcodes.I32_DIV_S: case Opcodes.I32_DIV_U: case Opcodes.I32_REM_S: case Opcodes.I32_REM_U:
            case Opcodes.I64_DIV_S: case Opcodes.I64_DIV_U: case Opcodes.I64_REM_S: case Opcodes.I64_REM_U:
            case Opcodes.TABLE_GET: case Opcodes.TABLE_SET: case Opcodes.TABLE_INIT: case Opcodes.TABLE_COPY:
            case Opcodes.TABLE_FILL: case Opcodes.MEMORY_INIT: case Opcodes.MEMORY_COPY: case Opcodes.MEMORY_FILL:
                return true;
            default:
                return (op >= Opcodes.I32_LOAD && op <= Opcodes.I64_STORE32)
                        || (op >= Opcodes.I32_TRUNC_F32_S && op <= Opcodes.I64_TRUNC_F64_U
                            && op != Opcodes.I64_EXTEND_I32_S && op != Opcodes.I64_EXTEND_I32_U);
        }
    }

    private void popType() {
        sp--;
    }

    private void pushTable(int index) {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "tables", "[L" + TABLE + ";");
        pushInt(mv, index);
        mv.visitInsn(AALOAD);
    }

    private void emitBrTable(int[] labels) {
        int n = labels.length - 1;
        boolean simple = true;
        for (int depth : labels) {
            if (needsAdjust(ctl[ctlTop - depth])) simple = false;
        }
        if (simple) {
            Label[] targets = new Label[n];
            for (int i = 0; i < n; i++) {
                Ctl t = ctl[ctlTop - labels[i]];
                targets[i] = t.label;
                t.targeted = true;
            }
            Ctl d = ctl[ctlTop - labels[n]];
            d.targeted = true;
            if (n == 0) {
                mv.visitInsn(POP);
                mv.visitJumpInsn(GOTO, d.label);
            } else {
                mv.visitTableSwitchInsn(0, n - 1, d.label, targets);
            }
            return;
        }
        java.util.Map<Integer, Label> stubs = new java.util.LinkedHashMap<>();
        Label[] targets = new Label[n];
        for (int i = 0; i < n; i++) targets[i] = stubs.computeIfAbsent(labels[i], k -> new Label());
        Label dflt = stubs.computeIfAbsent(labels[n], k -> new Label());
        if (n == 0) {
            mv.visitInsn(POP);
            mv.visitJumpInsn(GOTO, dflt);
        } else {
            mv.visitTableSwitchInsn(0, n - 1, dflt, targets);
        }
        for (var e : stubs.entrySet()) {
            mv.visitLabel(e.getValue());
            branch(e.getKey());
        }
    }

    private void emitSelect() {
        sp--; // condition
        ValType t = pop();
        sp--;
        Label second = new Label();
        Label done = new Label();
        mv.visitJumpInsn(IFEQ, second);
        JvmTypes.pop(mv, t); // keep the first operand
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(second);
        if (t.slots() == 2) {
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
            mv.visitInsn(POP2);
        } else {
            mv.visitInsn(SWAP);
            mv.visitInsn(POP);
        }
        mv.visitLabel(done);
        push(t);
    }

    /** Results of a direct call: the first was returned, the others are in the scratch arrays. */
    private void pushResults(FuncType ft) {
        int n = ft.resultCount();
        if (n >= 1) push(ft.result(0));
        for (int i = 1; i < n; i++) {
            loadScratch(mv, instSlot, ft.result(i), i);
            push(ft.result(i));
        }
    }

    /** Results of a call through a method handle: void, the one result, or a boxed {@code Object[]}. */
    private void pushHandleResults(FuncType ft) {
        int n = ft.resultCount();
        if (n == 1) {
            push(ft.result(0));
        } else if (n > 1) {
            int arr = temp(ValType.EXTERNREF);
            mv.visitVarInsn(ASTORE, arr);
            for (int i = 0; i < n; i++) {
                mv.visitVarInsn(ALOAD, arr);
                pushInt(mv, i);
                mv.visitInsn(AALOAD);
                unbox(mv, ft.result(i));
                push(ft.result(i));
            }
            releaseTemps();
        }
    }

    private void emitCall(int funcIndex) {
        FuncType ft = module.functionType(funcIndex);
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitMethodInsn(INVOKESTATIC, layout.ownerOf(funcIndex), layout.methodName(funcIndex),
                functionDesc(ft, layout.instanceClass()), false);
        sp -= ft.paramCount();
        pushResults(ft);
        reloadMemory();
    }

    private void emitCallIndirect(int typeIndex, int tableIndex) {
        FuncType ft = module.types.get(typeIndex);
        pushTable(tableIndex);
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, INSTANCE_BASE, "types", "[L" + FUNC_TYPE + ";");
        pushInt(mv, typeIndex);
        mv.visitInsn(AALOAD);
        if (depthLimit) mv.visitVarInsn(ALOAD, instSlot);
        mv.visitMethodInsn(INVOKESTATIC, layout.instanceClass(), ModuleLayout.indirectBridgeName(typeIndex),
                ModuleLayout.indirectBridgeDesc(ft, depthLimit), false);
        sp -= ft.paramCount() + 1;
        pushHandleResults(ft);
        reloadMemory();
    }

    private void emitGlobalGet(int g) {
        ValType t = module.globalType(g).valType();
        mv.visitVarInsn(ALOAD, instSlot);
        if (layout.isGlobalCell(g)) {
            mv.visitFieldInsn(GETFIELD, layout.instanceClass(), ModuleLayout.globalCellField(g), "L" + GLOBAL + ";");
            if (t.isRef()) {
                mv.visitFieldInsn(GETFIELD, GLOBAL, "ref", "Ljava/lang/Object;");
            } else {
                mv.visitFieldInsn(GETFIELD, GLOBAL, "bits", "J");
                fromBits(t);
            }
        } else {
            mv.visitFieldInsn(GETFIELD, layout.instanceClass(), ModuleLayout.globalField(g), desc(t));
        }
        push(t);
    }

    private void emitGlobalSet(int g) {
        ValType t = module.globalType(g).valType();
        sp--;
        if (layout.isGlobalCell(g)) {
            if (t.isRef()) {
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitFieldInsn(GETFIELD, layout.instanceClass(), ModuleLayout.globalCellField(g), "L" + GLOBAL + ";");
                mv.visitInsn(SWAP);
                mv.visitFieldInsn(PUTFIELD, GLOBAL, "ref", "Ljava/lang/Object;");
            } else {
                toBits(t);
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitFieldInsn(GETFIELD, layout.instanceClass(), ModuleLayout.globalCellField(g), "L" + GLOBAL + ";");
                mv.visitInsn(DUP_X2);
                mv.visitInsn(POP);
                mv.visitFieldInsn(PUTFIELD, GLOBAL, "bits", "J");
            }
        } else {
            mv.visitVarInsn(ALOAD, instSlot);
            if (t.slots() == 2) {
                mv.visitInsn(DUP_X2);
                mv.visitInsn(POP);
            } else {
                mv.visitInsn(SWAP);
            }
            mv.visitFieldInsn(PUTFIELD, layout.instanceClass(), ModuleLayout.globalField(g), desc(t));
        }
    }

    private void fromBits(ValType t) {
        JvmTypes.fromBits(mv, t);
    }

    private void toBits(ValType t) {
        JvmTypes.toBits(mv, t);
    }

    private static final String[] LOAD_NAMES = {"i32Load", "i64Load", "f32Load", "f64Load", "i32Load8S", "i32Load8U",
        "i32Load16S", "i32Load16U", "i64Load8S", "i64Load8U", "i64Load16S", "i64Load16U", "i64Load32S", "i64Load32U"};
    private static final ValType[] LOAD_TYPES = {ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.I32,
        ValType.I32, ValType.I32, ValType.I32, ValType.I64, ValType.I64, ValType.I64, ValType.I64, ValType.I64, ValType.I64};
    private static final String[] STORE_NAMES = {"i32Store", "i64Store", "f32Store", "f64Store", "i32Store8",
        "i32Store16", "i64Store8", "i64Store16", "i64Store32"};
    private static final ValType[] STORE_TYPES = {ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.I32,
        ValType.I32, ValType.I64, ValType.I64, ValType.I64};

    private void emitLoad(Instruction in) {
        int k = in.opcode - Opcodes.I32_LOAD;
        long offset = in.b;
        if (offset != 0) {
            if (offset < 0x80000000L) {
                pushInt(mv, (int) offset);
                mv.visitMethodInsn(INVOKESTATIC, MEM, "ea", "(II)I", false);
            } else {
                mv.visitLdcInsn(offset);
                mv.visitMethodInsn(INVOKESTATIC, MEM, "eaHuge", "(IJ)I", false);
            }
        }
        loadMemory();
        ValType t = LOAD_TYPES[k];
        mv.visitMethodInsn(INVOKESTATIC, MEM, LOAD_NAMES[k], "(I" + MEMORY_ARGS + ")" + desc(t), false);
        sp--;
        push(t);
    }

    private void emitStore(Instruction in) {
        int k = in.opcode - Opcodes.I32_STORE;
        long offset = in.b;
        ValType t = STORE_TYPES[k];
        if (offset == 0) {
            loadMemory();
            mv.visitMethodInsn(INVOKESTATIC, MEM, STORE_NAMES[k], "(I" + desc(t) + MEMORY_ARGS + ")V", false);
        } else if (offset < 0x80000000L) {
            pushInt(mv, (int) offset);
            loadMemory();
            mv.visitMethodInsn(INVOKESTATIC, MEM, STORE_NAMES[k], "(I" + desc(t) + "I" + MEMORY_ARGS + ")V", false);
        } else {
            JvmTypes.pop(mv, t);
            mv.visitLdcInsn(offset);
            mv.visitMethodInsn(INVOKESTATIC, MEM, "eaHuge", "(IJ)I", false);
            mv.visitInsn(POP);
        }
        sp -= 2;
    }
}
