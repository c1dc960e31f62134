// Stand-in CPU kernel for the harness tests: a checksum over an LCG sequence.
// sum N              prints the checksum of bench_kernel(N)
// sum --kernel N R   runs bench_kernel(N) R times, prints "checksum ns_per_call"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef __wasm__
__attribute__((export_name("bench_kernel")))
#endif
int32_t bench_kernel(int32_t size) {
    uint32_t x = 12345, sum = 0;
    for (int32_t i = 0; i < size; i++) {
        x = x * 1103515245u + 12345u;
        sum ^= (x >> 7) + (uint32_t) i;
    }
    return (int32_t) sum;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "--kernel") == 0) {
        int32_t n = atoi(argv[2]);
        int reps = atoi(argv[3]);
        struct timespec a, b;
        int32_t c = 0;
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (int i = 0; i < reps; i++) c = bench_kernel(n);
        clock_gettime(CLOCK_MONOTONIC, &b);
        double ns = ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / reps;
        printf("%d %.1f\n", c, ns);
        return 0;
    }
    printf("%d\n", bench_kernel(argc > 1 ? atoi(argv[1]) : 1000));
    return 0;
}
