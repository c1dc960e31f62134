package org.wasm2jvm.runtime;

/**
 * The number of iterations of a counted loop, worked out before it starts, so that metered code
 * can pay for all of them at once (see {@link Rt#prepayLoop} and the Metering section of
 * {@code compiler/.../codegen/DESIGN.md}).
 *
 * <p>The loops are the ones the code generator recognises: a {@code do ... while} whose last
 * instruction is {@code br_if} back to the loop on {@code w OP bound}, where {@code w} is an i32
 * local that the body changes by exactly {@code step} once per iteration (with Wasm's wrapping
 * {@code i32.add}) and {@code bound} does not change. Iteration {@code k} (from 1) tests
 * {@code w_k = first + (k - 1) * step}, and the loop runs until the first {@code k} whose test is
 * false. Everything is exact under 32-bit wrapping: a loop that would only stop by wrapping
 * around, or never, has no answer here and runs with a check per iteration instead.
 */
public final class LoopTrips {
    /** i32 comparison opcodes, as in the binary format (3.0 spec, 5.4.7). */
    public static final int NE = 0x47, LT_S = 0x48, LT_U = 0x49, GT_S = 0x4A, GT_U = 0x4B,
            LE_S = 0x4C, LE_U = 0x4D, GE_S = 0x4E, GE_U = 0x4F;

    private LoopTrips() {}

    /**
     * Iterations of a loop that goes on while {@code w OP bound}, {@code w} starting at
     * {@code first} and moving by {@code step}: at least 1, or -1 when the loop would not stop
     * before {@code w} wraps around (or never stops).
     */
    public static long trips(int first, int bound, int step, int cmp) {
        if (!holds(cmp, first, bound)) return 1;
        switch (cmp) {
            case NE:
                return 1 + stepsToEqual(first, bound, step);
            case LT_U:
            case LE_U:
            case GT_U:
            case GE_U:
                // w + MIN is the same sequence shifted; unsigned order on w is signed order on it
                return signedTrips(first ^ Integer.MIN_VALUE, bound ^ Integer.MIN_VALUE, step, cmp - 1);
            default:
                return signedTrips(first, bound, step, cmp);
        }
    }

    /** For a loop whose first test held: trips under a signed comparison. */
    private static long signedTrips(int first, int bound, int step, int cmp) {
        switch (cmp) {
            case LE_S:
                if (bound == Integer.MAX_VALUE) return -1; // w <= MAX always holds
                return upTrips(first, (long) bound + 1, step);
            case LT_S:
                return upTrips(first, bound, step);
            case GE_S:
                if (bound == Integer.MIN_VALUE) return -1;
                return downTrips(first, (long) bound - 1, step);
            case GT_S:
                return downTrips(first, bound, step);
            default:
                throw new IllegalArgumentException("not an i32 comparison: " + cmp);
        }
    }

    /** While {@code w < limit} with {@code first < limit}: the first k with {@code first + k*step >= limit}, plus 1. */
    private static long upTrips(long first, long limit, int step) {
        if (step <= 0) return -1; // moves away from the exit: stops only by wrapping
        long k = Math.floorDiv(limit - first + step - 1, step);
        if (first + k * step > Integer.MAX_VALUE) return -1; // would wrap before the test fails
        return k + 1;
    }

    /** While {@code w > limit} with {@code first > limit}. */
    private static long downTrips(long first, long limit, int step) {
        if (step >= 0) return -1;
        long k = Math.floorDiv(first - limit - step - 1, -(long) step);
        if (first + k * step < Integer.MIN_VALUE) return -1;
        return k + 1;
    }

    /**
     * The least {@code m >= 1} with {@code first + m*step == bound} modulo 2^32, given
     * {@code first != bound}; or -2 (so that the caller's 1 + m is negative) when there is none.
     */
    private static long stepsToEqual(int first, int bound, int step) {
        if (step == 0) return -2;
        int d = bound - first;
        int tz = Integer.numberOfTrailingZeros(step);
        if (tz > 0 && (d & ((1 << tz) - 1)) != 0) return -2; // step's power of two does not divide d
        int odd = step >> tz;
        int inv = odd; // Newton's iteration for the inverse of an odd number modulo 2^32
        for (int i = 0; i < 5; i++) inv *= 2 - odd * inv;
        long mask = (1L << (32 - tz)) - 1;
        long m = ((long) ((d >> tz) * inv)) & mask; // step/2^tz * m == d/2^tz  (mod 2^(32-tz))
        return m == 0 ? mask + 1 : m;
    }

    /** Whether {@code w OP bound} holds. */
    static boolean holds(int cmp, int w, int bound) {
        switch (cmp) {
            case NE: return w != bound;
            case LT_S: return w < bound;
            case LT_U: return Integer.compareUnsigned(w, bound) < 0;
            case GT_S: return w > bound;
            case GT_U: return Integer.compareUnsigned(w, bound) > 0;
            case LE_S: return w <= bound;
            case LE_U: return Integer.compareUnsigned(w, bound) <= 0;
            case GE_S: return w >= bound;
            case GE_U: return Integer.compareUnsigned(w, bound) >= 0;
            default: throw new IllegalArgumentException("not an i32 comparison: " + cmp);
        }
    }
}
