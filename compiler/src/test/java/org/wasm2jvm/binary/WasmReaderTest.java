package org.wasm2jvm.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.ModuleException;

class WasmReaderTest {
    private static WasmReader reader(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) b[i] = (byte) bytes[i];
        return new WasmReader(b);
    }

    private static String failure(Runnable r) {
        return assertThrows(ModuleException.class, r::run).reason();
    }

    @Test
    void unsigned32AcceptsNonMinimalEncodingsUpToFiveBytes() {
        assertEquals(2, reader(0x82, 0x00).u32());
        assertEquals(2, reader(0x82, 0x80, 0x80, 0x80, 0x00).u32());
        assertEquals(-1, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).u32());
        assertEquals(624485, reader(0xE5, 0x8E, 0x26).u32());
    }

    @Test
    void unsigned32RejectsSixthByteAndHighBits() {
        assertEquals("integer representation too long", failure(() -> reader(0x82, 0x80, 0x80, 0x80, 0x80, 0x00).u32()));
        assertEquals("integer too large", failure(() -> reader(0x80, 0x80, 0x80, 0x80, 0x10).u32()));
        assertEquals("integer too large", failure(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x4F).u32()));
    }

    @Test
    void signed32ChecksSignExtensionOfTheLastByte() {
        assertEquals(-1, reader(0x7F).s32());
        assertEquals(-1, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s32());
        assertEquals(Integer.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x78).s32());
        assertEquals(Integer.MAX_VALUE, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x07).s32());
        assertEquals("integer too large", failure(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x4F).s32()));
        assertEquals("integer too large", failure(() -> reader(0x80, 0x80, 0x80, 0x80, 0x70).s32()));
        assertEquals("integer representation too long", failure(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s32()));
    }

    @Test
    void signed64CoversTheFullRange() {
        assertEquals(Long.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).s64());
        assertEquals(Long.MAX_VALUE, reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00).s64());
        assertEquals(-2, reader(0x7E).s64());
        assertEquals("integer too large",
                failure(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).s64()));
        assertEquals("integer representation too long",
                failure(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s64()));
    }

    @Test
    void signed33ForBlockTypes() {
        assertEquals(-64, reader(0x40).s33());
        assertEquals(0xFFFFFFFFL, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).s33());
        assertEquals("integer too large", failure(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).s33()));
    }

    @Test
    void oneBitFlagRejectsOtherValues() {
        assertEquals(1, reader(0x01).unsigned(1));
        assertEquals("integer too large", failure(() -> reader(0x02).unsigned(1)));
        assertEquals("integer representation too long", failure(() -> reader(0x81, 0x00).unsigned(1)));
    }

    @Test
    void readingPastTheEndIsUnexpectedEnd() {
        assertEquals("unexpected end of section or function", failure(() -> reader(0x80).u32()));
        assertEquals("unexpected end of section or function", failure(() -> reader(1, 2, 3).fixed32()));
    }

    @Test
    void lengthsMustFitTheRemainingInput() {
        assertEquals(2, reader(0x02, 0, 0).length());
        // Measured from the start of the length itself, as the reference interpreter does.
        assertEquals(3, reader(0x03, 0, 0).length());
        assertEquals("length out of bounds", failure(() -> reader(0x04, 0, 0).length()));
    }

    @Test
    void indicesBeyondIntRangeClampToMaxValue() {
        assertEquals(Integer.MAX_VALUE, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).index());
        assertEquals(5, reader(0x85, 0x00).index());
    }

    @Test
    void namesAreStrictUtf8() {
        byte[] ok = "a\u00e9\u20ac\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        assertTrue(Utf8.isValid(ok, 0, ok.length));
        assertFalse(Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2), "overlong NUL");
        assertFalse(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3), "surrogate");
        assertFalse(Utf8.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4), "above U+10FFFF");
        assertFalse(Utf8.isValid(new byte[] {(byte) 0xE2, (byte) 0x82}, 0, 2), "truncated");
        assertFalse(Utf8.isValid(new byte[] {(byte) 0x80}, 0, 1), "lone continuation");
        assertEquals("malformed UTF-8 encoding", failure(() -> reader(0x02, 0xC0, 0x80).name()));
        assertEquals("h\u00e9", reader(0x03, 'h', 0xC3, 0xA9).name());
    }
}
