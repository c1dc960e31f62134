package org.wasm2jvm.compiler.validate;

import static org.wasm2jvm.compiler.validate.OperandTypes.EXTERNREF;
import static org.wasm2jvm.compiler.validate.OperandTypes.F32;
import static org.wasm2jvm.compiler.validate.OperandTypes.F64;
import static org.wasm2jvm.compiler.validate.OperandTypes.FUNCREF;
import static org.wasm2jvm.compiler.validate.OperandTypes.I32;
import static org.wasm2jvm.compiler.validate.OperandTypes.I64;
import static org.wasm2jvm.compiler.validate.OperandTypes.NONE;
import static org.wasm2jvm.compiler.validate.OperandTypes.UNKNOWN;
import static org.wasm2jvm.compiler.validate.OperandTypes.V128;

import java.util.Arrays;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Opcodes;

/**
 * Validates function bodies with the spec's validation algorithm: an operand stack of value
 * types plus Unknown and a control stack of frames (label types, stack height, unreachable
 * flag). Instructions after {@code unreachable}, {@code br}, {@code br_table} and
 * {@code return} see a stack-polymorphic bottom until the frame ends.
 *
 * <p>Stacks are reusable arrays; one instance validates any number of bodies of one module,
 * sequentially.
 *
 * @see <a href="https://webassembly.github.io/spec/core/appendix/algorithm.html">Spec C Validation Algorithm</a>
 * @see <a href="https://webassembly.github.io/spec/core/valid/instructions.html">Spec 3.3 Instructions</a>
 */
final class CodeValidator {
    private static final String SECTION = "code";

    private final ValidationContext ctx;

    private byte[] vals = new byte[64];
    private int valsSize;

    private int[] ctrlOpcode = new int[16];
    private int[] ctrlHeight = new int[16];
    private boolean[] ctrlUnreachable = new boolean[16];
    private byte[][] ctrlStart = new byte[16][];
    private byte[][] ctrlEnd = new byte[16][];
    private int ctrlSize;

    private byte[] locals = new byte[16];
    private int localCount;
    /** Holds the actual types popped for one br_table target, to push them back. */
    private byte[] scratch = new byte[16];

    private long offset;

    CodeValidator(ValidationContext ctx) {
        this.ctx = ctx;
    }

    /** Validates the body of function {@code funcIndex} (an index of the function index space). */
    void validate(int funcIndex, FunctionBody body) {
        int typeIndex = ctx.funcTypes[funcIndex];
        byte[] params = ctx.typeParams[typeIndex];
        byte[] results = ctx.typeResults[typeIndex];
        setLocals(params, body.locals());
        valsSize = 0;
        ctrlSize = 0;
        offset = body.offset();
        // The function body is a block whose label is the function's results.
        pushCtrl(Opcodes.BLOCK, NONE, results);
        Instruction[] code = body.code();
        for (Instruction in : code) {
            if (ctrlSize == 0) {
                throw ModuleException.malformed("operators remaining after end of function", SECTION, in.offset);
            }
            offset = in.offset;
            step(in);
        }
        if (ctrlSize != 0) throw ModuleException.malformed("END opcode expected", SECTION, offset);
    }

    private void setLocals(byte[] params, ValType[] declared) {
        int n = params.length + declared.length;
        if (locals.length < n) locals = new byte[n];
        System.arraycopy(params, 0, locals, 0, params.length);
        for (int i = 0; i < declared.length; i++) locals[params.length + i] = OperandTypes.code(declared[i]);
        localCount = n;
    }

    // ---- operand stack ------------------------------------------------------------------

    private void push(int t) {
        if (valsSize == vals.length) vals = Arrays.copyOf(vals, valsSize * 2);
        vals[valsSize++] = (byte) t;
    }

    private void pushAll(byte[] ts) {
        for (byte t : ts) push(t);
    }

    private int pop() {
        int top = ctrlSize - 1;
        if (valsSize == ctrlHeight[top]) {
            if (ctrlUnreachable[top]) return UNKNOWN;
            throw mismatch("expected a value but the stack is empty");
        }
        return vals[--valsSize];
    }

    private int pop(int expect) {
        int actual = pop();
        if (actual != expect && actual != UNKNOWN && expect != UNKNOWN) {
            throw mismatch("expected " + OperandTypes.name(expect) + " but got " + OperandTypes.name(actual));
        }
        return actual;
    }

    private void popAll(byte[] ts) {
        for (int i = ts.length - 1; i >= 0; i--) pop(ts[i]);
    }

    // ---- control stack ------------------------------------------------------------------

    private void pushCtrl(int opcode, byte[] start, byte[] end) {
        if (ctrlSize == ctrlOpcode.length) {
            int n = ctrlSize * 2;
            ctrlOpcode = Arrays.copyOf(ctrlOpcode, n);
            ctrlHeight = Arrays.copyOf(ctrlHeight, n);
            ctrlUnreachable = Arrays.copyOf(ctrlUnreachable, n);
            ctrlStart = Arrays.copyOf(ctrlStart, n);
            ctrlEnd = Arrays.copyOf(ctrlEnd, n);
        }
        ctrlOpcode[ctrlSize] = opcode;
        ctrlHeight[ctrlSize] = valsSize;
        ctrlUnreachable[ctrlSize] = false;
        ctrlStart[ctrlSize] = start;
        ctrlEnd[ctrlSize] = end;
        ctrlSize++;
        pushAll(start);
    }

    /** Pops the innermost frame, whose results must be exactly what is left on its stack. */
    private int popCtrl() {
        int top = ctrlSize - 1;
        popAll(ctrlEnd[top]);
        if (valsSize != ctrlHeight[top]) {
            throw mismatch("values remaining on the stack at the end of a block");
        }
        ctrlSize--;
        return top;
    }

    /** Types a branch to the frame must supply: a loop's label is its start. */
    private byte[] labelTypes(int frame) {
        return ctrlOpcode[frame] == Opcodes.LOOP ? ctrlStart[frame] : ctrlEnd[frame];
    }

    /** The frame a label depth refers to, "unknown label" when it is deeper than the stack. */
    private int label(long depth) {
        if (depth < 0 || depth >= ctrlSize) {
            throw ModuleException.invalid("unknown label " + ValidationContext.index(depth), SECTION, offset);
        }
        return ctrlSize - 1 - (int) depth;
    }

    private void unreachable() {
        int top = ctrlSize - 1;
        valsSize = ctrlHeight[top];
        ctrlUnreachable[top] = true;
    }

    // ---- instructions -------------------------------------------------------------------

    private void step(Instruction in) {
        int op = in.opcode;
        int sig = NumericSignatures.of(op);
        if (sig != 0) {
            int second = NumericSignatures.secondOperand(sig);
            if (second != 0) pop(second);
            pop(NumericSignatures.operand(sig));
            push(NumericSignatures.result(sig));
            return;
        }
        switch (op) {
            case Opcodes.UNREACHABLE:
                unreachable();
                break;
            case Opcodes.NOP:
                break;
            case Opcodes.BLOCK:
            case Opcodes.LOOP: {
                long bt = in.a;
                byte[] params = blockParams(bt);
                byte[] results = blockResults(bt);
                popAll(params);
                pushCtrl(op, params, results);
                break;
            }
            case Opcodes.IF: {
                long bt = in.a;
                byte[] params = blockParams(bt);
                byte[] results = blockResults(bt);
                pop(I32);
                popAll(params);
                pushCtrl(op, params, results);
                break;
            }
            case Opcodes.ELSE: {
                if (ctrlOpcode[ctrlSize - 1] != Opcodes.IF) {
                    throw ModuleException.malformed("else without matching if", SECTION, offset);
                }
                int frame = popCtrl();
                pushCtrl(Opcodes.ELSE, ctrlStart[frame], ctrlEnd[frame]);
                break;
            }
            case Opcodes.END: {
                int frame = popCtrl();
                // An if without else has an implicit empty else, which must map params to results.
                if (ctrlOpcode[frame] == Opcodes.IF && !Arrays.equals(ctrlStart[frame], ctrlEnd[frame])) {
                    throw mismatch("if without else must not change the stack, "
                            + OperandTypes.names(ctrlStart[frame]) + " -> " + OperandTypes.names(ctrlEnd[frame]));
                }
                pushAll(ctrlEnd[frame]);
                break;
            }
            case Opcodes.BR: {
                int frame = label(in.a);
                popAll(labelTypes(frame));
                unreachable();
                break;
            }
            case Opcodes.BR_IF: {
                int frame = label(in.a);
                pop(I32);
                byte[] ts = labelTypes(frame);
                popAll(ts);
                pushAll(ts);
                break;
            }
            case Opcodes.BR_TABLE:
                brTable(in.labels);
                break;
            case Opcodes.RETURN:
                popAll(ctrlEnd[0]);
                unreachable();
                break;
            case Opcodes.CALL: {
                int t = ctx.funcTypes[ctx.func(in.a, SECTION, offset)];
                popAll(ctx.typeParams[t]);
                pushAll(ctx.typeResults[t]);
                break;
            }
            case Opcodes.CALL_INDIRECT: {
                int table = ctx.table(in.b, SECTION, offset);
                int t = ctx.type(in.a, SECTION, offset);
                if (ctx.tableElems[table] != FUNCREF) {
                    throw mismatch("call_indirect requires a table of funcref");
                }
                pop(I32);
                popAll(ctx.typeParams[t]);
                pushAll(ctx.typeResults[t]);
                break;
            }
            case Opcodes.DROP:
                pop();
                break;
            case Opcodes.SELECT:
                select();
                break;
            case Opcodes.SELECT_T: {
                int[] ts = in.labels;
                if (ts == null || ts.length != 1) {
                    throw ModuleException.invalid("invalid result arity", SECTION, offset);
                }
                int t = valueType(ts[0]);
                pop(I32);
                pop(t);
                pop(t);
                push(t);
                break;
            }
            case Opcodes.LOCAL_GET:
                push(local(in.a));
                break;
            case Opcodes.LOCAL_SET:
                pop(local(in.a));
                break;
            case Opcodes.LOCAL_TEE: {
                int t = local(in.a);
                pop(t);
                push(t);
                break;
            }
            case Opcodes.GLOBAL_GET:
                push(ctx.globalTypes[ctx.global(in.a, SECTION, offset)]);
                break;
            case Opcodes.GLOBAL_SET: {
                int g = ctx.global(in.a, SECTION, offset);
                if (!ctx.globalMutable[g]) throw ModuleException.invalid("global is immutable", SECTION, offset);
                pop(ctx.globalTypes[g]);
                break;
            }
            case Opcodes.TABLE_GET: {
                int t = ctx.tableElems[ctx.table(in.a, SECTION, offset)];
                pop(I32);
                push(t);
                break;
            }
            case Opcodes.TABLE_SET: {
                int t = ctx.tableElems[ctx.table(in.a, SECTION, offset)];
                pop(t);
                pop(I32);
                break;
            }
            case Opcodes.I32_LOAD: case Opcodes.I32_LOAD8_S: case Opcodes.I32_LOAD8_U:
            case Opcodes.I32_LOAD16_S: case Opcodes.I32_LOAD16_U:
                load(in, I32);
                break;
            case Opcodes.I64_LOAD: case Opcodes.I64_LOAD8_S: case Opcodes.I64_LOAD8_U: case Opcodes.I64_LOAD16_S:
            case Opcodes.I64_LOAD16_U: case Opcodes.I64_LOAD32_S: case Opcodes.I64_LOAD32_U:
                load(in, I64);
                break;
            case Opcodes.F32_LOAD:
                load(in, F32);
                break;
            case Opcodes.F64_LOAD:
                load(in, F64);
                break;
            case Opcodes.I32_STORE: case Opcodes.I32_STORE8: case Opcodes.I32_STORE16:
                store(in, I32);
                break;
            case Opcodes.I64_STORE: case Opcodes.I64_STORE8: case Opcodes.I64_STORE16: case Opcodes.I64_STORE32:
                store(in, I64);
                break;
            case Opcodes.F32_STORE:
                store(in, F32);
                break;
            case Opcodes.F64_STORE:
                store(in, F64);
                break;
            case Opcodes.MEMORY_SIZE:
                ctx.memory(in.a, SECTION, offset);
                push(I32);
                break;
            case Opcodes.MEMORY_GROW:
                ctx.memory(in.a, SECTION, offset);
                pop(I32);
                push(I32);
                break;
            case Opcodes.I32_CONST:
                push(I32);
                break;
            case Opcodes.I64_CONST:
                push(I64);
                break;
            case Opcodes.F32_CONST:
                push(F32);
                break;
            case Opcodes.F64_CONST:
                push(F64);
                break;
            case Opcodes.REF_NULL:
                push(refType(in.a));
                break;
            case Opcodes.REF_IS_NULL: {
                int t = pop();
                if (t != UNKNOWN && !OperandTypes.isRef(t)) {
                    throw mismatch("ref.is_null requires a reference but got " + OperandTypes.name(t));
                }
                push(I32);
                break;
            }
            case Opcodes.REF_FUNC: {
                int f = ctx.func(in.a, SECTION, offset);
                if (!ctx.declaredFuncs[f]) {
                    throw ModuleException.invalid("undeclared function reference", SECTION, offset);
                }
                push(FUNCREF);
                break;
            }
            case Opcodes.MEMORY_INIT:
                ctx.memory(in.b, SECTION, offset);
                ctx.data(in.a, SECTION, offset);
                popI32s(3);
                break;
            case Opcodes.DATA_DROP:
                ctx.data(in.a, SECTION, offset);
                break;
            case Opcodes.MEMORY_COPY:
                ctx.memory(in.a, SECTION, offset);
                ctx.memory(in.b, SECTION, offset);
                popI32s(3);
                break;
            case Opcodes.MEMORY_FILL:
                ctx.memory(in.a, SECTION, offset);
                popI32s(3);
                break;
            case Opcodes.TABLE_INIT: {
                int table = ctx.table(in.b, SECTION, offset);
                int elem = ctx.elem(in.a, SECTION, offset);
                if (ctx.tableElems[table] != ctx.elemTypes[elem]) {
                    throw mismatch("table.init of " + OperandTypes.name(ctx.elemTypes[elem]) + " segment into "
                            + OperandTypes.name(ctx.tableElems[table]) + " table");
                }
                popI32s(3);
                break;
            }
            case Opcodes.ELEM_DROP:
                ctx.elem(in.a, SECTION, offset);
                break;
            case Opcodes.TABLE_COPY: {
                int dst = ctx.table(in.a, SECTION, offset);
                int src = ctx.table(in.b, SECTION, offset);
                if (ctx.tableElems[dst] != ctx.tableElems[src]) {
                    throw mismatch("table.copy from " + OperandTypes.name(ctx.tableElems[src]) + " table to "
                            + OperandTypes.name(ctx.tableElems[dst]) + " table");
                }
                popI32s(3);
                break;
            }
            case Opcodes.TABLE_GROW: {
                int t = ctx.tableElems[ctx.table(in.a, SECTION, offset)];
                pop(I32);
                pop(t);
                push(I32);
                break;
            }
            case Opcodes.TABLE_SIZE:
                ctx.table(in.a, SECTION, offset);
                push(I32);
                break;
            case Opcodes.TABLE_FILL: {
                int t = ctx.tableElems[ctx.table(in.a, SECTION, offset)];
                pop(I32);
                pop(t);
                pop(I32);
                break;
            }
            default:
                throw ModuleException.malformed("illegal opcode " + Integer.toHexString(op), SECTION, offset);
        }
    }

    /**
     * Every target must take as many values as the default; the operands must fit each target.
     * The actual popped types are pushed back between targets so that Unknown stays unknown.
     */
    private void brTable(int[] targets) {
        int n = targets.length - 1;
        int defaultFrame = label(targets[n]);
        for (int i = 0; i < n; i++) label(targets[i]);
        pop(I32);
        int arity = labelTypes(defaultFrame).length;
        if (scratch.length < arity) scratch = new byte[arity];
        for (int i = 0; i < n; i++) {
            byte[] ts = labelTypes(label(targets[i]));
            if (ts.length != arity) {
                throw mismatch("br_table targets have " + ts.length + " and " + arity + " values");
            }
            for (int k = arity - 1; k >= 0; k--) scratch[k] = (byte) pop(ts[k]);
            for (int k = 0; k < arity; k++) push(scratch[k]);
        }
        popAll(labelTypes(defaultFrame));
        unreachable();
    }

    /** Untyped select only chooses between numeric (or vector) operands of one type. */
    private void select() {
        pop(I32);
        int t1 = pop();
        int t2 = pop();
        boolean numeric = (numericOrUnknown(t1) && numericOrUnknown(t2))
                || (vectorOrUnknown(t1) && vectorOrUnknown(t2));
        if (!numeric) {
            throw mismatch("select without type requires numeric operands but got "
                    + OperandTypes.name(t2) + " and " + OperandTypes.name(t1));
        }
        if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
            throw mismatch("select operands " + OperandTypes.name(t2) + " and " + OperandTypes.name(t1));
        }
        push(t1 == UNKNOWN ? t2 : t1);
    }

    private static boolean numericOrUnknown(int t) {
        return t == UNKNOWN || OperandTypes.isNumeric(t);
    }

    private static boolean vectorOrUnknown(int t) {
        return t == UNKNOWN || t == V128;
    }

    private void popI32s(int n) {
        for (int i = 0; i < n; i++) pop(I32);
    }

    private void load(Instruction in, int t) {
        memarg(in);
        pop(I32);
        push(t);
    }

    private void store(Instruction in, int t) {
        memarg(in);
        pop(t);
        pop(I32);
    }

    private void memarg(Instruction in) {
        ctx.memory(0, SECTION, offset);
        if (in.a < 0 || in.a > Opcodes.naturalAlignment(in.opcode)) {
            throw ModuleException.invalid("alignment must not be larger than natural", SECTION, offset);
        }
    }

    private int local(long idx) {
        if (idx < 0 || idx >= localCount) {
            throw ModuleException.invalid("unknown local " + ValidationContext.index(idx), SECTION, offset);
        }
        return locals[(int) idx];
    }

    private byte[] blockParams(long bt) {
        if (bt >= 0) return ctx.typeParams[ctx.type(bt, SECTION, offset)];
        BlockTypes.checkShorthand(bt);
        return NONE;
    }

    private byte[] blockResults(long bt) {
        if (bt >= 0) return ctx.typeResults[ctx.type(bt, SECTION, offset)];
        ValType t = BlockTypes.checkShorthand(bt);
        return t == null ? NONE : OperandTypes.single(OperandTypes.code(t));
    }

    private int valueType(int code) {
        ValType t = ValType.fromCode(code);
        if (t == null) throw ModuleException.malformed("malformed value type", SECTION, offset);
        return OperandTypes.code(t);
    }

    private int refType(long code) {
        if (code == ValType.FUNCREF.code) return FUNCREF;
        if (code == ValType.EXTERNREF.code) return EXTERNREF;
        throw ModuleException.malformed("malformed reference type", SECTION, offset);
    }

    private ModuleException mismatch(String detail) {
        return ModuleException.invalid("type mismatch: " + detail, SECTION, offset);
    }
}
