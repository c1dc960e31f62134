/*
 * Shared by the benchmark programs: the steady-state kernel entry and its timing driver.
 *
 * Every CPU-bound program defines bench_kernel(size): the core computation on data it builds
 * itself from a fixed seed, no I/O, returning a checksum. For wasm it is exported (the JMH
 * harness calls it on an instance directly); natively it is a plain function. `PROG --kernel
 * SIZE REPS` calls it REPS times and prints the checksum and the mean wall time per call, so
 * the native steady state is measured the same way as the wasm one.
 *
 * Types: only <stdint.h> widths, never long (32-bit on wasm32, 64-bit on x86-64 Linux), so
 * the native and wasm builds compute and print the same thing.
 */
#ifndef BENCH_H
#define BENCH_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef __wasm__
#define BENCH_EXPORT __attribute__((export_name("bench_kernel")))
#else
#define BENCH_EXPORT
#endif

BENCH_EXPORT int32_t bench_kernel(int32_t size);

static inline int64_t bench_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/*
 * Handles `--kernel SIZE REPS` (returns 1 after running it) and leaves any other argv to
 * the program (returns 0). Prints "checksum N" then "mean_ns N": the first line is the same
 * natively and under wasm, the second is the measurement.
 */
static inline int bench_kernel_main(int argc, char **argv, int *status) {
    if (argc < 2 || strcmp(argv[1], "--kernel") != 0) return 0;
    if (argc != 4) {
        fprintf(stderr, "usage: %s --kernel SIZE REPS\n", argv[0]);
        *status = 2;
        return 1;
    }
    int32_t size = (int32_t)atoi(argv[2]);
    int32_t reps = (int32_t)atoi(argv[3]);
    if (size <= 0 || reps <= 0) {
        fprintf(stderr, "%s: SIZE and REPS must be positive\n", argv[0]);
        *status = 2;
        return 1;
    }
    int32_t checksum = 0;
    int64_t start = bench_now_ns();
    for (int32_t i = 0; i < reps; i++) {
        int32_t c = bench_kernel(size);
        /* every call builds the same data, so every call must agree */
        if (i > 0 && c != checksum) {
            fprintf(stderr, "%s: kernel checksum changed between calls\n", argv[0]);
            *status = 1;
            return 1;
        }
        checksum = c;
    }
    int64_t elapsed = bench_now_ns() - start;
    printf("checksum %" PRId32 "\n", checksum);
    printf("mean_ns %" PRId64 "\n", elapsed / reps);
    *status = 0;
    return 1;
}

/* Park-Miller "minimal standard" generator: exact in 64-bit integers everywhere. */
typedef struct {
    uint32_t state;
} bench_rng;

static inline uint32_t bench_next(bench_rng *r) {
    r->state = (uint32_t)(((uint64_t)r->state * 48271u) % 2147483647u);
    return r->state;
}

/* Folds a 32-bit value into a running checksum (order-sensitive). */
static inline uint32_t bench_mix(uint32_t h, uint32_t v) {
    h ^= v + 0x9e3779b9u + (h << 6) + (h >> 2);
    return h;
}

#endif
