/*
 * Matrix multiplication benchmark (a C port of the Go->Wasm runtime study's program, not its
 * binary; single-threaded here).
 *
 *   matmul N       C = A x B for N x N doubles filled from a fixed-seed generator; prints the
 *                  sum of C's elements and a few of them (the study's size is N = 2000)
 *   matmul --kernel SIZE REPS   times bench_kernel(SIZE): the same multiplication, N = SIZE
 *
 * Row-major, i-k-j loop order (a row of B and of C per step). The additions happen in the same
 * order in every build and nothing is reassociated (no -ffast-math), so the native and wasm
 * results are the same doubles, and printf prints them the same way.
 */
#include "bench.h"

static double *random_matrix(int32_t n, bench_rng *rng) {
    double *m = malloc((size_t)n * n * sizeof *m);
    if (m == NULL) {
        fprintf(stderr, "matmul: out of memory for %" PRId32 " x %" PRId32 "\n", n, n);
        exit(1);
    }
    for (int32_t i = 0; i < n * n; i++) m[i] = (bench_next(rng) % 2000000) / 1000000.0 - 1.0;
    return m;
}

static void multiply(const double *a, const double *b, double *c, int32_t n) {
    memset(c, 0, (size_t)n * n * sizeof *c);
    for (int32_t i = 0; i < n; i++) {
        double *ci = c + (size_t)i * n;
        for (int32_t k = 0; k < n; k++) {
            double aik = a[(size_t)i * n + k];
            const double *bk = b + (size_t)k * n;
            for (int32_t j = 0; j < n; j++) ci[j] += aik * bk[j];
        }
    }
}

static double sum(const double *m, int32_t n) {
    double s = 0;
    for (int32_t i = 0; i < n * n; i++) s += m[i];
    return s;
}

/* C = A x B for fresh matrices; the caller frees the result */
static double *run(int32_t n, uint32_t seed) {
    bench_rng rng = {seed};
    double *a = random_matrix(n, &rng);
    double *b = random_matrix(n, &rng);
    double *c = malloc((size_t)n * n * sizeof *c);
    if (c == NULL) {
        fprintf(stderr, "matmul: out of memory\n");
        exit(1);
    }
    multiply(a, b, c, n);
    free(a);
    free(b);
    return c;
}

BENCH_EXPORT int32_t bench_kernel(int32_t size) {
    double *c = run(size, 31337);
    double s = sum(c, size);
    free(c);
    uint64_t bits;
    memcpy(&bits, &s, sizeof bits);
    return (int32_t)bench_mix((uint32_t)bits, (uint32_t)(bits >> 32));
}

int main(int argc, char **argv) {
    int status;
    if (bench_kernel_main(argc, argv, &status)) return status;
    int32_t n = argc == 2 ? (int32_t)atoi(argv[1]) : 0;
    if (argc != 2 || n <= 0 || n > 20000) {
        fprintf(stderr, "usage: matmul [N | --kernel SIZE REPS]\n");
        return 2;
    }
    double *c = run(n, 20240601);
    printf("n %" PRId32 "\n", n);
    printf("sum %.6f\n", sum(c, n));
    printf("c[0][0] %.12f\n", c[0]);
    printf("c[%" PRId32 "][%" PRId32 "] %.12f\n", n / 2, n / 3, c[(size_t)(n / 2) * n + n / 3]);
    printf("c[%" PRId32 "][%" PRId32 "] %.12f\n", n - 1, n - 1, c[(size_t)n * n - 1]);
    free(c);
    return 0;
}
