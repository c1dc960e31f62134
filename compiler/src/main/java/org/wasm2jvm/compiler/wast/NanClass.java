package org.wasm2jvm.compiler.wast;

/**
 * The NaN classes a script can expect as a float result.
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/numerics.html#nan-propagation">Spec 4.3.3 NaN Propagation</a>
 */
final class NanClass {
    private static final int F32_CANONICAL = 0x7fc0_0000;
    private static final long F64_CANONICAL = 0x7ff8_0000_0000_0000L;

    private NanClass() {}

    /** A canonical NaN: only the quiet bit of the payload is set; either sign. */
    static boolean isCanonical(float f) {
        return (Float.floatToRawIntBits(f) & 0x7fff_ffff) == F32_CANONICAL;
    }

    static boolean isCanonical(double d) {
        return (Double.doubleToRawLongBits(d) & 0x7fff_ffff_ffff_ffffL) == F64_CANONICAL;
    }

    /** An arithmetic NaN: the quiet bit is set, the rest of the payload is anything; either sign. */
    static boolean isArithmetic(float f) {
        return (Float.floatToRawIntBits(f) & F32_CANONICAL) == F32_CANONICAL;
    }

    static boolean isArithmetic(double d) {
        return (Double.doubleToRawLongBits(d) & F64_CANONICAL) == F64_CANONICAL;
    }
}
