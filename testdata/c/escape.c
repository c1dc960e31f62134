/* escape: attempts to leave the preopened directory /sandbox. The harness lays out
 *   <tmp>/outside.txt, <tmp>/sandbox/inside.txt, <tmp>/sandbox/sub/, and symlinks in the sandbox
 *   up -> .., abs -> /etc, absroot -> <tmp> (absolute), sub/deep -> ../../outside.txt,
 *   loop1 <-> loop2, ok -> inside.txt.
 * Every attempt to reach outside must fail with ENOTCAPABLE; the legitimate ones must work.
 * A successful escape prints what it read from the harness's files (other data is only
 * summarised, so the output does not depend on the machine's /etc). */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>
#include "errname.h"

static void try_open(const char *path, int flags) {
    errno = 0;
    int fd = open(path, flags, 0644);
    if (fd < 0) { printf("open %s: %s\n", path, errname(errno)); return; }
    char buf[64] = {0};
    ssize_t n = (flags & O_DIRECTORY) ? 0 : read(fd, buf, sizeof buf - 1);
    if (n > 0 && buf[n - 1] == '\n') buf[n - 1] = 0;
    int ours = n <= 0 || strncmp(buf, "inside", 6) == 0 || strncmp(buf, "outside", 7) == 0;
    printf("open %s: OK [%s]\n", path, ours ? buf : "other data");
    close(fd);
}

/* Passes the path to the host unchanged, bypassing wasi-libc's preopen matching. */
static void try_raw_open(const char *path) {
    __wasi_fd_t fd;
    __wasi_errno_t e = __wasi_path_open(3, 0, path, 0,
                                        __WASI_RIGHTS_FD_READ, 0, 0, &fd);
    if (e != 0) { printf("path_open(fd 3, %s): %s\n", path, errname(e)); return; }
    printf("path_open(fd 3, %s): OK\n", path);
    __wasi_fd_close(fd);
}

static void try_stat(const char *path) {
    struct stat st;
    errno = 0;
    printf("stat %s: %s\n", path, stat(path, &st) == 0 ? "OK" : errname(errno));
}

static void try_opendir(const char *path) {
    errno = 0;
    DIR *d = opendir(path);
    if (!d) { printf("opendir %s: %s\n", path, errname(errno)); return; }
    int n = 0;
    while (readdir(d)) n++;
    closedir(d);
    printf("opendir %s: OK (%d entries)\n", path, n);
}

int main(void) {
    if (chdir("/sandbox") != 0) { printf("chdir /sandbox: %s\n", errname(errno)); return 1; }

    printf("-- dot-dot\n");
    try_open("../outside.txt", O_RDONLY);
    try_open("/sandbox/../outside.txt", O_RDONLY);
    try_open("sub/../../outside.txt", O_RDONLY);
    try_open("../outside.txt", O_WRONLY | O_TRUNC);
    try_open("../created.txt", O_CREAT | O_WRONLY);
    try_raw_open("..");
    try_raw_open("../outside.txt");
    try_stat("../outside.txt");
    try_opendir("..");

    printf("-- absolute paths\n");
    try_open("/etc/passwd", O_RDONLY);
    try_raw_open("/etc/passwd");
    try_raw_open("/");

    printf("-- symlinks\n");
    try_open("up/outside.txt", O_RDONLY);
    try_open("up", O_RDONLY | O_DIRECTORY);
    try_opendir("up");
    try_stat("up/outside.txt");
    try_open("abs/passwd", O_RDONLY);
    try_open("absroot/outside.txt", O_RDONLY);
    try_open("absroot/planted", O_CREAT | O_WRONLY);
    try_stat("abs/passwd");
    try_open("sub/deep", O_RDONLY);
    try_open("loop1", O_RDONLY);
    try_raw_open("up/outside.txt");

    printf("-- link, rename, mkdir, symlink, unlink\n");
    REPORT("link inside.txt ../x", link("inside.txt", "../x"));
    REPORT("link ../outside.txt stolen", link("../outside.txt", "stolen"));
    REPORT("link up/outside.txt stolen", link("up/outside.txt", "stolen"));
    REPORT("rename inside.txt ../moved", rename("inside.txt", "../moved"));
    REPORT("rename ../outside.txt stolen", rename("../outside.txt", "stolen"));
    REPORT("rename inside.txt up/moved", rename("inside.txt", "up/moved"));
    REPORT("mkdir ../newdir", mkdir("../newdir", 0755));
    REPORT("mkdir up/newdir", mkdir("up/newdir", 0755));
    REPORT("mkdir absroot/newdir2", mkdir("absroot/newdir2", 0755));
    REPORT("symlink inside.txt ../planted", symlink("inside.txt", "../planted"));
    REPORT("unlink ../outside.txt", unlink("../outside.txt"));
    REPORT("unlink up/outside.txt", unlink("up/outside.txt"));
    REPORT("rmdir ..", rmdir(".."));

    printf("-- legitimate access still works\n");
    try_open("inside.txt", O_RDONLY);
    try_open("ok", O_RDONLY);
    try_open("sub/../inside.txt", O_RDONLY);
    try_open("./sub/./../inside.txt", O_RDONLY);
    char buf[64];
    ssize_t n = readlink("abs", buf, sizeof buf);
    printf("readlink abs: %s [%.*s]\n", n >= 0 ? "OK" : errname(errno), n >= 0 ? (int) n : 0, buf);
    struct stat st;
    printf("lstat up: %s\n", lstat("up", &st) == 0 && S_ISLNK(st.st_mode) ? "symlink" : errname(errno));
    return 0;
}
