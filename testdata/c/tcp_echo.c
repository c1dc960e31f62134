/* tcp_echo: sock_accept on a preopened listening socket (fd 3 unless argv[1] says otherwise),
 * sock_recv one line, sock_send it back, sock_shutdown. Retries on EAGAIN in case the host
 * hands over a non-blocking listener. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include "errname.h"

static void wait_readable(int fd) {
    struct pollfd p = {fd, POLLIN, 0};
    poll(&p, 1, 1000);
}

int main(int argc, char **argv) {
    int listener = argc > 1 ? atoi(argv[1]) : 3;
    int conn = -1;
    for (int tries = 0; tries < 100 && conn < 0; tries++) {
        conn = accept(listener, NULL, NULL);
        if (conn < 0 && errno != EAGAIN) { printf("accept: %s\n", errname(errno)); return 1; }
        if (conn < 0) wait_readable(listener);
    }
    if (conn < 0) { printf("accept: gave up\n"); return 1; }
    printf("accepted a connection\n");
    fflush(stdout);

    char line[1024];
    size_t len = 0;
    int tries = 0;
    while (len < sizeof line && (len == 0 || line[len - 1] != '\n')) {
        ssize_t n = recv(conn, line + len, sizeof line - len, 0);
        if (n < 0 && errno == EAGAIN && tries++ < 100) { wait_readable(conn); continue; }
        if (n < 0) { printf("recv: %s\n", errname(errno)); return 1; }
        if (n == 0) break;
        len += n;
    }
    printf("received %zu bytes\n", len);
    size_t off = 0;
    while (off < len) {
        ssize_t n = send(conn, line + off, len - off, 0);
        if (n < 0) { printf("send: %s\n", errname(errno)); return 1; }
        off += n;
    }
    printf("echoed %zu bytes\n", off);
    REPORT("shutdown", shutdown(conn, SHUT_RDWR));
    close(conn);
    return 0;
}
