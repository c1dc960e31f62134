/* preopens: fd_prestat_get/fd_prestat_dir_name for every preopened directory, fd_fdstat_get,
 * and that an absolute path picks the right preopen. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#include "errname.h"

int main(void) {
    for (int fd = 3; fd < 32; fd++) {
        __wasi_prestat_t ps;
        __wasi_errno_t e = __wasi_fd_prestat_get(fd, &ps);
        if (e == __WASI_ERRNO_BADF) { printf("fd %d: EBADF (end of preopens)\n", fd); break; }
        if (e != 0) { printf("fd %d: prestat %s\n", fd, errname(e)); continue; }
        char name[256] = {0};
        size_t len = ps.u.dir.pr_name_len;
        e = __wasi_fd_prestat_dir_name(fd, (uint8_t *) name, len < sizeof name ? len : sizeof name - 1);
        __wasi_fdstat_t st;
        __wasi_errno_t e2 = __wasi_fd_fdstat_get(fd, &st);
        printf("fd %d: preopened dir [%s] name_len=%zu filetype=%s\n", fd, e == 0 ? name : errname(e), len,
               e2 == 0 && st.fs_filetype == __WASI_FILETYPE_DIRECTORY ? "directory" : "other");
    }
    int fd = open("/sandbox/marker.txt", O_CREAT | O_WRONLY, 0644);
    printf("create /sandbox/marker.txt: %s\n", fd >= 0 ? "OK" : errname(errno));
    close(fd);
    fd = open("/data/given.txt", O_RDONLY);
    char buf[64] = {0};
    if (fd >= 0) { read(fd, buf, sizeof buf - 1); close(fd); }
    printf("read /data/given.txt: %s [%s]\n", fd >= 0 ? "OK" : errname(errno), buf);
    printf("read /sandbox/given.txt (wrong preopen): %s\n",
           open("/sandbox/given.txt", O_RDONLY) >= 0 ? "OK" : errname(errno));
    unlink("/sandbox/marker.txt");
    return 0;
}
