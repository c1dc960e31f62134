/*
 * QuickSort benchmark (a C port of the Go->Wasm runtime study's program, not its binary).
 *
 *   quicksort            sorts the study-sized list of 10 integers and prints it
 *   quicksort N          sorts N pseudo-random integers (fixed-seed LCG), prints a checksum
 *   quicksort --kernel SIZE REPS   times bench_kernel(SIZE) (see bench.h)
 *
 * The classic recursive quicksort: Hoare partition around the middle element, recursing
 * into both halves.
 */
#include "bench.h"

static void quicksort(int32_t *a, int32_t lo, int32_t hi) {
    if (lo >= hi) return;
    int32_t pivot = a[lo + (hi - lo) / 2];
    int32_t i = lo - 1, j = hi + 1;
    for (;;) {
        do i++; while (a[i] < pivot);
        do j--; while (a[j] > pivot);
        if (i >= j) break;
        int32_t t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
    quicksort(a, lo, j);
    quicksort(a, j + 1, hi);
}

static int32_t *random_ints(int32_t n, uint32_t seed) {
    int32_t *a = malloc((size_t)n * sizeof *a);
    if (a == NULL) {
        fprintf(stderr, "quicksort: out of memory for %" PRId32 " integers\n", n);
        exit(1);
    }
    bench_rng rng = {seed};
    for (int32_t i = 0; i < n; i++) a[i] = (int32_t)(bench_next(&rng) % 1000000000u) - 500000000;
    return a;
}

/* Order-sensitive hash of the sorted array, plus a sortedness check folded in. */
static uint32_t sorted_checksum(const int32_t *a, int32_t n, int32_t *unsorted) {
    uint32_t h = 0;
    *unsorted = 0;
    for (int32_t i = 0; i < n; i++) {
        h = bench_mix(h, (uint32_t)a[i]);
        if (i > 0 && a[i - 1] > a[i]) (*unsorted)++;
    }
    return h;
}

BENCH_EXPORT int32_t bench_kernel(int32_t size) {
    int32_t *a = random_ints(size, 12345);
    quicksort(a, 0, size - 1);
    int32_t unsorted;
    uint32_t h = sorted_checksum(a, size, &unsorted);
    free(a);
    return (int32_t)(h + (uint32_t)unsorted);
}

static void print_list(const char *label, const int32_t *a, int32_t n) {
    printf("%s", label);
    for (int32_t i = 0; i < n; i++) printf(i == 0 ? "%" PRId32 : " %" PRId32, a[i]);
    printf("\n");
}

int main(int argc, char **argv) {
    int status;
    if (bench_kernel_main(argc, argv, &status)) return status;
    if (argc == 1) {
        int32_t a[10] = {38, 27, 43, 3, 9, 82, 10, -5, 27, 61};
        print_list("unsorted: ", a, 10);
        quicksort(a, 0, 9);
        print_list("sorted:   ", a, 10);
        return 0;
    }
    int32_t n = (int32_t)atoi(argv[1]);
    if (argc != 2 || n <= 0) {
        fprintf(stderr, "usage: quicksort [N | --kernel SIZE REPS]\n");
        return 2;
    }
    int32_t *a = random_ints(n, 20240601);
    quicksort(a, 0, n - 1);
    int32_t unsorted;
    uint32_t h = sorted_checksum(a, n, &unsorted);
    printf("sorted %" PRId32 " integers\n", n);
    printf("min %" PRId32 " median %" PRId32 " max %" PRId32 "\n", a[0], a[n / 2], a[n - 1]);
    printf("out of order pairs %" PRId32 "\n", unsorted);
    printf("checksum %08" PRIx32 "\n", h);
    free(a);
    return unsorted == 0 ? 0 : 1;
}
