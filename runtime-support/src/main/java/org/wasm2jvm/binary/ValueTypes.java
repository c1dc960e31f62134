package org.wasm2jvm.binary;

import org.wasm2jvm.api.ValType;

/**
 * Value and reference types in the binary format. SIMD's {@code v128} decodes like any other
 * value type; rejecting it where unsupported is left to later stages.
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/types.html">Spec 5.3 Types</a>
 */
final class ValueTypes {
    private ValueTypes() {
    }

    static boolean isValueTypeCode(int b) {
        return (b >= 0x7B && b <= 0x7F) || b == 0x70 || b == 0x6F;
    }

    /**
     * Reads a value type. An unknown byte is reported as "malformed reference type": the
     * reference interpreter tries number, vector and reference types in turn and reports the last.
     */
    static ValType read(WasmReader in) {
        int at = in.pos();
        ValType t = ValType.fromCode(typeByte(in));
        if (t == null) throw in.malformed("malformed reference type", at);
        return t;
    }

    /**
     * A type constructor byte. The binary format defines these as s7 integers, so a set
     * continuation bit means a second byte, which a 7-bit value cannot have.
     */
    static int typeByte(WasmReader in) {
        int b = in.u8();
        if (b >= 0x80) throw in.malformed("integer representation too long", in.pos());
        return b;
    }

    static ValType readRefType(WasmReader in) {
        int at = in.pos();
        int b = typeByte(in);
        if (b == 0x70) return ValType.FUNCREF;
        if (b == 0x6F) return ValType.EXTERNREF;
        throw in.malformed("malformed reference type", at);
    }
}
