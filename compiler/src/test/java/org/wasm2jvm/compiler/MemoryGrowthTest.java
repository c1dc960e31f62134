package org.wasm2jvm.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.*;

/**
 * Memory that grows: exact-size arrays while grows are few, spare room once they are many, and
 * in both the bounds are the memory's size, never the array's length (MemoryInstance#grow).
 */
class MemoryGrowthTest {
    private static final int PAGE = MemoryInstance.PAGE_SIZE;
    private static final String WAT = "(module\n"
            + "  (memory (export \"mem\") 1)\n"
            + "  (func (export \"grow\") (param i32) (result i32) local.get 0 memory.grow)\n"
            + "  (func (export \"size\") (result i32) memory.size)\n"
            + "  (func (export \"load\") (param i32) (result i32) local.get 0 i32.load)\n"
            + "  (func (export \"load8\") (param i32) (result i32) local.get 0 i32.load8_u)\n"
            + "  (func (export \"load64\") (param i32) (result i64) local.get 0 i64.load)\n"
            + "  (func (export \"loadOff\") (param i32) (result i32) local.get 0 i32.load16_u offset=8)\n"
            + "  (func (export \"store\") (param i32 i32) local.get 0 local.get 1 i32.store)\n"
            + "  (func (export \"store8Off\") (param i32 i32) local.get 0 local.get 1 i32.store8 offset=3)\n"
            + "  (func (export \"fill\") (param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.fill)\n"
            + "  (func (export \"sum\") (param $n i32) (result i32) (local $i i32) (local $s i32)\n"
            + "    (block $done (loop $l\n"
            + "      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))\n"
            + "      (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $i))))\n"
            + "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
            + "      (br $l)))\n"
            + "    local.get $s))";

    private static final WasmModule MODULE = WasmModule.compile(WAT.getBytes(StandardCharsets.UTF_8));

    @Test
    void aFewLargeGrowsKeepTheArrayExactlyTheMemorysSize() {
        Instance inst = MODULE.instantiate(Imports.empty());
        MemoryInstance mem = inst.memory("mem");
        assertEquals(PAGE, mem.bytes.length);
        inst.function("store").call(PAGE - 4, 0x11223344);
        assertEquals(1, (int) inst.function("grow").call(9)[0]);
        assertEquals(10 * PAGE, mem.size);
        assertEquals(10 * PAGE, mem.bytes.length, "one grow: an exact array");
        assertEquals(10, (int) inst.function("grow").call(90)[0]);
        assertEquals(100 * PAGE, mem.bytes.length, "a grow that copies little: still exact");
        assertEquals(0x11223344, (int) inst.function("load").call(PAGE - 4)[0], "contents survive the copies");
        assertOutOfBounds(inst, "load", 100 * PAGE - 3);
    }

    @Test
    void manySmallGrowsGetSpareRoomYetTrapAtTheMemorysSize() {
        Instance inst = MODULE.instantiate(Imports.empty());
        MemoryInstance mem = inst.memory("mem");
        inst.function("fill").call(0, 7, PAGE);
        for (int i = 1; i <= 40; i++) {
            assertEquals(i, (int) inst.function("grow").call(1)[0]);
        }
        assertEquals(41, (int) inst.function("size").call()[0]);
        int size = 41 * PAGE;
        assertEquals(size, mem.size);
        assertTrue(mem.bytes.length > size, "page-at-a-time growth has spare room: " + mem.bytes.length);
        assertEquals(7 * PAGE, (int) inst.function("sum").call(size)[0], "old contents copied, new pages zero");

        // the last bytes of the memory are there...
        inst.function("store").call(size - 4, -1);
        assertEquals(-1, (int) inst.function("load").call(size - 4)[0]);
        assertEquals(255, (int) inst.function("load8").call(size - 1)[0]);
        inst.function("store8Off").call(size - 4, 5);
        assertEquals(5, (int) inst.function("load8").call(size - 1)[0]);
        // ...and the spare room past them is not, for every width and with static offsets
        assertOutOfBounds(inst, "load", size - 3);
        assertOutOfBounds(inst, "load", size);
        assertOutOfBounds(inst, "load8", size);
        assertOutOfBounds(inst, "load64", size - 7);
        assertOutOfBounds(inst, "loadOff", size - 9);
        assertOutOfBounds(inst, "store", size - 2, 1);
        assertOutOfBounds(inst, "store8Off", size - 3, 1);
        assertOutOfBounds(inst, "fill", size - 1, 1, 2);
        assertOutOfBounds(inst, "sum", size + 1);
        for (int i = size; i < mem.bytes.length; i++) {
            if (mem.bytes[i] != 0) throw new AssertionError("a trapping access wrote spare room at " + i);
        }
        // a grow into the spare room exposes zeroed pages
        assertEquals(41, (int) inst.function("grow").call(1)[0]);
        assertEquals(0, (int) inst.function("load").call(size)[0]);
        assertEquals(7 * PAGE + 255 * 3 + 5, (int) inst.function("sum").call(size + PAGE)[0]);
    }

    @Test
    void spareRoomMakesPageAtATimeGrowthCopyLittle() {
        MemoryInstance mem = new MemoryInstance(1, -1);
        byte[] before = mem.bytes;
        int replaced = 0;
        for (int i = 0; i < 2000; i++) {
            assertEquals(1 + i, mem.grow(1));
            if (mem.bytes != before) {
                replaced++;
                before = mem.bytes;
            }
        }
        assertEquals(2001 * PAGE, mem.size);
        assertTrue(replaced < 20, "2000 one-page grows replaced the array " + replaced + " times");
    }

    @Test
    void embedderAccessorsCheckTheMemorysSizeNotTheArrays() {
        MemoryInstance mem = new MemoryInstance(1, -1);
        for (int i = 0; i < 10; i++) mem.grow(1);
        int size = mem.size;
        assertTrue(mem.bytes.length > size);
        mem.writeI32(size - 4, 0x01020304);
        assertEquals(0x01020304, mem.readI32(size - 4));
        assertArrayEquals(new byte[] {4, 3, 2, 1}, mem.read(size - 4, 4), "little-endian");
        assertEquals(size, mem.buffer().limit());
        assertThrows(IndexOutOfBoundsException.class, () -> mem.readI32(size - 3));
        assertThrows(IndexOutOfBoundsException.class, () -> mem.writeI64(size - 4, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> mem.write(size, new byte[1]));
        assertThrows(IndexOutOfBoundsException.class, () -> mem.read(-1, 1));
    }

    private static void assertOutOfBounds(Instance inst, String name, Object... args) {
        TrapException e = assertThrows(TrapException.class, () -> inst.function(name).call(args));
        assertEquals("out of bounds memory access", e.getMessage());
    }
}
