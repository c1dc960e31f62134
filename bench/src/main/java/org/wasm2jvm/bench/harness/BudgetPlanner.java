package org.wasm2jvm.bench.harness;

/**
 * Spreads the whole-process time budget over the (program, runtime) pairs: each pair gets an
 * equal share of what is left, and after its first run (the estimate) does as many runs as fit
 * in that share, at most the requested count and at least one. Time a fast pair leaves unused
 * goes to the pairs after it. A process that runs past twice its share (at least
 * {@link #MIN_TIMEOUT_NANOS}) is killed, so one slow interpreter cannot take hours.
 */
public final class BudgetPlanner {
    static final long MIN_TIMEOUT_NANOS = 20_000_000_000L;

    private final long deadline;
    private int pairsLeft;

    /** @param budgetNanos the whole budget; @param pairs how many pairs will ask for a share */
    public BudgetPlanner(long budgetNanos, int pairs, long now) {
        this.deadline = now + budgetNanos;
        this.pairsLeft = Math.max(1, pairs);
    }

    /** The share of the next pair, taken now; call once per pair. */
    public long nextShare(long now) {
        long share = Math.max(0, deadline - now) / Math.max(1, pairsLeft);
        pairsLeft = Math.max(0, pairsLeft - 1);
        return share;
    }

    /** The longest one process of a pair may run. */
    public static long timeout(long share) {
        return Math.max(2 * share, MIN_TIMEOUT_NANOS);
    }

    /** How many runs a pair does in total, given its share and the time of its first run. */
    public static int plannedRuns(long share, long firstRunNanos, int requested) {
        long fit = share / Math.max(1, firstRunNanos);
        return (int) Math.max(1, Math.min(requested, fit));
    }
}
