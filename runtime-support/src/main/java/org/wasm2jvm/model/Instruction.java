package org.wasm2jvm.model;

/**
 * One decoded instruction of a function body or constant expression.
 *
 * <p>Opcodes are the binary encoding: single-byte opcodes as themselves, prefixed opcodes as
 * {@code prefix << 8 | subopcode} (e.g. {@code 0xFC08} for {@code memory.init}), see {@link Opcodes}.
 * Immediates, by instruction:
 * <ul>
 *   <li>{@code block/loop/if}: {@code a} = block type as the binary s33 value: {@code -64} empty,
 *       a negative value type byte as s7 ({@code -1} i32, {@code -2} i64, {@code -3} f32, {@code -4} f64,
 *       {@code -5} v128, {@code -16} funcref, {@code -17} externref), or a type index &gt;= 0
 *   <li>{@code br/br_if}: {@code a} = label depth; {@code br_table}: {@code labels} = targets, default last
 *   <li>{@code call}: {@code a} = function index; {@code call_indirect}: {@code a} = type index, {@code b} = table index
 *   <li>typed {@code select} (0x1C): {@code labels} = value type bytes
 *   <li>{@code local.*, global.*}: {@code a} = index; {@code table.get/set}: {@code a} = table index
 *   <li>loads/stores: {@code a} = alignment exponent, {@code b} = offset (unsigned 32-bit, as long)
 *   <li>{@code memory.size/grow/fill}: {@code a} = memory index
 *   <li>{@code i32.const/i64.const}: {@code a} = value; {@code f32.const}: {@code a} = raw int bits;
 *       {@code f64.const}: {@code a} = raw long bits
 *   <li>{@code ref.null}: {@code a} = reference type byte (0x70/0x6F); {@code ref.func}: {@code a} = function index
 *   <li>{@code memory.init}: {@code a} = data index, {@code b} = memory index; {@code data.drop}: {@code a} = data index
 *   <li>{@code memory.copy}: {@code a} = destination memory, {@code b} = source memory
 *   <li>{@code table.init}: {@code a} = element index, {@code b} = table index; {@code elem.drop}: {@code a} = element index
 *   <li>{@code table.copy}: {@code a} = destination table, {@code b} = source table
 *   <li>{@code table.grow/size/fill}: {@code a} = table index
 * </ul>
 * {@code offset} is the byte offset of the opcode in the module binary (for error messages and
 * backtraces), or -1.
 */
public final class Instruction {
    public final int opcode;
    public final long a;
    public final long b;
    public final int[] labels;
    public final int offset;

    public Instruction(int opcode, long a, long b, int[] labels, int offset) {
        this.opcode = opcode;
        this.a = a;
        this.b = b;
        this.labels = labels;
        this.offset = offset;
    }

    public Instruction(int opcode, long a, long b, int offset) {
        this(opcode, a, b, null, offset);
    }

    public Instruction(int opcode, long a, int offset) {
        this(opcode, a, 0, null, offset);
    }

    public Instruction(int opcode, int offset) {
        this(opcode, 0, 0, null, offset);
    }

    @Override
    public String toString() {
        String name = Opcodes.name(opcode);
        StringBuilder sb = new StringBuilder(name);
        if (labels != null) {
            for (int l : labels) sb.append(' ').append(l);
        }
        if (a != 0 || b != 0) sb.append(' ').append(a);
        if (b != 0) sb.append(' ').append(b);
        return sb.toString();
    }
}
