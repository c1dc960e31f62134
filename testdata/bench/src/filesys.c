/*
 * File System benchmark (a C port of the Go->Wasm runtime study's program, not its binary).
 *
 *   filesys FILE   reads a pipe-separated file of donation records in the FEC individual
 *                  contributions layout (21 fields; NAME "LAST, FIRST M", TRANSACTION_DT
 *                  MMDDYYYY) and reports the number of rows, of people (distinct names), the
 *                  most common first name with its count, and the donations per month
 *
 * I/O-bound, so it has no steady-state kernel. testdata/bench/gen/fec-gen.c writes the inputs.
 * https://www.fec.gov/campaign-finance-data/contributions-individuals-file-description/
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIELDS 21
#define NAME_FIELD 7
#define DATE_FIELD 13
#define FIRST_YEAR 1970
#define YEARS 150

/* Open-addressing table from string to count; keys live in one growing arena. */
typedef struct {
    uint32_t *slot;  /* 0 = empty, else 1 + entry index */
    uint32_t nslots; /* power of two */
    uint32_t *offset, *count;
    uint32_t n, cap;
    char *arena;
    size_t used, arena_cap;
} counter;

static void out_of_memory(void) {
    fprintf(stderr, "filesys: out of memory\n");
    exit(1);
}

static void *grow(void *p, size_t bytes) {
    p = realloc(p, bytes);
    if (p == NULL) out_of_memory();
    return p;
}

static uint32_t hash(const char *s, size_t len) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

static void counter_rehash(counter *c) {
    uint32_t nslots = c->nslots ? c->nslots * 2 : 1024;
    uint32_t *slot = calloc(nslots, sizeof *slot);
    if (slot == NULL) out_of_memory();
    for (uint32_t e = 0; e < c->n; e++) {
        const char *key = c->arena + c->offset[e];
        uint32_t i = hash(key, strlen(key)) & (nslots - 1);
        while (slot[i]) i = (i + 1) & (nslots - 1);
        slot[i] = e + 1;
    }
    free(c->slot);
    c->slot = slot;
    c->nslots = nslots;
}

static void counter_add(counter *c, const char *key, size_t len) {
    if ((c->n + 1) * 2 > c->nslots) counter_rehash(c);
    uint32_t i = hash(key, len) & (c->nslots - 1);
    for (; c->slot[i]; i = (i + 1) & (c->nslots - 1)) {
        uint32_t e = c->slot[i] - 1;
        const char *k = c->arena + c->offset[e];
        if (strncmp(k, key, len) == 0 && k[len] == '\0') {
            c->count[e]++;
            return;
        }
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        c->offset = grow(c->offset, c->cap * sizeof *c->offset);
        c->count = grow(c->count, c->cap * sizeof *c->count);
    }
    if (c->used + len + 1 > c->arena_cap) {
        c->arena_cap = (c->arena_cap + len + 1) * 2;
        c->arena = grow(c->arena, c->arena_cap);
    }
    memcpy(c->arena + c->used, key, len);
    c->arena[c->used + len] = '\0';
    c->offset[c->n] = (uint32_t)c->used;
    c->count[c->n] = 1;
    c->used += len + 1;
    c->slot[i] = ++c->n;
}

/* "LAST, FIRST M" -> "FIRST": the first word after the comma, or "" if there is none. */
static void first_name(const char *name, size_t len, const char **start, size_t *flen) {
    const char *comma = memchr(name, ',', len);
    const char *end = name + len;
    const char *p = comma ? comma + 1 : end;
    while (p < end && *p == ' ') p++;
    const char *q = p;
    while (q < end && *q != ' ') q++;
    *start = p;
    *flen = (size_t)(q - p);
}

static int digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
    }
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: filesys FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (f == NULL) {
        fprintf(stderr, "filesys: cannot open %s\n", argv[1]);
        return 1;
    }
    static char iobuf[1 << 16];
    setvbuf(f, iobuf, _IOFBF, sizeof iobuf);
    static uint32_t per_month[YEARS * 12];
    counter people = {0}, firsts = {0};
    uint64_t rows = 0, malformed = 0, bad_dates = 0;
    char line[4096];
    while (fgets(line, sizeof line, f) != NULL) {
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] == '\n') {
            line[--len] = '\0';
        } else if (!feof(f)) { /* longer than the buffer: skip the rest of it */
            int ch;
            while ((ch = fgetc(f)) != EOF && ch != '\n') {
            }
            rows++;
            malformed++;
            continue;
        }
        rows++;
        const char *field[FIELDS];
        size_t flen[FIELDS];
        int nf = 0;
        const char *p = line;
        for (;;) {
            const char *bar = strchr(p, '|');
            if (nf < FIELDS) {
                field[nf] = p;
                flen[nf] = bar ? (size_t)(bar - p) : strlen(p);
            }
            nf++;
            if (bar == NULL) break;
            p = bar + 1;
        }
        if (nf != FIELDS) {
            malformed++;
            continue;
        }
        counter_add(&people, field[NAME_FIELD], flen[NAME_FIELD]);
        const char *fn;
        size_t fnlen;
        first_name(field[NAME_FIELD], flen[NAME_FIELD], &fn, &fnlen);
        counter_add(&firsts, fn, fnlen);
        const char *d = field[DATE_FIELD];
        if (flen[DATE_FIELD] != 8 || !digits(d, 8)) {
            bad_dates++;
            continue;
        }
        int month = (d[0] - '0') * 10 + (d[1] - '0');
        int year = atoi(d + 4);
        if (month < 1 || month > 12 || year < FIRST_YEAR || year >= FIRST_YEAR + YEARS) {
            bad_dates++;
            continue;
        }
        per_month[(year - FIRST_YEAR) * 12 + month - 1]++;
    }
    if (ferror(f)) {
        fprintf(stderr, "filesys: error reading %s\n", argv[1]);
        return 1;
    }
    fclose(f);

    printf("rows: %" PRIu64 "\n", rows);
    printf("malformed rows: %" PRIu64 "\n", malformed);
    printf("people: %" PRIu32 "\n", people.n);
    uint32_t best = 0;
    for (uint32_t e = 1; e < firsts.n; e++) { /* ties: the alphabetically first name */
        if (firsts.count[e] > firsts.count[best] ||
            (firsts.count[e] == firsts.count[best] &&
             strcmp(firsts.arena + firsts.offset[e], firsts.arena + firsts.offset[best]) < 0)) {
            best = e;
        }
    }
    if (firsts.n > 0) {
        printf("most common first name: %s (%" PRIu32 ")\n", firsts.arena + firsts.offset[best], firsts.count[best]);
    }
    printf("donations per month:\n");
    for (int i = 0; i < YEARS * 12; i++) {
        if (per_month[i]) printf("  %04d-%02d %" PRIu32 "\n", FIRST_YEAR + i / 12, i % 12 + 1, per_month[i]);
    }
    printf("rows without a valid date: %" PRIu64 "\n", bad_dates);
    return 0;
}
