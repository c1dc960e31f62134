package org.wasm2jvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.ValType;

class CliValuesTest {
    private static int f32Bits(String s) {
        return Float.floatToRawIntBits((Float) CliValues.parse(s, ValType.F32));
    }

    private static long f64Bits(String s) {
        return Double.doubleToRawLongBits((Double) CliValues.parse(s, ValType.F64));
    }

    @Test
    void integersInDecimalAndHexSignedOrUnsigned() {
        assertEquals(42, CliValues.parse("42", ValType.I32));
        assertEquals(-1, CliValues.parse("-1", ValType.I32));
        assertEquals(-1, CliValues.parse("4294967295", ValType.I32));
        assertEquals(-1, CliValues.parse("0xffff_ffff", ValType.I32));
        assertEquals(Integer.MIN_VALUE, CliValues.parse("-0x80000000", ValType.I32));
        assertEquals(-1L, CliValues.parse("18446744073709551615", ValType.I64));
        assertEquals(Long.MIN_VALUE, CliValues.parse("-9223372036854775808", ValType.I64));
        assertEquals(0x1234L, CliValues.parse("+0x1234", ValType.I64));
    }

    @Test
    void integersOutOfRangeOrMalformedAreUsageErrors() {
        for (String bad : new String[] {"4294967296", "-2147483649", "0x", "1.5", "--1", "0x-5", "abc", ""}) {
            CliException e = assertThrows(CliException.class, () -> CliValues.parse(bad, ValType.I32), bad);
            assertEquals(ExitCodes.USAGE, e.exitCode());
            assertEquals("not a valid i32 argument: " + bad, e.getMessage());
        }
    }

    @Test
    void floatsIncludingSpecialValues() {
        assertEquals(Float.floatToRawIntBits(1.5f), f32Bits("1.5"));
        assertEquals(0x8000_0000, f32Bits("-0"));
        assertEquals(0x7f80_0000, f32Bits("inf"));
        assertEquals(0xff80_0000, f32Bits("-inf"));
        assertEquals(0x7fc0_0000, f32Bits("nan"));
        assertEquals(0xffc0_0000, f32Bits("-nan"));
        assertEquals(0x7f80_0001, f32Bits("nan:0x1"));
        assertEquals(Float.floatToRawIntBits(12.0f), f32Bits("0x1.8p3"));
        assertEquals(Float.floatToRawIntBits(1.5f), f32Bits("0x1.8"));
        assertEquals(0x7ff0_0000_0000_0000L, f64Bits("infinity"));
        assertEquals(0x7ff8_0000_0000_0000L, f64Bits("nan"));
        assertEquals(0x7ff4_0000_0000_0000L, f64Bits("nan:0x4000000000000"));
        assertEquals(Double.doubleToRawLongBits(1e300), f64Bits("1e300"));
        assertThrows(CliException.class, () -> CliValues.parse("nan:0x0", ValType.F32));
        assertThrows(CliException.class, () -> CliValues.parse("nan:0x800000", ValType.F32));
        assertThrows(CliException.class, () -> CliValues.parse("NaNx", ValType.F64));
        assertThrows(CliException.class, () -> CliValues.parse("1.0f", ValType.F64));
    }

    @Test
    void referencesAcceptOnlyNull() {
        assertNull(CliValues.parse("null", ValType.EXTERNREF));
        assertThrows(CliException.class, () -> CliValues.parse("1", ValType.FUNCREF));
    }

    @Test
    void resultsPrintAsWasmLiterals() {
        assertEquals("-1", CliValues.format(-1));
        assertEquals("-9223372036854775808", CliValues.format(Long.MIN_VALUE));
        assertEquals("1.5", CliValues.format(1.5f));
        assertEquals("-inf", CliValues.format(Float.NEGATIVE_INFINITY));
        assertEquals("nan", CliValues.format(Float.intBitsToFloat(0x7fc0_0000)));
        assertEquals("-nan:0x1", CliValues.format(Double.longBitsToDouble(0xfff0_0000_0000_0001L)));
        assertEquals("null", CliValues.format(null));
    }

    @Test
    void byteSizes() {
        assertEquals(512L << 20, ByteSize.parse("512m"));
        assertEquals(1L << 30, ByteSize.parse("1G"));
        assertEquals(64L << 10, ByteSize.parse("64k"));
        assertEquals(1000L, ByteSize.parse("1000"));
        assertThrows(RuntimeException.class, () -> ByteSize.parse("0m"));
        assertThrows(RuntimeException.class, () -> ByteSize.parse("lots"));
    }
}
