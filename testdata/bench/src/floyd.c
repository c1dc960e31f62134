/*
 * Floyd-Warshall benchmark (a C port of the Go->Wasm runtime study's program, not its binary).
 *
 *   floyd          all-pairs shortest paths on the study's 4-vertex, 5-edge example graph
 *                  (1->3 -2, 3->4 2, 4->2 -1, 2->1 4, 2->3 3): every pair's distance and path
 *   floyd N        a fixed-seed random graph of N vertices: distance checksum, sample paths
 *   floyd --kernel SIZE REPS   times bench_kernel(SIZE) (see bench.h)
 *
 * Distances are int32; "no path" is INF, kept far from overflow when two are added.
 */
#include "bench.h"

#define INF (INT32_MAX / 4)

typedef struct {
    int32_t n;
    int32_t *dist; /* n*n, row-major */
    int32_t *next; /* n*n: the vertex after i on a shortest i->j path, or -1 */
} graph;

static graph graph_new(int32_t n) {
    graph g = {n, malloc((size_t)n * n * sizeof(int32_t)), malloc((size_t)n * n * sizeof(int32_t))};
    if (g.dist == NULL || g.next == NULL) {
        fprintf(stderr, "floyd: out of memory for %" PRId32 " vertices\n", n);
        exit(1);
    }
    for (int32_t i = 0; i < n; i++) {
        for (int32_t j = 0; j < n; j++) {
            g.dist[i * n + j] = i == j ? 0 : INF;
            g.next[i * n + j] = i == j ? j : -1;
        }
    }
    return g;
}

static void graph_free(graph *g) {
    free(g->dist);
    free(g->next);
}

static void add_edge(graph *g, int32_t from, int32_t to, int32_t w) {
    g->dist[from * g->n + to] = w;
    g->next[from * g->n + to] = to;
}

static void floyd_warshall(graph *g) {
    int32_t n = g->n;
    int32_t *d = g->dist, *nx = g->next;
    for (int32_t k = 0; k < n; k++) {
        for (int32_t i = 0; i < n; i++) {
            int32_t dik = d[i * n + k];
            if (dik == INF) continue;
            for (int32_t j = 0; j < n; j++) {
                int32_t dkj = d[k * n + j];
                if (dkj == INF) continue;
                if (dik + dkj < d[i * n + j]) {
                    d[i * n + j] = dik + dkj;
                    nx[i * n + j] = nx[i * n + k];
                }
            }
        }
    }
}

/* Prints "a -> b -> c" with 1-based vertex numbers, as the study does. */
static void print_path(const graph *g, int32_t from, int32_t to) {
    printf("%" PRId32, from + 1);
    for (int32_t v = from; v != to;) {
        v = g->next[v * g->n + to];
        printf(" -> %" PRId32, v + 1);
    }
}

static void random_graph(graph *g, uint32_t seed) {
    bench_rng rng = {seed};
    int32_t n = g->n;
    /* about 8 out-edges per vertex, non-negative weights, plus a ring so all is reachable */
    for (int32_t i = 0; i < n; i++) add_edge(g, i, (i + 1) % n, 50 + (int32_t)(bench_next(&rng) % 50));
    for (int32_t e = 0; e < 8 * n; e++) {
        int32_t from = (int32_t)(bench_next(&rng) % (uint32_t)n);
        int32_t to = (int32_t)(bench_next(&rng) % (uint32_t)n);
        int32_t w = 1 + (int32_t)(bench_next(&rng) % 100);
        if (from != to && w < g->dist[from * n + to]) add_edge(g, from, to, w);
    }
}

static uint32_t distance_checksum(const graph *g, int64_t *total) {
    uint32_t h = 0;
    *total = 0;
    for (int32_t i = 0; i < g->n * g->n; i++) {
        h = bench_mix(h, (uint32_t)g->dist[i]);
        *total += g->dist[i];
    }
    return h;
}

BENCH_EXPORT int32_t bench_kernel(int32_t size) {
    graph g = graph_new(size);
    random_graph(&g, 777);
    floyd_warshall(&g);
    int64_t total;
    uint32_t h = distance_checksum(&g, &total);
    graph_free(&g);
    return (int32_t)(h ^ (uint32_t)total);
}

int main(int argc, char **argv) {
    int status;
    if (bench_kernel_main(argc, argv, &status)) return status;
    if (argc == 1) {
        graph g = graph_new(4);
        add_edge(&g, 0, 2, -2);
        add_edge(&g, 2, 3, 2);
        add_edge(&g, 3, 1, -1);
        add_edge(&g, 1, 0, 4);
        add_edge(&g, 1, 2, 3);
        floyd_warshall(&g);
        printf("pair     dist    path\n");
        for (int32_t i = 0; i < g.n; i++) {
            for (int32_t j = 0; j < g.n; j++) {
                if (i == j) continue;
                printf("%" PRId32 " -> %" PRId32 "   %4" PRId32 "     ", i + 1, j + 1, g.dist[i * g.n + j]);
                print_path(&g, i, j);
                printf("\n");
            }
        }
        graph_free(&g);
        return 0;
    }
    int32_t n = (int32_t)atoi(argv[1]);
    if (argc != 2 || n <= 1) {
        fprintf(stderr, "usage: floyd [N | --kernel SIZE REPS]\n");
        return 2;
    }
    graph g = graph_new(n);
    random_graph(&g, 20240601);
    floyd_warshall(&g);
    int64_t total;
    uint32_t h = distance_checksum(&g, &total);
    int32_t longest = 0, li = 0, lj = 0;
    for (int32_t i = 0; i < n * n; i++) {
        if (g.dist[i] > longest) {
            longest = g.dist[i];
            li = i / n;
            lj = i % n;
        }
    }
    printf("vertices %" PRId32 "\n", n);
    printf("sum of distances %" PRId64 "\n", total);
    printf("checksum %08" PRIx32 "\n", h);
    printf("longest shortest path %" PRId32 ": ", longest);
    print_path(&g, li, lj);
    printf("\n");
    printf("path 1 -> %" PRId32 " (%" PRId32 "): ", n, g.dist[n - 1]);
    print_path(&g, 0, n - 1);
    printf("\n");
    graph_free(&g);
    return 0;
}
