/*
 * FASTA benchmark: the Computer Language Benchmarks Game "fasta" generator, as in the
 * Go->Wasm runtime study (our C port, not its binary).
 *
 *   fasta N        writes the three sequences for N to stdout: ">ONE" the ALU repeat (2N
 *                  bases), ">TWO" IUB codes (3N), ">THREE" Homo sapiens frequencies (5N),
 *                  60 bases a line, random ones from the benchmark's LCG (seed 42, IM 139968)
 *   fasta --kernel SIZE REPS   times bench_kernel(SIZE): the same generation for N = SIZE
 *                  into memory, checksummed instead of written
 *
 * https://benchmarksgame-team.pages.debian.net/benchmarksgame/description/fasta.html
 */
#include "bench.h"

#define LINE 60
#define IM 139968
#define IA 3877
#define IC 29573

static const char ALU[] =
    "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG"
    "GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA"
    "CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT"
    "ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA"
    "GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG"
    "AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC"
    "AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA";

typedef struct {
    char base;
    double p; /* probability, made cumulative before use */
} amino;

/* Where the generated lines go: stdout, or a checksum for the kernel. */
typedef struct {
    int to_stdout;
    uint32_t checksum;
} sink;

static void emit(sink *s, const char *line, size_t len) {
    if (s->to_stdout) {
        fwrite(line, 1, len, stdout);
        return;
    }
    for (size_t i = 0; i < len; i++) s->checksum = s->checksum * 31u + (uint8_t)line[i];
}

static uint32_t last = 42;

static double gen_random(double max) {
    last = (last * IA + IC) % IM;
    return max * last / IM;
}

static void make_cumulative(amino *table, int n) {
    double p = 0;
    for (int i = 0; i < n; i++) {
        p += table[i].p;
        table[i].p = p;
    }
}

static void repeat_fasta(sink *s, const char *header, const char *seq, int32_t n) {
    size_t len = strlen(seq);
    char line[LINE + 1];
    size_t pos = 0;
    emit(s, header, strlen(header));
    while (n > 0) {
        int32_t m = n < LINE ? n : LINE;
        for (int32_t i = 0; i < m; i++) {
            line[i] = seq[pos];
            if (++pos == len) pos = 0;
        }
        line[m] = '\n';
        emit(s, line, (size_t)m + 1);
        n -= m;
    }
}

static void random_fasta(sink *s, const char *header, const amino *table, int count, int32_t n) {
    char line[LINE + 1];
    emit(s, header, strlen(header));
    while (n > 0) {
        int32_t m = n < LINE ? n : LINE;
        for (int32_t i = 0; i < m; i++) {
            double r = gen_random(1.0);
            int k = 0;
            while (k < count - 1 && r >= table[k].p) k++;
            line[i] = table[k].base;
        }
        line[m] = '\n';
        emit(s, line, (size_t)m + 1);
        n -= m;
    }
}

static void fasta(sink *s, int32_t n) {
    amino iub[] = {
        {'a', 0.27}, {'c', 0.12}, {'g', 0.12}, {'t', 0.27}, {'B', 0.02}, {'D', 0.02}, {'H', 0.02}, {'K', 0.02},
        {'M', 0.02}, {'N', 0.02}, {'R', 0.02}, {'S', 0.02}, {'V', 0.02}, {'W', 0.02}, {'Y', 0.02},
    };
    amino homosapiens[] = {
        {'a', 0.3029549426680},
        {'c', 0.1979883004921},
        {'g', 0.1975473066391},
        {'t', 0.3015094502008},
    };
    int niub = (int)(sizeof iub / sizeof iub[0]), nhs = (int)(sizeof homosapiens / sizeof homosapiens[0]);
    make_cumulative(iub, niub);
    make_cumulative(homosapiens, nhs);
    last = 42;
    repeat_fasta(s, ">ONE Homo sapiens alu\n", ALU, 2 * n);
    random_fasta(s, ">TWO IUB ambiguity codes\n", iub, niub, 3 * n);
    random_fasta(s, ">THREE Homo sapiens frequency\n", homosapiens, nhs, 5 * n);
}

BENCH_EXPORT int32_t bench_kernel(int32_t size) {
    sink s = {0, 0};
    fasta(&s, size);
    return (int32_t)s.checksum;
}

int main(int argc, char **argv) {
    int status;
    if (bench_kernel_main(argc, argv, &status)) return status;
    int32_t n = argc == 2 ? (int32_t)atoi(argv[1]) : 0;
    if (argc != 2 || n <= 0 || n > INT32_MAX / 5) {
        fprintf(stderr, "usage: fasta [N | --kernel SIZE REPS]\n");
        return 2;
    }
    static char buf[1 << 16];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    sink s = {1, 0};
    fasta(&s, n);
    return fflush(stdout) == 0 ? 0 : 1;
}
