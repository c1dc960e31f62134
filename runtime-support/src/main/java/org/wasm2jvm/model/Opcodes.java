package org.wasm2jvm.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Every Wasm 2.0 opcode (SIMD excluded for now) with its text-format name and immediate kind.
 * Prefixed opcodes are {@code prefix << 8 | subopcode}.
 *
 * @see <a href="https://webassembly.github.io/spec/core/binary/instructions.html">Spec 5.4 Instructions</a>
 */
public final class Opcodes {
    private Opcodes() {
    }

    /** What follows the opcode in the binary format. */
    public enum Imm {
        NONE, BLOCKTYPE, LABEL, BR_TABLE, FUNC, CALL_INDIRECT, LOCAL, GLOBAL, TABLE, MEMARG, MEMORY,
        I32, I64, F32, F64, SELECT_T, REF_TYPE, DATA_MEMORY, DATA, MEMORY_MEMORY, ELEM_TABLE, ELEM, TABLE_TABLE
    }

    public static final int UNREACHABLE = 0x00, NOP = 0x01, BLOCK = 0x02, LOOP = 0x03, IF = 0x04, ELSE = 0x05,
            END = 0x0B, BR = 0x0C, BR_IF = 0x0D, BR_TABLE = 0x0E, RETURN = 0x0F, CALL = 0x10, CALL_INDIRECT = 0x11,
            DROP = 0x1A, SELECT = 0x1B, SELECT_T = 0x1C,
            LOCAL_GET = 0x20, LOCAL_SET = 0x21, LOCAL_TEE = 0x22, GLOBAL_GET = 0x23, GLOBAL_SET = 0x24,
            TABLE_GET = 0x25, TABLE_SET = 0x26,
            I32_LOAD = 0x28, I64_LOAD = 0x29, F32_LOAD = 0x2A, F64_LOAD = 0x2B,
            I32_LOAD8_S = 0x2C, I32_LOAD8_U = 0x2D, I32_LOAD16_S = 0x2E, I32_LOAD16_U = 0x2F,
            I64_LOAD8_S = 0x30, I64_LOAD8_U = 0x31, I64_LOAD16_S = 0x32, I64_LOAD16_U = 0x33,
            I64_LOAD32_S = 0x34, I64_LOAD32_U = 0x35,
            I32_STORE = 0x36, I64_STORE = 0x37, F32_STORE = 0x38, F64_STORE = 0x39,
            I32_STORE8 = 0x3A, I32_STORE16 = 0x3B, I64_STORE8 = 0x3C, I64_STORE16 = 0x3D, I64_STORE32 = 0x3E,
            MEMORY_SIZE = 0x3F, MEMORY_GROW = 0x40,
            I32_CONST = 0x41, I64_CONST = 0x42, F32_CONST = 0x43, F64_CONST = 0x44,
            I32_EQZ = 0x45, I32_EQ = 0x46, I32_NE = 0x47, I32_LT_S = 0x48, I32_LT_U = 0x49, I32_GT_S = 0x4A,
            I32_GT_U = 0x4B, I32_LE_S = 0x4C, I32_LE_U = 0x4D, I32_GE_S = 0x4E, I32_GE_U = 0x4F,
            I64_EQZ = 0x50, I64_EQ = 0x51, I64_NE = 0x52, I64_LT_S = 0x53, I64_LT_U = 0x54, I64_GT_S = 0x55,
            I64_GT_U = 0x56, I64_LE_S = 0x57, I64_LE_U = 0x58, I64_GE_S = 0x59, I64_GE_U = 0x5A,
            F32_EQ = 0x5B, F32_NE = 0x5C, F32_LT = 0x5D, F32_GT = 0x5E, F32_LE = 0x5F, F32_GE = 0x60,
            F64_EQ = 0x61, F64_NE = 0x62, F64_LT = 0x63, F64_GT = 0x64, F64_LE = 0x65, F64_GE = 0x66,
            I32_CLZ = 0x67, I32_CTZ = 0x68, I32_POPCNT = 0x69, I32_ADD = 0x6A, I32_SUB = 0x6B, I32_MUL = 0x6C,
            I32_DIV_S = 0x6D, I32_DIV_U = 0x6E, I32_REM_S = 0x6F, I32_REM_U = 0x70, I32_AND = 0x71, I32_OR = 0x72,
            I32_XOR = 0x73, I32_SHL = 0x74, I32_SHR_S = 0x75, I32_SHR_U = 0x76, I32_ROTL = 0x77, I32_ROTR = 0x78,
            I64_CLZ = 0x79, I64_CTZ = 0x7A, I64_POPCNT = 0x7B, I64_ADD = 0x7C, I64_SUB = 0x7D, I64_MUL = 0x7E,
            I64_DIV_S = 0x7F, I64_DIV_U = 0x80, I64_REM_S = 0x81, I64_REM_U = 0x82, I64_AND = 0x83, I64_OR = 0x84,
            I64_XOR = 0x85, I64_SHL = 0x86, I64_SHR_S = 0x87, I64_SHR_U = 0x88, I64_ROTL = 0x89, I64_ROTR = 0x8A,
            F32_ABS = 0x8B, F32_NEG = 0x8C, F32_CEIL = 0x8D, F32_FLOOR = 0x8E, F32_TRUNC = 0x8F, F32_NEAREST = 0x90,
            F32_SQRT = 0x91, F32_ADD = 0x92, F32_SUB = 0x93, F32_MUL = 0x94, F32_DIV = 0x95, F32_MIN = 0x96,
            F32_MAX = 0x97, F32_COPYSIGN = 0x98,
            F64_ABS = 0x99, F64_NEG = 0x9A, F64_CEIL = 0x9B, F64_FLOOR = 0x9C, F64_TRUNC = 0x9D, F64_NEAREST = 0x9E,
            F64_SQRT = 0x9F, F64_ADD = 0xA0, F64_SUB = 0xA1, F64_MUL = 0xA2, F64_DIV = 0xA3, F64_MIN = 0xA4,
            F64_MAX = 0xA5, F64_COPYSIGN = 0xA6,
            I32_WRAP_I64 = 0xA7, I32_TRUNC_F32_S = 0xA8, I32_TRUNC_F32_U = 0xA9, I32_TRUNC_F64_S = 0xAA,
            I32_TRUNC_F64_U = 0xAB, I64_EXTEND_I32_S = 0xAC, I64_EXTEND_I32_U = 0xAD, I64_TRUNC_F32_S = 0xAE,
            I64_TRUNC_F32_U = 0xAF, I64_TRUNC_F64_S = 0xB0, I64_TRUNC_F64_U = 0xB1, F32_CONVERT_I32_S = 0xB2,
            F32_CONVERT_I32_U = 0xB3, F32_CONVERT_I64_S = 0xB4, F32_CONVERT_I64_U = 0xB5, F32_DEMOTE_F64 = 0xB6,
            F64_CONVERT_I32_S = 0xB7, F64_CONVERT_I32_U = 0xB8, F64_CONVERT_I64_S = 0xB9, F64_CONVERT_I64_U = 0xBA,
            F64_PROMOTE_F32 = 0xBB, I32_REINTERPRET_F32 = 0xBC, I64_REINTERPRET_F64 = 0xBD,
            F32_REINTERPRET_I32 = 0xBE, F64_REINTERPRET_I64 = 0xBF,
            I32_EXTEND8_S = 0xC0, I32_EXTEND16_S = 0xC1, I64_EXTEND8_S = 0xC2, I64_EXTEND16_S = 0xC3,
            I64_EXTEND32_S = 0xC4,
            REF_NULL = 0xD0, REF_IS_NULL = 0xD1, REF_FUNC = 0xD2,
            I32_TRUNC_SAT_F32_S = 0xFC00, I32_TRUNC_SAT_F32_U = 0xFC01, I32_TRUNC_SAT_F64_S = 0xFC02,
            I32_TRUNC_SAT_F64_U = 0xFC03, I64_TRUNC_SAT_F32_S = 0xFC04, I64_TRUNC_SAT_F32_U = 0xFC05,
            I64_TRUNC_SAT_F64_S = 0xFC06, I64_TRUNC_SAT_F64_U = 0xFC07,
            MEMORY_INIT = 0xFC08, DATA_DROP = 0xFC09, MEMORY_COPY = 0xFC0A, MEMORY_FILL = 0xFC0B,
            TABLE_INIT = 0xFC0C, ELEM_DROP = 0xFC0D, TABLE_COPY = 0xFC0E, TABLE_GROW = 0xFC0F,
            TABLE_SIZE = 0xFC10, TABLE_FILL = 0xFC11;

    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<String, Integer> BY_NAME = new HashMap<>();
    private static final Map<Integer, Imm> IMMS = new HashMap<>();

    private static void op(int code, String name, Imm imm) {
        NAMES.put(code, name);
        BY_NAME.put(name, code);
        IMMS.put(code, imm);
    }

    static {
        op(UNREACHABLE, "unreachable", Imm.NONE);
        op(NOP, "nop", Imm.NONE);
        op(BLOCK, "block", Imm.BLOCKTYPE);
        op(LOOP, "loop", Imm.BLOCKTYPE);
        op(IF, "if", Imm.BLOCKTYPE);
        op(ELSE, "else", Imm.NONE);
        op(END, "end", Imm.NONE);
        op(BR, "br", Imm.LABEL);
        op(BR_IF, "br_if", Imm.LABEL);
        op(BR_TABLE, "br_table", Imm.BR_TABLE);
        op(RETURN, "return", Imm.NONE);
        op(CALL, "call", Imm.FUNC);
        op(CALL_INDIRECT, "call_indirect", Imm.CALL_INDIRECT);
        op(DROP, "drop", Imm.NONE);
        op(SELECT, "select", Imm.NONE);
        op(SELECT_T, "select_t", Imm.SELECT_T);
        op(LOCAL_GET, "local.get", Imm.LOCAL);
        op(LOCAL_SET, "local.set", Imm.LOCAL);
        op(LOCAL_TEE, "local.tee", Imm.LOCAL);
        op(GLOBAL_GET, "global.get", Imm.GLOBAL);
        op(GLOBAL_SET, "global.set", Imm.GLOBAL);
        op(TABLE_GET, "table.get", Imm.TABLE);
        op(TABLE_SET, "table.set", Imm.TABLE);
        String[] mem = {"i32.load", "i64.load", "f32.load", "f64.load", "i32.load8_s", "i32.load8_u",
            "i32.load16_s", "i32.load16_u", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u",
            "i64.load32_s", "i64.load32_u", "i32.store", "i64.store", "f32.store", "f64.store", "i32.store8",
            "i32.store16", "i64.store8", "i64.store16", "i64.store32"};
        for (int i = 0; i < mem.length; i++) op(I32_LOAD + i, mem[i], Imm.MEMARG);
        op(MEMORY_SIZE, "memory.size", Imm.MEMORY);
        op(MEMORY_GROW, "memory.grow", Imm.MEMORY);
        op(I32_CONST, "i32.const", Imm.I32);
        op(I64_CONST, "i64.const", Imm.I64);
        op(F32_CONST, "f32.const", Imm.F32);
        op(F64_CONST, "f64.const", Imm.F64);
        String[] plain = {"i32.eqz", "i32.eq", "i32.ne", "i32.lt_s", "i32.lt_u", "i32.gt_s", "i32.gt_u",
            "i32.le_s", "i32.le_u", "i32.ge_s", "i32.ge_u", "i64.eqz", "i64.eq", "i64.ne", "i64.lt_s", "i64.lt_u",
            "i64.gt_s", "i64.gt_u", "i64.le_s", "i64.le_u", "i64.ge_s", "i64.ge_u", "f32.eq", "f32.ne", "f32.lt",
            "f32.gt", "f32.le", "f32.ge", "f64.eq", "f64.ne", "f64.lt", "f64.gt", "f64.le", "f64.ge", "i32.clz",
            "i32.ctz", "i32.popcnt", "i32.add", "i32.sub", "i32.mul", "i32.div_s", "i32.div_u", "i32.rem_s",
            "i32.rem_u", "i32.and", "i32.or", "i32.xor", "i32.shl", "i32.shr_s", "i32.shr_u", "i32.rotl",
            "i32.rotr", "i64.clz", "i64.ctz", "i64.popcnt", "i64.add", "i64.sub", "i64.mul", "i64.div_s",
            "i64.div_u", "i64.rem_s", "i64.rem_u", "i64.and", "i64.or", "i64.xor", "i64.shl", "i64.shr_s",
            "i64.shr_u", "i64.rotl", "i64.rotr", "f32.abs", "f32.neg", "f32.ceil", "f32.floor", "f32.trunc",
            "f32.nearest", "f32.sqrt", "f32.add", "f32.sub", "f32.mul", "f32.div", "f32.min", "f32.max",
            "f32.copysign", "f64.abs", "f64.neg", "f64.ceil", "f64.floor", "f64.trunc", "f64.nearest",
            "f64.sqrt", "f64.add", "f64.sub", "f64.mul", "f64.div", "f64.min", "f64.max", "f64.copysign",
            "i32.wrap_i64", "i32.trunc_f32_s", "i32.trunc_f32_u", "i32.trunc_f64_s", "i32.trunc_f64_u",
            "i64.extend_i32_s", "i64.extend_i32_u", "i64.trunc_f32_s", "i64.trunc_f32_u", "i64.trunc_f64_s",
            "i64.trunc_f64_u", "f32.convert_i32_s", "f32.convert_i32_u", "f32.convert_i64_s",
            "f32.convert_i64_u", "f32.demote_f64", "f64.convert_i32_s", "f64.convert_i32_u",
            "f64.convert_i64_s", "f64.convert_i64_u", "f64.promote_f32", "i32.reinterpret_f32",
            "i64.reinterpret_f64", "f32.reinterpret_i32", "f64.reinterpret_i64", "i32.extend8_s",
            "i32.extend16_s", "i64.extend8_s", "i64.extend16_s", "i64.extend32_s"};
        for (int i = 0; i < plain.length; i++) op(I32_EQZ + i, plain[i], Imm.NONE);
        op(REF_NULL, "ref.null", Imm.REF_TYPE);
        op(REF_IS_NULL, "ref.is_null", Imm.NONE);
        op(REF_FUNC, "ref.func", Imm.FUNC);
        String[] sat = {"i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u", "i32.trunc_sat_f64_s", "i32.trunc_sat_f64_u",
            "i64.trunc_sat_f32_s", "i64.trunc_sat_f32_u", "i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u"};
        for (int i = 0; i < sat.length; i++) op(0xFC00 + i, sat[i], Imm.NONE);
        op(MEMORY_INIT, "memory.init", Imm.DATA_MEMORY);
        op(DATA_DROP, "data.drop", Imm.DATA);
        op(MEMORY_COPY, "memory.copy", Imm.MEMORY_MEMORY);
        op(MEMORY_FILL, "memory.fill", Imm.MEMORY);
        op(TABLE_INIT, "table.init", Imm.ELEM_TABLE);
        op(ELEM_DROP, "elem.drop", Imm.ELEM);
        op(TABLE_COPY, "table.copy", Imm.TABLE_TABLE);
        op(TABLE_GROW, "table.grow", Imm.TABLE);
        op(TABLE_SIZE, "table.size", Imm.TABLE);
        op(TABLE_FILL, "table.fill", Imm.TABLE);
    }

    /** Text-format name, e.g. "i32.add"; "select_t" for typed select. */
    public static String name(int opcode) {
        String n = NAMES.get(opcode);
        return n != null ? n : String.format("<0x%x>", opcode);
    }

    /** Opcode for a text-format name, or -1. */
    public static int byName(String name) {
        Integer c = BY_NAME.get(name);
        return c == null ? -1 : c;
    }

    /** Immediate kind, or null if the opcode is unknown. */
    public static Imm immediate(int opcode) {
        return IMMS.get(opcode);
    }

    /** Natural alignment exponent (log2 of access size) of a load/store opcode. */
    public static int naturalAlignment(int opcode) {
        switch (opcode) {
            case I32_LOAD8_S: case I32_LOAD8_U: case I64_LOAD8_S: case I64_LOAD8_U: case I32_STORE8: case I64_STORE8:
                return 0;
            case I32_LOAD16_S: case I32_LOAD16_U: case I64_LOAD16_S: case I64_LOAD16_U: case I32_STORE16: case I64_STORE16:
                return 1;
            case I32_LOAD: case F32_LOAD: case I64_LOAD32_S: case I64_LOAD32_U: case I32_STORE: case F32_STORE: case I64_STORE32:
                return 2;
            case I64_LOAD: case F64_LOAD: case I64_STORE: case F64_STORE:
                return 3;
            default:
                throw new IllegalArgumentException(name(opcode));
        }
    }
}
