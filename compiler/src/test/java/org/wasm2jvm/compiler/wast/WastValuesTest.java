package org.wasm2jvm.compiler.wast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasm2jvm.api.FuncType;
import org.wasm2jvm.api.HostFunction;
import org.wasm2jvm.api.ValType;
import org.wasm2jvm.compiler.wast.WastCommand.Expected;
import org.wasm2jvm.compiler.wast.WastCommand.Value;
import org.wasm2jvm.compiler.wast.WastCommand.Value.Type;

class WastValuesTest {
    private final WastValues values = new WastValues(new ExternRefs());

    private static Value v(Type t, long bits) {
        return new Value(t, bits, false);
    }

    private static Expected nan(Type t, Expected.Nan kind) {
        return new Expected(new Value(t, 0, false), kind, false, null);
    }

    @Test
    void argumentsAreBoxedFromRawBits() {
        Object[] args = values.arguments(List.of(v(Type.I32, 0xFFFF_FFFFL), v(Type.I64, -2), v(Type.F32, 0x7fa0_0001L),
                v(Type.F64, 0x8000_0000_0000_0000L), new Value(Type.EXTERNREF, 0, true)));
        assertEquals(-1, args[0]);
        assertEquals(-2L, args[1]);
        // A signalling NaN must keep its payload on the way in.
        assertEquals(0x7fa0_0001, Float.floatToRawIntBits((Float) args[2]));
        assertEquals(0x8000_0000_0000_0000L, Double.doubleToRawLongBits((Double) args[3]));
        assertNull(args[4]);
    }

    @Test
    void externRefsAreOneObjectPerNumber() {
        Object a = values.argument(v(Type.EXTERNREF, 7));
        Object b = values.argument(v(Type.EXTERNREF, 7));
        assertSame(a, b);
        assertEquals(new ExternRef(7), a);
        assertTrue(values.matches(a, Expected.exact(v(Type.EXTERNREF, 7))));
        assertFalse(values.matches(a, Expected.exact(v(Type.EXTERNREF, 8))));
        assertFalse(values.matches(null, Expected.exact(v(Type.EXTERNREF, 7))));
        assertTrue(values.matches(null, Expected.exact(new Value(Type.EXTERNREF, 0, true))));
        assertTrue(values.matches(a, new Expected(v(Type.EXTERNREF, 0), Expected.Nan.NONE, true, null)));
    }

    @Test
    void floatsCompareByExactBits() {
        Expected zero = Expected.exact(v(Type.F32, 0));
        assertTrue(values.matches(0.0f, zero));
        assertFalse(values.matches(-0.0f, zero));
        Expected nanPayload = Expected.exact(v(Type.F64, 0x7ff0_0000_0000_0001L));
        assertTrue(values.matches(Double.longBitsToDouble(0x7ff0_0000_0000_0001L), nanPayload));
        assertFalse(values.matches(Double.longBitsToDouble(0x7ff0_0000_0000_0002L), nanPayload));
        // The type must match too: an f64 result never equals an f32 expectation.
        assertFalse(values.matches(0.0, zero));
    }

    @Test
    void integersCompareByTypeAndValue() {
        assertTrue(values.matches(-1, Expected.exact(v(Type.I32, 0xFFFF_FFFFL))));
        assertFalse(values.matches(-1L, Expected.exact(v(Type.I32, 0xFFFF_FFFFL))));
        assertTrue(values.matches(Long.MIN_VALUE, Expected.exact(v(Type.I64, Long.MIN_VALUE))));
    }

    @Test
    void canonicalNanHasOnlyTheQuietBitEitherSign() {
        Expected canonical = nan(Type.F32, Expected.Nan.CANONICAL);
        assertTrue(values.matches(Float.intBitsToFloat(0x7fc0_0000), canonical));
        assertTrue(values.matches(Float.intBitsToFloat(0xffc0_0000), canonical));
        assertFalse(values.matches(Float.intBitsToFloat(0x7fc0_0001), canonical));
        assertFalse(values.matches(Float.intBitsToFloat(0x7fa0_0000), canonical));
        assertFalse(values.matches(1.0f, canonical));
        Expected canonical64 = nan(Type.F64, Expected.Nan.CANONICAL);
        assertTrue(values.matches(Double.longBitsToDouble(0xfff8_0000_0000_0000L), canonical64));
        assertFalse(values.matches(Double.longBitsToDouble(0x7ff8_0000_0000_0001L), canonical64));
        assertFalse(values.matches(Float.intBitsToFloat(0x7fc0_0000), canonical64));
    }

    @Test
    void arithmeticNanNeedsTheQuietBit() {
        Expected arithmetic = nan(Type.F32, Expected.Nan.ARITHMETIC);
        assertTrue(values.matches(Float.intBitsToFloat(0x7fc0_0000), arithmetic));
        assertTrue(values.matches(Float.intBitsToFloat(0xffc0_1234), arithmetic));
        assertFalse(values.matches(Float.intBitsToFloat(0x7fa0_0000), arithmetic));
        assertFalse(values.matches(Float.POSITIVE_INFINITY, arithmetic));
        Expected arithmetic64 = nan(Type.F64, Expected.Nan.ARITHMETIC);
        assertTrue(values.matches(Double.longBitsToDouble(0x7fff_ffff_ffff_ffffL), arithmetic64));
        assertFalse(values.matches(Double.longBitsToDouble(0x7ff4_0000_0000_0000L), arithmetic64));
    }

    @Test
    void funcrefExpectations() {
        HostFunction f = HostFunction.of(FuncType.of(new ValType[0]), args -> null);
        Expected anyFunc = new Expected(v(Type.FUNCREF, 0), Expected.Nan.NONE, true, null);
        Expected nullFunc = Expected.exact(new Value(Type.FUNCREF, 0, true));
        assertTrue(values.matches(f, anyFunc));
        assertFalse(values.matches(null, anyFunc));
        assertTrue(values.matches(null, nullFunc));
        assertFalse(values.matches(f, nullFunc));
    }

    @Test
    void eitherMatchesAnyAlternative() {
        Expected either = new Expected(null, Expected.Nan.NONE, false,
                List.of(Expected.exact(v(Type.I32, 1)), Expected.exact(v(Type.I32, 2))));
        assertTrue(values.matches(2, either));
        assertFalse(values.matches(3, either));
    }

    @Test
    void resultCountMustMatch() {
        List<Expected> two = List.of(Expected.exact(v(Type.I32, 1)), Expected.exact(v(Type.I64, 2)));
        assertTrue(values.matchesAll(new Object[] {1, 2L}, two));
        assertFalse(values.matchesAll(new Object[] {1}, two));
        assertFalse(values.matchesAll(new Object[] {1, 2L, 3}, two));
        assertTrue(values.matchesAll(new Object[0], List.of()));
    }

    @Test
    void descriptionsShowTypeAndBits() {
        assertEquals("[i32:-1 (0xffffffff), f32:-0.0 (0x80000000)]", WastValues.describeAll(new Object[] {-1, -0.0f}));
        assertEquals("[f64:nan:canonical, ref.extern 3, ref.null func]", WastValues.describeAllExpected(List.of(
                nan(Type.F64, Expected.Nan.CANONICAL), Expected.exact(v(Type.EXTERNREF, 3)),
                Expected.exact(new Value(Type.FUNCREF, 0, true)))));
        assertArrayEquals(new Object[] {"i32:5"}, new Object[] {WastValues.describe(5)});
    }
}
