/* stdin_echo: fd_read on stdin until end of file, copied to stdout; byte count goes to stderr. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    char buf[7]; /* deliberately small: many fd_read calls, lines split across reads */
    long total = 0;
    for (;;) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n < 0) { perror("read"); return 1; }
        if (n == 0) break;
        ssize_t off = 0;
        while (off < n) {
            ssize_t w = write(1, buf + off, n - off);
            if (w < 0) { perror("write"); return 1; }
            off += w;
        }
        total += n;
    }
    fprintf(stderr, "%ld bytes\n", total);
    return 0;
}
