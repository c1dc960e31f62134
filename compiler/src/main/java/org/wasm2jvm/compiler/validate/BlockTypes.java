package org.wasm2jvm.compiler.validate;

import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.Module;

/**
 * Resolves a block type immediate (see {@link org.wasm2jvm.model.Instruction}: the binary s33
 * value) to the block's parameter and result types.
 *
 * @see <a href="https://webassembly.github.io/spec/core/valid/types.html#block-types">Spec 3.2.2 Block Types</a>
 */
public final class BlockTypes {
    private BlockTypes() {
    }

    /** The s33 encoding of the empty block type {@code []} -> {@code []}. */
    public static final long EMPTY = -64;

    private static final ValType[] NONE = {};

    /** Parameter types of the block type; only type-index block types have parameters. */
    public static ValType[] blockParams(Module m, long blockType) {
        if (blockType >= 0) return funcType(m, blockType).params();
        checkShorthand(blockType);
        return NONE;
    }

    /** Result types of the block type. */
    public static ValType[] blockResults(Module m, long blockType) {
        if (blockType >= 0) return funcType(m, blockType).results();
        ValType t = checkShorthand(blockType);
        return t == null ? NONE : new ValType[] {t};
    }

    /** The function type a type-index block type refers to, "unknown type" when there is none. */
    static FuncType funcType(Module m, long typeIndex) {
        if (typeIndex < 0 || typeIndex >= m.types.size()) {
            throw ModuleException.invalid("unknown type " + typeIndex, "code", -1);
        }
        return m.types.get((int) typeIndex);
    }

    /**
     * The single result of a shorthand block type (a negative s33), or null for the empty type.
     * A negative value that is no value type cannot come out of a well-formed binary.
     */
    static ValType checkShorthand(long blockType) {
        if (blockType == EMPTY) return null;
        ValType t = blockType >= -0x40 && blockType < 0 ? ValType.fromCode((int) (blockType & 0x7F)) : null;
        if (t == null) throw ModuleException.malformed("malformed block type", "code", -1);
        return t;
    }
}
