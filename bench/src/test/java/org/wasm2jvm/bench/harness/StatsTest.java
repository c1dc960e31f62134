package org.wasm2jvm.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void summarisesUnsortedSamples() {
        Stats s = Stats.of(List.of(5L, 1L, 3L, 2L, 4L));
        assertEquals(5, s.count());
        assertEquals(1, s.best());
        assertEquals(3.0, s.median());
        assertEquals(1.4, s.p10(), 1e-9);   // 0.1 * 4 = 0.4 of the way from 1 to 2
        assertEquals(4.6, s.p90(), 1e-9);
        assertEquals(1.0, s.mad());         // deviations 2,1,0,1,2
    }

    @Test
    void evenCountMedianIsTheMidpoint() {
        Stats s = Stats.of(List.of(10L, 40L, 20L, 30L));
        assertEquals(25.0, s.median());
        assertEquals(10.0, s.mad());
    }

    @Test
    void oneSampleIsEveryStatistic() {
        Stats s = Stats.of(List.of(7_000_000L));
        assertEquals(7.0, s.bestMillis());
        assertEquals(7.0, s.medianMillis());
        assertEquals(7_000_000.0, s.p90());
        assertEquals(0.0, s.mad());
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Stats.of(List.of()));
    }
}
