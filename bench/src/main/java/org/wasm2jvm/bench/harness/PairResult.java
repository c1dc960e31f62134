package org.wasm2jvm.bench.harness;

/**
 * The timings of one run under one runtime.
 *
 * @param stats  null unless {@code status} is {@link Status#OK}
 * @param detail why it failed or was skipped, or a note
 */
public record PairResult(BenchRun run, String runtime, Status status, Stats stats, String detail) {
    public enum Status { OK, FAILED, TIMEOUT, ERROR, SKIPPED }
}
