/* clocks: clock_time_get and clock_res_get for the realtime and monotonic clocks.
 * Prints only facts that hold on any correct host. */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>
#include "errname.h"

static long long ns(struct timespec t) { return (long long) t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
    struct timespec a, b, res;
    int ok = 1;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 10000; i++) {
        if (clock_gettime(CLOCK_MONOTONIC, &b) != 0) { ok = 0; break; }
        if (ns(b) < ns(a)) ok = 0;
        a = b;
    }
    printf("monotonic non-decreasing: %s\n", ok ? "ok" : "FAILED");

    clock_gettime(CLOCK_REALTIME, &a);
    /* 2020-01-01 .. 2100-01-01 */
    printf("realtime plausible: %s\n", a.tv_sec > 1577836800LL && a.tv_sec < 4102444800LL ? "ok" : "FAILED");
    printf("realtime nanoseconds in range: %s\n", a.tv_nsec >= 0 && a.tv_nsec < 1000000000L ? "ok" : "FAILED");
    time_t t = time(NULL);
    printf("time() agrees with realtime: %s\n", t - a.tv_sec >= 0 && t - a.tv_sec < 5 ? "ok" : "FAILED");
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("gettimeofday agrees: %s\n", tv.tv_sec - a.tv_sec >= 0 && tv.tv_sec - a.tv_sec < 5 ? "ok" : "FAILED");

    errno = 0;
    int r = clock_getres(CLOCK_MONOTONIC, &res);
    printf("monotonic resolution: %s\n", r == 0 && ns(res) > 0 && ns(res) <= 1000000000LL ? "ok" : errname(errno));
    errno = 0;
    r = clock_getres(CLOCK_REALTIME, &res);
    printf("realtime resolution: %s\n", r == 0 && ns(res) > 0 && ns(res) <= 1000000000LL ? "ok" : errname(errno));

    /* clock() is built on the process CPU-time clock in wasi-libc: only ask that it runs. */
    return 0;
}
