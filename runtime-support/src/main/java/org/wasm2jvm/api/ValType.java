package org.wasm2jvm.api;

/**
 * A WebAssembly value type.
 *
 * @see <a href="https://webassembly.github.io/spec/core/syntax/types.html#value-types">Spec 2.3.4 Value Types</a>
 */
public enum ValType {
    I32(0x7F, "i32"),
    I64(0x7E, "i64"),
    F32(0x7D, "f32"),
    F64(0x7C, "f64"),
    V128(0x7B, "v128"),
    FUNCREF(0x70, "funcref"),
    EXTERNREF(0x6F, "externref");

    /** The byte that encodes this type in the binary format. */
    public final int code;
    private final String wat;

    ValType(int code, String wat) {
        this.code = code;
        this.wat = wat;
    }

    public boolean isRef() {
        return this == FUNCREF || this == EXTERNREF;
    }

    public boolean isNumeric() {
        return this == I32 || this == I64 || this == F32 || this == F64;
    }

    /** Number of JVM stack/local slots a value of this type takes. */
    public int slots() {
        return this == I64 || this == F64 ? 2 : 1;
    }

    /** @return the type for a binary encoding byte, or null if the byte encodes no value type. */
    public static ValType fromCode(int code) {
        switch (code) {
            case 0x7F: return I32;
            case 0x7E: return I64;
            case 0x7D: return F32;
            case 0x7C: return F64;
            case 0x7B: return V128;
            case 0x70: return FUNCREF;
            case 0x6F: return EXTERNREF;
            default: return null;
        }
    }

    @Override
    public String toString() {
        return wat;
    }
}
