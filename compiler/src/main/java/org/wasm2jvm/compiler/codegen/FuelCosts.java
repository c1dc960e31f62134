package org.wasm2jvm.compiler.codegen;

import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Opcodes;

/**
 * Static fuel charges of one function body: each instruction is charged to its innermost
 * enclosing {@code loop} (once per iteration, at the loop header) or, outside every loop, to
 * the function (once per call, at entry). One unit per instruction, whichever branch runs: an
 * upper bound that costs nothing to compute at run time.
 */
final class FuelCosts {
    /** Charge at function entry. */
    final int entry;
    /** Charge at the header of the loop starting at each pc (0 elsewhere). */
    private final int[] loop;

    private FuelCosts(int entry, int[] loop) {
        this.entry = entry;
        this.loop = loop;
    }

    int loopAt(int pc) {
        return Math.max(1, loop[pc]);
    }

    static FuelCosts of(Instruction[] code) {
        int[] loop = new int[code.length];
        int entry = 0;
        int[] owners = new int[16];
        int depth = 0;
        int owner = -1; // pc of the innermost loop, or -1 for the function
        for (int pc = 0; pc < code.length; pc++) {
            int op = code[pc].opcode;
            if (op == Opcodes.BLOCK || op == Opcodes.IF || op == Opcodes.LOOP) {
                if (depth == owners.length) owners = java.util.Arrays.copyOf(owners, depth * 2);
                owners[depth++] = owner;
                if (op == Opcodes.LOOP) owner = pc;
            }
            if (owner < 0) {
                entry++;
            } else {
                loop[owner]++;
            }
            if (op == Opcodes.END && depth > 0) owner = owners[--depth];
        }
        return new FuelCosts(Math.max(1, entry), loop);
    }
}
