package org.wasm2jvm.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.ModuleException;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.model.DataSegment;
import org.wasm2jvm.model.ElementSegment;
import org.wasm2jvm.model.ExternKind;
import org.wasm2jvm.model.FunctionBody;
import org.wasm2jvm.model.Import;
import org.wasm2jvm.model.Instruction;
import org.wasm2jvm.model.Module;
import org.wasm2jvm.model.Opcodes;
import org.wasm2jvm.model.SegmentMode;

class ModuleDecoderTest {
    /** Assembles a module: the header, then sections whose sizes are filled in. */
    static final class ModuleBytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        ModuleBytes() {
            raw(0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00);
        }

        ModuleBytes raw(int... bytes) {
            for (int b : bytes) out.write(b);
            return this;
        }

        ModuleBytes section(int id, int... content) {
            out.write(id);
            out.writeBytes(uleb(content.length));
            return raw(content);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static byte[] uleb(long v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            o.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return o.toByteArray();
    }

    /** Concatenates ints, int arrays and strings (as length-prefixed UTF-8 names). */
    static int[] cat(Object... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                o.write(i);
            } else if (p instanceof int[] a) {
                for (int b : a) o.write(b);
            } else if (p instanceof byte[] a) {
                o.writeBytes(a);
            } else {
                byte[] s = ((String) p).getBytes(StandardCharsets.UTF_8);
                o.writeBytes(uleb(s.length));
                o.writeBytes(s);
            }
        }
        byte[] b = o.toByteArray();
        int[] r = new int[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[i] & 0xFF;
        return r;
    }

    private static final int[] I32_CONST_0_END = {0x41, 0x00, 0x0B};

    private static byte[] everySection() {
        int[] body0 = cat(
                new int[] {2, 2, 0x7F, 1, 0x7C},                 // locals: 2 i32, 1 f64
                new int[] {0x02, 0x7F, 0x41, 0x7F, 0x0B},        // block (result i32) i32.const -1 end
                new int[] {0x04, 0x40, 0x01, 0x05, 0x01, 0x0B},  // if nop else nop end
                new int[] {0x0E, 0x02, 0x00, 0x01, 0x02},        // br_table 0 1 2
                new int[] {0x11, 0x01, 0x00},                    // call_indirect type 1 table 0
                new int[] {0x29, 0x03, 0x80, 0x01},              // i64.load align=3 offset=128
                new int[] {0x1C, 0x01, 0x7E},                    // select (result i64)
                new int[] {0xFC, 0x08, 0x01, 0x00},              // memory.init 1
                new int[] {0xFC, 0x09, 0x02},                    // data.drop 2
                new int[] {0xFC, 0x0E, 0x01, 0x00},              // table.copy 1 0
                new int[] {0x43, 0x00, 0x00, 0xC0, 0x3F},        // f32.const 1.5
                new int[] {0x0B});
        int[] body1 = {0x00, 0x0B};
        int[] f64half = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F};
        int[] names = cat(0x00, cat("mod").length, "mod",
                0x01, cat(0x02, 0x00, "f", 0x02, "g").length, 0x02, 0x00, "f", 0x02, "g");
        return new ModuleBytes()
                .section(0, cat("first", 1, 2, 3))
                .section(1, cat(2, 0x60, 2, 0x7F, 0x7E, 1, 0x7D, 0x60, 0, 0))
                .section(2, cat(4,
                        "env", "f", 0x00, 1,
                        "env", "t", 0x01, 0x6F, 0x01, 1, 2,
                        "env", "m", 0x02, 0x00, 1,
                        "env", "g", 0x03, 0x7F, 0x01))
                .section(3, cat(2, 0, 1))
                .section(4, cat(1, 0x70, 0x00, 5))
                .section(5, cat(1, 0x01, 1, 3))
                .section(6, cat(1, 0x7C, 0x00, 0x44, f64half, 0x0B))
                .section(7, cat(1, "run", 0x00, 1))
                .section(8, cat(2))
                .section(9, cat(8,
                        0, I32_CONST_0_END, 2, 1, 2,
                        1, 0x00, 1, 2,
                        2, 0, I32_CONST_0_END, 0x00, 1, 1,
                        3, 0x00, 1, 1,
                        4, I32_CONST_0_END, 1, 0xD0, 0x70, 0x0B,
                        5, 0x70, 1, 0xD2, 1, 0x0B,
                        6, 0, I32_CONST_0_END, 0x6F, 1, 0xD0, 0x6F, 0x0B,
                        7, 0x70, 1, 0xD2, 2, 0x0B))
                .section(12, cat(3))
                .section(10, cat(2, body0.length, body0, body1.length, body1))
                .section(11, cat(3, 0, I32_CONST_0_END, "hi", 1, "x", 2, 0, I32_CONST_0_END, "yz"))
                .section(0, cat("name", names))
                .bytes();
    }

    @Test
    void decodesEverySection() {
        Module m = ModuleDecoder.decode(everySection());

        assertEquals(List.of(FuncType.of(new ValType[] {ValType.I32, ValType.I64}, ValType.F32),
                FuncType.of(new ValType[0])), m.types);

        assertEquals(4, m.imports.size());
        Import t = m.imports.get(1);
        assertEquals(ExternKind.TABLE, t.kind());
        assertEquals(ValType.EXTERNREF, t.tableType().elementType());
        assertEquals(2, t.tableType().limits().max());
        assertEquals(1, m.imports.get(0).typeIndex());
        assertFalse(m.imports.get(2).memoryType().limits().hasMax());
        assertTrue(m.imports.get(3).globalType().mutable());
        assertEquals(1, m.importedFunctionCount());

        assertEquals(List.of(0, 1), m.functions);
        assertEquals(5, m.tables.get(0).limits().min());
        assertEquals(3, m.memories.get(0).limits().max());
        assertEquals(ValType.F64, m.globals.get(0).type().valType());
        Instruction[] init = m.globals.get(0).init();
        assertEquals(1, init.length, "constant expressions exclude their end");
        assertEquals(0.5, Double.longBitsToDouble(init[0].a));
        assertEquals("run", m.exports.get(0).name());
        assertEquals(2, m.start);
        assertEquals(3, m.dataCount);

        assertEquals(8, m.elements.size());
        SegmentMode[] modes = m.elements.stream().map(ElementSegment::mode).toArray(SegmentMode[]::new);
        assertArrayEquals(new SegmentMode[] {SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE,
            SegmentMode.DECLARATIVE, SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE,
            SegmentMode.DECLARATIVE}, modes);
        ElementSegment e0 = m.elements.get(0);
        assertEquals(2, e0.init().length);
        assertEquals(Opcodes.REF_FUNC, e0.init()[1][0].opcode);
        assertEquals(2, e0.init()[1][0].a);
        assertEquals(Opcodes.I32_CONST, e0.offset()[0].opcode);
        assertNull(m.elements.get(1).offset());
        assertEquals(ValType.EXTERNREF, m.elements.get(6).type());
        assertEquals(Opcodes.REF_NULL, m.elements.get(6).init()[0][0].opcode);
        assertEquals(0x6F, m.elements.get(6).init()[0][0].a);

        FunctionBody f0 = m.codes.get(0);
        assertArrayEquals(new ValType[] {ValType.I32, ValType.I32, ValType.F64}, f0.locals());
        int[] ops = Arrays.stream(f0.code()).mapToInt(i -> i.opcode).toArray();
        assertArrayEquals(new int[] {Opcodes.BLOCK, Opcodes.I32_CONST, Opcodes.END, Opcodes.IF, Opcodes.NOP,
            Opcodes.ELSE, Opcodes.NOP, Opcodes.END, Opcodes.BR_TABLE, Opcodes.CALL_INDIRECT, Opcodes.I64_LOAD,
            Opcodes.SELECT_T, Opcodes.MEMORY_INIT, Opcodes.DATA_DROP, Opcodes.TABLE_COPY, Opcodes.F32_CONST,
            Opcodes.END}, ops);
        Instruction[] c = f0.code();
        assertEquals(-1, c[0].a, "block type i32 as s7");
        assertEquals(-1, c[1].a);
        assertEquals(-64, c[3].a);
        assertArrayEquals(new int[] {0, 1, 2}, c[8].labels);
        assertEquals(1, c[9].a);
        assertEquals(3, c[10].a);
        assertEquals(128, c[10].b);
        assertArrayEquals(new int[] {0x7E}, c[11].labels);
        assertEquals(1, c[12].a);
        assertEquals(2, c[13].a);
        assertEquals(1, c[14].a);
        assertEquals(1.5f, Float.intBitsToFloat((int) c[15].a));
        assertEquals(f0.offset() + 5, c[0].offset, "offsets are positions in the module binary, after 5 bytes of locals");
        assertEquals(2, m.codes.get(1).size());

        DataSegment d2 = m.data.get(2);
        assertEquals(SegmentMode.ACTIVE, d2.mode());
        assertArrayEquals("yz".getBytes(StandardCharsets.UTF_8), d2.bytes());
        assertEquals(SegmentMode.PASSIVE, m.data.get(1).mode());

        assertEquals(2, m.customs.size());
        assertEquals("first", m.customs.get(0).name());
        assertArrayEquals(new byte[] {1, 2, 3}, m.customs.get(0).data());
        assertEquals("mod", m.name);
        assertEquals("f", m.functionNames.get(0));
        assertEquals("g", m.functionNames.get(2));
    }

    @Test
    void badNameSectionIsIgnored() {
        byte[] bytes = new ModuleBytes().section(0, cat("name", 0x01, 0x05, 0x09, 0x00)).bytes();
        Module m = ModuleDecoder.decode(bytes);
        assertNull(m.name);
        assertTrue(m.functionNames.isEmpty());
        assertEquals(1, m.customs.size());
    }

    private static String malformed(byte[] bytes) {
        ModuleException e = assertThrows(ModuleException.class, () -> ModuleDecoder.decode(bytes));
        assertEquals(ModuleException.Kind.MALFORMED, e.kind());
        return e.reason();
    }

    @Test
    void reportsSpecMessages() {
        assertEquals("unexpected end of section or function", malformed(new byte[] {0, 'a', 's'}));
        assertEquals("magic header not detected", malformed(new byte[] {1, 'a', 's', 'm', 1, 0, 0, 0}));
        assertEquals("unknown binary version", malformed(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}));
        assertEquals("malformed section id", malformed(new ModuleBytes().raw(13, 0).bytes()));
        assertEquals("unexpected content after last section",
                malformed(new ModuleBytes().section(10, 0).section(12, 0).bytes()));
        assertEquals("section size mismatch", malformed(new ModuleBytes().section(1, 0, 0).bytes()));
        assertEquals("malformed import kind", malformed(new ModuleBytes().section(2, cat(1, "a", "b", 4)).bytes()));
        assertEquals("malformed export kind", malformed(new ModuleBytes().section(7, cat(1, "a", 4, 0)).bytes()));
        assertEquals("malformed mutability",
                malformed(new ModuleBytes().section(6, cat(1, 0x7F, 2, I32_CONST_0_END)).bytes()));
        assertEquals("malformed function type", malformed(new ModuleBytes().section(1, cat(1, 0x61, 0, 0)).bytes()));
        assertEquals("malformed elements segment kind",
                malformed(new ModuleBytes().section(9, cat(1, 8)).bytes()));
        assertEquals("malformed element kind",
                malformed(new ModuleBytes().section(9, cat(1, 1, 1, 0)).bytes()));
        assertEquals("malformed data segment kind",
                malformed(new ModuleBytes().section(11, cat(1, 3)).bytes()));
        assertEquals("malformed memop flags", malformed(function(0x41, 0, 0x28, 0x20, 0, 0x1A, 0x0B)));
        assertTrue(malformed(function(0xFC, 0x12)).startsWith("illegal opcode"));
        assertTrue(malformed(function(0x06)).startsWith("illegal opcode"));
        assertTrue(malformed(function(0xFD, 0x00)).startsWith("illegal opcode"));
        assertEquals("END opcode expected", malformed(function(0x05, 0x0B)));
        assertEquals("zero byte expected", malformed(function(0xFC, 0x0B, 0x01, 0x0B)));
        assertEquals("malformed reference type", malformed(function(0xD0, 0x7F, 0x0B)));
        assertEquals("data count section required", malformed(function(0xFC, 0x09, 0x00, 0x0B)));
    }

    /** A module with one function of type () -> () and the given body (no locals). */
    private static byte[] function(int... body) {
        int[] code = cat(0, body);
        return new ModuleBytes()
                .section(1, 1, 0x60, 0, 0)
                .section(3, 1, 0)
                .section(10, cat(1, uleb(code.length), code))
                .bytes();
    }

    @Test
    void localsAreCountedAgainstTheSpecLimit() {
        int[] code = cat(2, uleb(0xFFFFFFFFL), 0x7F, 1, 0x7E, 0x0B);
        byte[] bytes = new ModuleBytes().section(1, 1, 0x60, 0, 0).section(3, 1, 0)
                .section(10, cat(1, code.length, code)).bytes();
        assertEquals("too many locals", malformed(bytes));
    }

    @Test
    void deepNestingNeedsNoRecursion() {
        int depth = 100_000;
        int[] body = new int[depth * 3 + 1];
        for (int i = 0; i < depth; i++) {
            body[2 * i] = 0x02;
            body[2 * i + 1] = 0x40;
        }
        Arrays.fill(body, depth * 2, depth * 3 + 1, 0x0B);
        Module m = ModuleDecoder.decode(function(body));
        assertEquals(depth * 2 + 1, m.codes.get(0).code().length);
    }
}
