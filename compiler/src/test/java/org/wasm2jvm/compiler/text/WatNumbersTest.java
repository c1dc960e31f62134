package org.wasm2jvm.compiler.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;

class WatNumbersTest {
    private static int f32(String s) throws Exception {
        return WatNumbers.parseF32(s);
    }

    private static long f64(String s) throws Exception {
        return WatNumbers.parseF64(s);
    }

    @Test
    void f32HexJustBelowHalfwayRoundsDownWithoutDoubleRounding() throws Exception {
        // Via double this would first round to 0x1.ffffffp+127 and then overflow to infinity.
        assertEquals(0x7f7fffff, f32("0x1.fffffefffffff8p+127"));
        assertEquals(0x7f7fffff, f32("0x1.fffffep127"));
        assertThrows(WatNumbers.OutOfRange.class, () -> f32("0x1.ffffffp127"));
        assertThrows(WatNumbers.OutOfRange.class, () -> f32("0x1p128"));
        // Ties to even just above 1.0: 1 + 2^-24 rounds down, 1 + 3*2^-24 rounds up.
        assertEquals(0x3f800000, f32("0x1.000001p0"));
        assertEquals(0x3f800002, f32("0x1.000003p0"));
        assertEquals(0x3f800001, f32("0x1.00000100000000000001p0"));
        assertEquals(0x3f800001, f32("0x1.000001000000000000000000000000000000001p0"));
        // Subnormals and underflow.
        assertEquals(1, f32("0x1p-149"));
        assertEquals(0, f32("0x1p-150"));
        assertEquals(1, f32("0x1.0000000001p-150"));
        assertEquals(0x00800000, f32("0x1p-126"));
    }

    @Test
    void f32Decimal() throws Exception {
        assertEquals(Float.floatToRawIntBits(1e38f), f32("1e38"));
        assertEquals(0x7f7fffff, f32("340282356779733623858607532500980858880"));
        assertThrows(WatNumbers.OutOfRange.class, () -> f32("1e39"));
        assertThrows(WatNumbers.OutOfRange.class, () -> f32("340282356779733661637539395458142568448"));
        assertEquals(Float.floatToRawIntBits(0.1f), f32("0.1"));
        assertEquals(Float.floatToRawIntBits(1.5f), f32("1_5e-1"));
        assertEquals(1, f32("1.4e-45"));
        assertEquals(0, f32("1e-50"));
        assertEquals(0, f32("0e1000000000000"));
        // Halfway between 1 and its successor (1 + 2^-24): ties to even.
        assertEquals(0x3f800000, f32("1.000000059604644775390625"));
        assertEquals(0x3f800001, f32("1.000000059604644775390626"));
    }

    @Test
    void signedZeroInfinityAndNan() throws Exception {
        assertEquals(0x80000000, f32("-0x0p+0"));
        assertEquals(0x00000000, f32("+0.0"));
        assertEquals(0x8000000000000000L, f64("-0"));
        assertEquals(0x7f800000, f32("inf"));
        assertEquals(0xff800000, f32("-inf"));
        assertEquals(0x7fc00000, f32("nan"));
        assertEquals(0xffc00000, f32("-nan"));
        assertEquals(0x7fa00000, f32("nan:0x200000"));
        assertEquals(0x7f800001, f32("+nan:0x1"));
        assertEquals(0x7ff8000000000000L, f64("nan"));
        assertEquals(0xfff0000000000001L, f64("-nan:0x1"));
        assertThrows(WatNumbers.OutOfRange.class, () -> f32("nan:0x0"));
        assertThrows(WatNumbers.OutOfRange.class, () -> f32("nan:0x800000"));
        assertThrows(WatNumbers.OutOfRange.class, () -> f64("nan:0x10000000000000"));
        assertThrows(WatNumbers.NotANumber.class, () -> f32("nan:1"));
    }

    @Test
    void malformedFloatSyntax() {
        for (String s : new String[] {".0", "0e", "0e+", "0x", "0x.", "0x0p", "0x0pA", "1x", "_1.0", "1__0", "1_", "0x_1",
            "1.0_", "1._0", "infinity", "0x1p+_1", "+", ""}) {
            assertThrows(WatNumbers.NotANumber.class, () -> f32(s), s);
        }
    }

    @Test
    void f64MatchesJavaOnRandomDecimalAndHexLiterals() throws Exception {
        Random r = new Random(42);
        for (int i = 0; i < 5000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) continue;
            String dec = Double.toString(d).replace("E", "e");
            assertEquals(Double.doubleToRawLongBits(d), f64(dec), dec);
            String hex = Double.toHexString(d);
            assertEquals(Double.doubleToRawLongBits(d), f64(hex), hex);
            // The exact decimal expansion of a double, nudged: Java's parser is correctly rounded for doubles.
            String longDec = new BigDecimal(d).toString().replace("E", "e");
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(longDec)), f64(longDec), longDec);
        }
    }

    @Test
    void f32HexRoundsLikeJavaFromAnExactDouble() throws Exception {
        Random r = new Random(7);
        for (int i = 0; i < 20000; i++) {
            // Doubles within f32 exponent range: (float) d rounds the exact value once, as we must.
            double d = Math.scalb(1 + r.nextDouble(), r.nextInt(300) - 160) * (r.nextBoolean() ? 1 : -1);
            if (Math.abs(d) > Float.MAX_VALUE) continue;
            String hex = Double.toHexString(d);
            assertEquals(Float.floatToRawIntBits((float) d), f32(hex), hex);
        }
    }

    @Test
    void integers() throws Exception {
        assertEquals(-1, WatNumbers.parseI32("0xffff_ffff"));
        assertEquals(Integer.MIN_VALUE, WatNumbers.parseI32("-2147483648"));
        assertEquals(Integer.MIN_VALUE, WatNumbers.parseI32("-0x8000_0000"));
        assertEquals(42, WatNumbers.parseI32("+42"));
        assertThrows(WatNumbers.OutOfRange.class, () -> WatNumbers.parseI32("4294967296"));
        assertThrows(WatNumbers.OutOfRange.class, () -> WatNumbers.parseI32("-2147483649"));
        assertEquals(-1L, WatNumbers.parseI64("18446744073709551615"));
        assertEquals(Long.MIN_VALUE, WatNumbers.parseI64("-9223372036854775808"));
        assertThrows(WatNumbers.OutOfRange.class, () -> WatNumbers.parseI64("0x1_0000_0000_0000_0000"));
        assertThrows(WatNumbers.NotANumber.class, () -> WatNumbers.parseI32("0x"));
        assertThrows(WatNumbers.NotANumber.class, () -> WatNumbers.parseI32("1_"));
        assertThrows(WatNumbers.NotANumber.class, () -> WatNumbers.parseI32("_1"));
    }
}
