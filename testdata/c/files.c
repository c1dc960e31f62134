/* files: path_open, fd_write, fd_read, fd_seek, fd_tell, fd_filestat_set_size, fd_pread,
 * fd_pwrite, fd_sync/fd_datasync, O_APPEND/O_EXCL/O_TRUNC, and errors, in the preopen /sandbox. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "errname.h"

static void dump(const char *path) {
    char buf[256];
    int fd = open(path, O_RDONLY);
    if (fd < 0) { printf("dump %s: %s\n", path, errname(errno)); return; }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0) { printf("dump %s: read %s\n", path, errname(errno)); return; }
    buf[n] = 0;
    printf("%s (%zd bytes): [", path, n);
    for (ssize_t i = 0; i < n; i++) {
        if (buf[i] == '\n') printf("\\n"); else if (buf[i] == 0) printf("\\0"); else putchar(buf[i]);
    }
    printf("]\n");
}

int main(void) {
    if (chdir("/sandbox") != 0) { printf("chdir /sandbox: %s\n", errname(errno)); return 1; }

    int fd = open("data.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);
    printf("create: %s\n", fd >= 0 ? "OK" : errname(errno));
    printf("write: %zd\n", write(fd, "hello world\n", 12));
    printf("tell after write: %lld\n", (long long) lseek(fd, 0, SEEK_CUR));
    REPORT("fsync", fsync(fd));
    REPORT("fdatasync", fdatasync(fd));
    char c;
    show_result("read on write-only fd", read(fd, &c, 1));
    close(fd);
    dump("data.txt");

    fd = open("data.txt", O_WRONLY | O_APPEND);
    lseek(fd, 0, SEEK_SET); /* O_APPEND writes go to the end regardless of the position */
    printf("append write: %zd\n", write(fd, "more\n", 5));
    close(fd);
    dump("/sandbox/data.txt");

    fd = open("data.txt", O_RDWR);
    struct stat st;
    fstat(fd, &st);
    printf("fstat size: %lld\n", (long long) st.st_size);
    printf("seek end: %lld\n", (long long) lseek(fd, 0, SEEK_END));
    printf("seek set 6: %lld\n", (long long) lseek(fd, 6, SEEK_SET));
    char buf[64] = {0};
    printf("read 5: %zd [%.5s]\n", read(fd, buf, 5), buf);
    printf("seek cur -5: %lld\n", (long long) lseek(fd, -5, SEEK_CUR));
    printf("write WORLD: %zd\n", write(fd, "WORLD", 5));
    show_result("seek before start", lseek(fd, -100, SEEK_SET));
    printf("seek past end: %lld\n", (long long) lseek(fd, 20, SEEK_END));
    printf("write past end: %zd\n", write(fd, "!", 1));
    fstat(fd, &st);
    printf("size after gap: %lld\n", (long long) st.st_size);
    REPORT("ftruncate 11", ftruncate(fd, 11));
    fstat(fd, &st);
    printf("size after truncate: %lld\n", (long long) st.st_size);
    printf("tell after truncate: %lld\n", (long long) lseek(fd, 0, SEEK_CUR));

    memset(buf, 0, sizeof buf);
    lseek(fd, 2, SEEK_SET);
    printf("pread 4 at 6: %zd [%.4s]\n", pread(fd, buf, 4, 6), buf);
    printf("pwrite at 0: %zd\n", pwrite(fd, "J", 1, 0));
    printf("tell unchanged by pread/pwrite: %lld\n", (long long) lseek(fd, 0, SEEK_CUR));
    printf("pread at end: %zd\n", pread(fd, buf, 4, 11));
    REPORT("ftruncate 20 (extend)", ftruncate(fd, 20));
    close(fd);
    dump("data.txt");

    show_result("O_EXCL on existing", open("data.txt", O_CREAT | O_EXCL | O_WRONLY, 0644));
    show_result("open missing", open("missing.txt", O_RDONLY));
    show_result("open file as directory", open("data.txt/x", O_RDONLY));
    int dfd = open(".", O_RDONLY | O_DIRECTORY);
    show_result("write to directory fd", write(dfd, "x", 1));
    close(dfd);
    show_result("read closed fd", read(fd, buf, 1));

    fd = open("data.txt", O_WRONLY | O_TRUNC);
    fstat(fd, &st);
    printf("O_TRUNC size: %lld\n", (long long) st.st_size);
    close(fd);

    /* stdio on top of the same calls */
    FILE *f = fopen("stdio.txt", "w+");
    fprintf(f, "alpha\nbeta\ngamma\n");
    printf("ftell: %ld\n", ftell(f));
    fseek(f, 6, SEEK_SET);
    char line[32];
    fgets(line, sizeof line, f);
    printf("fgets at 6: %s", line);
    rewind(f);
    int lines = 0;
    while (fgets(line, sizeof line, f)) lines++;
    printf("lines: %d\n", lines);
    fclose(f);

    REPORT("unlink data.txt", unlink("data.txt"));
    REPORT("unlink stdio.txt", unlink("stdio.txt"));
    printf("done\n");
    return 0;
}
