/* poll: poll_oneoff with clock subscriptions (relative and absolute) and fd subscriptions on a
 * regular file, through nanosleep, clock_nanosleep, poll and select. Prints only whether the
 * elapsed monotonic time reached the requested timeout. With the argument "clocks-only" the
 * absolute deadlines and the fd subscriptions are left out: node's WASI treats an absolute
 * deadline as relative (and sleeps for the machine's uptime) and answers fd subscriptions
 * with ENOTSUP. */
#include <fcntl.h>
#include <string.h>
#include <poll.h>
#include <stdio.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>
#include "errname.h"

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void verdict(const char *label, long long start, long long wanted_ms) {
    long long elapsed = now_ns() - start;
    printf("%s: elapsed >= %lld ms: %s\n", label, wanted_ms, elapsed >= wanted_ms * 1000000LL ? "yes" : "no");
}

/* Absolute deadline on the monotonic clock: the subscription carries the abstime flag. */
static void absolute_deadlines(void) {
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    long long t0 = now_ns();
    deadline.tv_nsec += 30 * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) { deadline.tv_sec++; deadline.tv_nsec -= 1000000000L; }
    int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
    printf("clock_nanosleep abstime: %s\n", errname(r));
    verdict("clock_nanosleep abstime", t0, 30);

    /* A deadline already in the past returns at once. */
    struct timespec past = {0, 1};
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL);
    printf("clock_nanosleep past deadline: %s\n", errname(r));
}

static void fd_readiness(void);

int main(int argc, char **argv) {
    int full = !(argc > 1 && strcmp(argv[1], "clocks-only") == 0);
    long long t0 = now_ns();
    struct timespec req = {0, 50 * 1000000L};
    REPORT("nanosleep 50 ms", nanosleep(&req, NULL));
    verdict("nanosleep", t0, 50);

    t0 = now_ns();
    REPORT("usleep 20 ms", usleep(20000));
    verdict("usleep", t0, 20);

    if (full) absolute_deadlines();

    t0 = now_ns();
    int r = poll(NULL, 0, 40);
    printf("poll no fds, 40 ms: returned %d\n", r);
    verdict("poll timeout", t0, 40);

    t0 = now_ns();
    struct timeval tv = {0, 25000};
    r = select(0, NULL, NULL, NULL, &tv);
    printf("select no fds, 25 ms: returned %d\n", r);
    verdict("select timeout", t0, 25);

    if (full) fd_readiness();
    return 0;
}

/* Regular files are always ready for reading and writing; so is stdout. */
static void fd_readiness(void) {
    int r;
    if (chdir("/sandbox") == 0) {
        int fd = open("poll.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
        write(fd, "data", 4);
        lseek(fd, 0, SEEK_SET);
        struct pollfd p[2] = {{fd, POLLIN, 0}, {fd, POLLOUT, 0}};
        r = poll(p, 2, 5000);
        printf("poll file: returned %d, POLLIN %s, POLLOUT %s\n", r,
               (p[0].revents & POLLIN) ? "set" : "clear", (p[1].revents & POLLOUT) ? "set" : "clear");
        close(fd);
        unlink("poll.txt");
    } else {
        printf("chdir /sandbox: %s\n", errname(errno));
    }

    struct pollfd out = {1, POLLOUT, 0};
    r = poll(&out, 1, 5000);
    printf("poll stdout: returned %d, POLLOUT %s\n", r, (out.revents & POLLOUT) ? "set" : "clear");
}
