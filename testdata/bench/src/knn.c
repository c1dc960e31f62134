/*
 * KNN benchmark (a C port of the Go->Wasm runtime study's program, not its binary).
 *
 *   knn FILE.csv   k-nearest neighbours (k = 8, Euclidean distance) on the iris data set:
 *                  rows 5, 10, 15, ... (every fifth) are the test set, the other 120 the
 *                  training set; prints each test row's prediction and the accuracy
 *   knn --kernel SIZE REPS   times bench_kernel(SIZE): classify 256 queries against SIZE
 *                  synthetic training points (three Gaussian-ish clusters, fixed seed)
 *
 * The CSV has a header line, then sepal_length,sepal_width,petal_length,petal_width,species.
 * Ties are broken deterministically: equal distances by training-row order, equal votes by
 * the smaller summed distance, then by class order.
 */
#include <math.h>

#include "bench.h"

#define K 8
#define FEATURES 4
#define MAX_CLASSES 8
#define MAX_ROWS 1000

typedef struct {
    double x[FEATURES];
    int32_t cls;
} sample;

typedef struct {
    double dist;
    int32_t index;
} neighbour;

static double distance(const double *a, const double *b) {
    double s = 0;
    for (int i = 0; i < FEATURES; i++) {
        double d = a[i] - b[i];
        s += d * d;
    }
    return sqrt(s);
}

/* The K nearest training samples to q, by insertion into a sorted list of K. */
static int32_t classify(const sample *train, int32_t n, const double *q, int32_t nclasses) {
    neighbour best[K];
    int32_t have = 0;
    for (int32_t i = 0; i < n; i++) {
        double d = distance(train[i].x, q);
        if (have == K && d >= best[K - 1].dist) continue;
        int32_t pos = have < K ? have++ : K - 1;
        while (pos > 0 && best[pos - 1].dist > d) {
            best[pos] = best[pos - 1];
            pos--;
        }
        best[pos].dist = d;
        best[pos].index = i;
    }
    int32_t votes[MAX_CLASSES] = {0};
    double sum[MAX_CLASSES] = {0};
    for (int32_t i = 0; i < have; i++) {
        votes[train[best[i].index].cls]++;
        sum[train[best[i].index].cls] += best[i].dist;
    }
    int32_t winner = 0;
    for (int32_t c = 1; c < nclasses; c++) {
        if (votes[c] > votes[winner] || (votes[c] == votes[winner] && sum[c] < sum[winner])) winner = c;
    }
    return winner;
}

BENCH_EXPORT int32_t bench_kernel(int32_t size) {
    static const double centre[3][FEATURES] = {{5.0, 3.4, 1.5, 0.2}, {5.9, 2.8, 4.3, 1.3}, {6.6, 3.0, 5.5, 2.0}};
    sample *train = malloc((size_t)size * sizeof *train);
    if (train == NULL) return -1;
    bench_rng rng = {99};
    for (int32_t i = 0; i < size; i++) {
        train[i].cls = i % 3;
        for (int f = 0; f < FEATURES; f++) {
            /* sum of two uniforms in [-0.5, 0.5): a cheap bell around the centre */
            double u = (bench_next(&rng) % 10000) / 10000.0 + (bench_next(&rng) % 10000) / 10000.0 - 1.0;
            train[i].x[f] = centre[i % 3][f] + u;
        }
    }
    uint32_t h = 0;
    for (int32_t q = 0; q < 256; q++) {
        double query[FEATURES];
        for (int f = 0; f < FEATURES; f++) query[f] = 4.0 + (bench_next(&rng) % 30000) / 10000.0;
        h = bench_mix(h, (uint32_t)classify(train, size, query, 3));
    }
    free(train);
    return (int32_t)h;
}

static char class_names[MAX_CLASSES][32];
static int32_t nclasses;

static int32_t class_of(const char *name) {
    for (int32_t c = 0; c < nclasses; c++) {
        if (strcmp(class_names[c], name) == 0) return c;
    }
    if (nclasses == MAX_CLASSES || strlen(name) >= sizeof class_names[0]) return -1;
    strcpy(class_names[nclasses], name);
    return nclasses++;
}

/* Reads every data row of the CSV; returns the row count, or -1 with a message on stderr. */
static int32_t read_csv(const char *path, sample *rows) {
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "knn: cannot open %s\n", path);
        return -1;
    }
    char line[256];
    int32_t n = 0, lineno = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        lineno++;
        if (lineno == 1 || line[0] == '\n') continue; /* header, blank */
        if (n == MAX_ROWS) break;
        char *p = line, *end;
        for (int i = 0; i < FEATURES; i++) {
            rows[n].x[i] = strtod(p, &end);
            if (end == p || *end != ',') {
                fprintf(stderr, "knn: %s:%" PRId32 ": expected 4 numbers and a class\n", path, lineno);
                fclose(f);
                return -1;
            }
            p = end + 1;
        }
        p[strcspn(p, "\r\n")] = '\0';
        rows[n].cls = class_of(p);
        if (rows[n].cls < 0) {
            fprintf(stderr, "knn: %s:%" PRId32 ": too many classes\n", path, lineno);
            fclose(f);
            return -1;
        }
        n++;
    }
    fclose(f);
    return n;
}

int main(int argc, char **argv) {
    int status;
    if (bench_kernel_main(argc, argv, &status)) return status;
    if (argc != 2) {
        fprintf(stderr, "usage: knn FILE.csv | --kernel SIZE REPS\n");
        return 2;
    }
    static sample rows[MAX_ROWS], train[MAX_ROWS];
    int32_t n = read_csv(argv[1], rows);
    if (n < 0) return 1;
    int32_t ntrain = 0;
    for (int32_t i = 0; i < n; i++) {
        if (i % 5 != 4) train[ntrain++] = rows[i];
    }
    printf("rows %" PRId32 ", training %" PRId32 ", test %" PRId32 ", k %d\n", n, ntrain, n - ntrain, K);
    int32_t correct = 0;
    for (int32_t i = 4; i < n; i += 5) {
        int32_t predicted = classify(train, ntrain, rows[i].x, nclasses);
        if (predicted == rows[i].cls) correct++;
        printf("row %3" PRId32 " [%.1f %.1f %.1f %.1f] actual %-10s predicted %s%s\n", i + 1, rows[i].x[0],
               rows[i].x[1], rows[i].x[2], rows[i].x[3], class_names[rows[i].cls], class_names[predicted],
               predicted == rows[i].cls ? "" : " (wrong)");
    }
    int32_t tests = n - ntrain;
    printf("accuracy %" PRId32 "/%" PRId32 " = %.2f%%\n", correct, tests, tests ? 100.0 * correct / tests : 0.0);
    return 0;
}
