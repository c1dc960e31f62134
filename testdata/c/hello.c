/* hello: the smallest command; covers fd_write to stdout through stdio buffering. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    printf("Hello, WASI!\n");
    /* A raw write() bypasses stdio and so is a separate fd_write call. */
    const char *raw = "raw write to fd 1\n";
    write(1, raw, strlen(raw));
    /* More than the stdio buffer, so one printf turns into several fd_write calls. */
    for (int i = 0; i < 300; i++) printf("line %03d of a long output that overflows the stdio buffer\n", i);
    printf("bye\n");
    return 0;
}
