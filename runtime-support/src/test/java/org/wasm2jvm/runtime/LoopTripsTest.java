package org.wasm2jvm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LoopTrips#trips} against running the loop: iteration k tests
 * {@code first + (k - 1) * step} (wrapping), and the loop stops at the first false test.
 */
class LoopTripsTest {
    private static final int[] CMPS = {LoopTrips.NE, LoopTrips.LT_S, LoopTrips.LT_U, LoopTrips.GT_S,
        LoopTrips.GT_U, LoopTrips.LE_S, LoopTrips.LE_U, LoopTrips.GE_S, LoopTrips.GE_U};
    private static final int[] EDGES = {0, 1, -1, 2, -2, 3, 7, 8, 100, -100, Integer.MAX_VALUE,
        Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 7, Integer.MIN_VALUE, Integer.MIN_VALUE + 1,
        Integer.MIN_VALUE + 5};
    private static final int[] STEPS = {1, -1, 2, -2, 3, -3, 4, 8, -8, 12, 16, 100, -100, 1 << 20, 0};
    /** Loops simulated up to this many iterations. */
    private static final int RUN = 5_000;

    @Test
    void edgeValuesAgreeWithRunningTheLoop() {
        for (int cmp : CMPS) {
            for (int first : EDGES) {
                for (int bound : EDGES) {
                    for (int step : STEPS) {
                        check(first, bound, step, cmp);
                        check(first, first + step * 10, step, cmp);
                        check(bound - step * 37, bound, step, cmp);
                        check(bound - step * 37 + 1, bound, step, cmp);
                    }
                }
            }
        }
    }

    @Test
    void randomLoopsAgreeWithRunningTheLoop() {
        SplittableRandom rnd = new SplittableRandom(20261124);
        for (int i = 0; i < 200_000; i++) {
            int step = rnd.nextInt(9) == 0 ? rnd.nextInt() : rnd.nextInt(-40, 41);
            int first = rnd.nextInt(4) == 0 ? rnd.nextInt() : rnd.nextInt(-3000, 3000);
            int bound = rnd.nextBoolean() ? first + step * rnd.nextInt(-50, 3000) + rnd.nextInt(-2, 3)
                    : rnd.nextInt(4) == 0 ? rnd.nextInt() : rnd.nextInt(-3000, 3000);
            check(first, bound, step, CMPS[rnd.nextInt(CMPS.length)]);
        }
    }

    @Test
    void countsLoopsLongerThanCanBeRun() {
        // 0, 1, ..., 2^31 - 2 all < MAX: 2^31 - 1 passes, then MAX fails
        assertEquals((1L << 31), LoopTrips.trips(0, Integer.MAX_VALUE, 1, LoopTrips.LT_S));
        // != with an odd step reaches any bound after wrapping around, and that is still exact
        assertEquals(2, LoopTrips.trips(1, 0, -1, LoopTrips.NE));
        assertEquals((1L << 32), LoopTrips.trips(1, 0, 1, LoopTrips.NE)); // 1, 2, ..., -1, 0
        assertEquals(-1, LoopTrips.trips(1, 0, 2, LoopTrips.NE)); // odd values never reach 0
        assertEquals(-1, LoopTrips.trips(0, 10, -1, LoopTrips.LT_S)); // moves away; stops only by wrapping
        assertEquals(-1, LoopTrips.trips(0, 10, 0, LoopTrips.NE));
        assertEquals(1, LoopTrips.trips(10, 10, 0, LoopTrips.NE));
    }

    private static void check(int first, int bound, int step, int cmp) {
        long trips = LoopTrips.trips(first, bound, step, cmp);
        String what = "first " + first + " bound " + bound + " step " + step + " cmp 0x" + Integer.toHexString(cmp);
        assertTrue(trips == -1 || trips >= 1, what + ": " + trips);
        if (trips > 0) {
            // the test fails at iteration `trips` and held at each one before it (checked up to RUN)
            assertTrue(!LoopTrips.holds(cmp, first + (int) (trips - 1) * step, bound), what + ": still going at " + trips);
            for (long k = 1; k < Math.min(trips, RUN); k++) {
                assertTrue(LoopTrips.holds(cmp, first + (int) (k - 1) * step, bound), what + ": stopped at " + k + " < " + trips);
            }
            if (trips > RUN) {
                assertTrue(LoopTrips.holds(cmp, first + (int) (trips - 2) * step, bound), what + ": stopped before " + trips);
            }
            return;
        }
        // no count: the loop must not stop within RUN iterations unless w wrapped around before it did
        long w = first;
        for (int k = 1; k <= RUN; k++) {
            int wk = (int) w;
            boolean wrapped = cmp == LoopTrips.NE || wk != w && signed(cmp)
                    || !signed(cmp) && (Integer.toUnsignedLong(first) + (long) (k - 1) * step != Integer.toUnsignedLong(wk));
            if (!LoopTrips.holds(cmp, wk, bound)) {
                assertTrue(wrapped && cmp != LoopTrips.NE, what + ": gave no count but stops at " + k);
                return;
            }
            w += step;
        }
    }

    private static boolean signed(int cmp) {
        return cmp == LoopTrips.LT_S || cmp == LoopTrips.GT_S || cmp == LoopTrips.LE_S || cmp == LoopTrips.GE_S;
    }
}
