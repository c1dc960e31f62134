package org.wasm2jvm.bench.harness;

import java.util.Arrays;
import java.util.List;

/**
 * Summary of repeated wall-clock times (nanoseconds): best, median, the 10th and 90th
 * percentiles and the median absolute deviation. Percentiles interpolate linearly between
 * order statistics (the "R-7" definition), so one sample gives that sample for all of them.
 */
public record Stats(int count, long best, double median, double p10, double p90, double mad) {

    public static Stats of(List<Long> samples) {
        if (samples.isEmpty()) throw new IllegalArgumentException("no samples");
        double[] sorted = samples.stream().mapToDouble(Long::doubleValue).sorted().toArray();
        double median = percentile(sorted, 0.5);
        double[] deviations = Arrays.stream(sorted).map(v -> Math.abs(v - median)).sorted().toArray();
        return new Stats(sorted.length, (long) sorted[0], median, percentile(sorted, 0.1), percentile(sorted, 0.9),
                percentile(deviations, 0.5));
    }

    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public double bestMillis() {
        return best / 1e6;
    }

    public double medianMillis() {
        return median / 1e6;
    }
}
