/* random: random_get through getentropy() and arc4random(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "errname.h"

static int all_equal(const unsigned char *p, int n) {
    for (int i = 1; i < n; i++) if (p[i] != p[0]) return 0;
    return 1;
}

int main(void) {
    unsigned char a[64], b[64], big[256];
    int r1 = getentropy(a, sizeof a);
    int r2 = getentropy(b, sizeof b);
    printf("getentropy: %s\n", r1 == 0 && r2 == 0 ? "OK" : errname(errno));
    printf("random ok: %s\n", !all_equal(a, 64) ? "yes" : "no");
    printf("two draws differ: %s\n", memcmp(a, b, 64) != 0 ? "yes" : "no");
    REPORT("getentropy 256", getentropy(big, 256));
    printf("256 bytes not all equal: %s\n", !all_equal(big, 256) ? "yes" : "no");
    unsigned char too_big[257];
    REPORT("getentropy 257 (over the POSIX limit)", getentropy(too_big, 257));
    int hits = 0;
    for (int i = 0; i < 1000; i++) if (arc4random_uniform(10) < 10) hits++;
    printf("arc4random_uniform in range: %d/1000\n", hits);
    return 0;
}
