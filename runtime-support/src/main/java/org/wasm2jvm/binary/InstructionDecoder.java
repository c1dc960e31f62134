package org.wasm2jvm.binary;

import java.util.Arrays;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Opcodes;
import org.wasm2jvm.model.Opcodes.Imm;

/**
 * Decodes instruction sequences (function bodies and constant expressions) into
 * {@link Instruction}s. Structured instructions are followed with an explicit nesting stack
 * instead of recursion, so deeply nested code cannot overflow the Java stack.
 *
 * <p>Where a block ends is decided as the reference interpreter does: a nested sequence stops at
 * {@code else}, {@code end} or the end of input, and the enclosing construct then demands the byte
 * it needs ("END opcode expected" when it finds another).
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/instructions.html">Spec 5.4 Instructions</a>
 */
final class InstructionDecoder {
    private static final Imm[] SINGLE = new Imm[256];
    private static final Imm[] PREFIX_FC = new Imm[0x12];

    static {
        for (int op = 0; op < 256; op++) {
            if (op != 0xFC && op != Opcodes.ELSE && op != Opcodes.END) SINGLE[op] = Opcodes.immediate(op);
        }
        for (int sub = 0; sub < PREFIX_FC.length; sub++) PREFIX_FC[sub] = Opcodes.immediate(0xFC00 | sub);
    }

    private static final int FRAME_BLOCK = 0, FRAME_IF = 1, FRAME_ELSE = 2;

    private final WasmReader in;
    private Instruction[] buffer = new Instruction[256];
    private int count;
    private int[] frames = new int[16];
    /** Set when a decoded sequence uses memory.init or data.drop, which need the data count section. */
    boolean usesDataIndex;

    InstructionDecoder(WasmReader in) {
        this.in = in;
    }

    /**
     * A function body's instructions up to and including its final {@code end}.
     *
     * @see <a href="https://webassembly.github.io/spec/core/binary/modules.html#code-section">Spec 5.5.13 Code Section</a>
     */
    Instruction[] body() {
        decodeSequence();
        return Arrays.copyOf(buffer, count);
    }

    /**
     * A constant expression, without its final {@code end}.
     *
     * @see <a href="https://webassembly.github.io/spec/core/binary/instructions.html#expressions">Spec 5.4.9 Expressions</a>
     */
    Instruction[] constant() {
        // Only function bodies need the data count section; in a constant expression these
        // instructions are a validation error instead.
        boolean before = usesDataIndex;
        decodeSequence();
        usesDataIndex = before;
        return Arrays.copyOf(buffer, count - 1);
    }

    /** Decodes until the {@code end} that closes the outermost level (kept in the buffer). */
    private void decodeSequence() {
        count = 0;
        int depth = 0;
        frames[0] = FRAME_BLOCK;
        while (true) {
            int at = in.pos();
            int op = in.peek();
            if (op == Opcodes.END || op == Opcodes.ELSE || op < 0) {
                if (op == Opcodes.ELSE && frames[depth] == FRAME_IF) {
                    in.u8();
                    frames[depth] = FRAME_ELSE;
                    add(new Instruction(Opcodes.ELSE, at));
                    continue;
                }
                in.expect(Opcodes.END, "END opcode expected");
                add(new Instruction(Opcodes.END, at));
                if (depth == 0) return;
                depth--;
                continue;
            }
            in.u8();
            if (op == Opcodes.BLOCK || op == Opcodes.LOOP || op == Opcodes.IF) {
                add(new Instruction(op, blockType(), at));
                if (++depth == frames.length) frames = Arrays.copyOf(frames, depth * 2);
                frames[depth] = op == Opcodes.IF ? FRAME_IF : FRAME_BLOCK;
                continue;
            }
            if (op == 0xFC) {
                add(prefixed(at));
                continue;
            }
            Imm imm = SINGLE[op];
            if (imm == null) throw illegal(op, at);
            add(withImmediates(op, imm, at));
        }
    }

    private void add(Instruction i) {
        if (count == buffer.length) buffer = Arrays.copyOf(buffer, count * 2);
        buffer[count++] = i;
    }

    private ModuleException illegal(int op, int at) {
        return in.malformed("illegal opcode " + String.format("%02x", op), at);
    }

    /**
     * A block type as its s33 value: -64 for empty, a negative value-type code, or a type index.
     *
     * @see <a href="https://webassembly.github.io/spec/core/binary/instructions.html#control-instructions">Spec 5.4.1</a>
     */
    private long blockType() {
        int b = in.peek();
        if (b == 0x40 || ValueTypes.isValueTypeCode(b)) {
            in.u8();
            return b - 0x80;
        }
        int at = in.pos();
        long index = in.s33();
        if (index < 0) {
            // A negative s33 must be a one-byte value type; the reference interpreter retries
            // the bytes as an s7 value type, which cannot take a continuation byte.
            throw in.malformed(b >= 0x80 ? "integer representation too long" : "malformed reference type", at);
        }
        return index;
    }

    private Instruction prefixed(int at) {
        int sub = in.u32();
        Imm imm = sub >= 0 && sub < PREFIX_FC.length ? PREFIX_FC[sub] : null;
        if (imm == null) {
            throw in.malformed("illegal opcode fc " + Integer.toHexString(sub), at);
        }
        int op = 0xFC00 | sub;
        if (op == Opcodes.MEMORY_INIT || op == Opcodes.DATA_DROP) usesDataIndex = true;
        return withImmediates(op, imm, at);
    }

    private Instruction withImmediates(int op, Imm imm, int at) {
        switch (imm) {
            case NONE:
                return new Instruction(op, at);
            case LABEL: case FUNC: case LOCAL: case GLOBAL: case TABLE: case DATA: case ELEM:
                return new Instruction(op, in.u32() & 0xFFFFFFFFL, at);
            case BR_TABLE: {
                int n = in.length();
                int[] labels = new int[n + 1];
                for (int i = 0; i <= n; i++) labels[i] = in.index();
                return new Instruction(op, 0, 0, labels, at);
            }
            case CALL_INDIRECT: {
                long type = in.u32() & 0xFFFFFFFFL;
                long table = in.u32() & 0xFFFFFFFFL;
                return new Instruction(op, type, table, at);
            }
            case SELECT_T: {
                int n = in.length();
                int[] types = new int[n];
                for (int i = 0; i < n; i++) types[i] = ValueTypes.read(in).code;
                return new Instruction(op, 0, 0, types, at);
            }
            case MEMARG: {
                int alignAt = in.pos();
                long align = in.u32() & 0xFFFFFFFFL;
                // The exponent is reused as a flags field by later proposals; values that cannot
                // be an exponent are a decoding error, too-large exponents a validation error.
                if (align >= 32) throw in.malformed("malformed memop flags", alignAt);
                long offset = in.u32() & 0xFFFFFFFFL;
                return new Instruction(op, align, offset, at);
            }
            case MEMORY:
                in.expect(0, "zero byte expected");
                return new Instruction(op, 0, at);
            case MEMORY_MEMORY:
                in.expect(0, "zero byte expected");
                in.expect(0, "zero byte expected");
                return new Instruction(op, 0, 0, at);
            case DATA_MEMORY: {
                long data = in.u32() & 0xFFFFFFFFL;
                in.expect(0, "zero byte expected");
                return new Instruction(op, data, 0, at);
            }
            case ELEM_TABLE: case TABLE_TABLE: {
                long first = in.u32() & 0xFFFFFFFFL;
                long second = in.u32() & 0xFFFFFFFFL;
                return new Instruction(op, first, second, at);
            }
            case I32:
                return new Instruction(op, in.s32(), at);
            case I64:
                return new Instruction(op, in.s64(), at);
            case F32:
                return new Instruction(op, in.fixed32(), at);
            case F64:
                return new Instruction(op, in.fixed64(), at);
            case REF_TYPE:
                return new Instruction(op, ValueTypes.readRefType(in).code, at);
            default:
                throw illegal(op, at);
        }
    }
}
