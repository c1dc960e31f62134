/* links: path_rename, path_unlink_file, path_link, path_symlink, path_readlink, and
 * path_filestat_get with and without following symlinks. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "errname.h"

static void write_file(const char *path, const char *text) {
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    if (fd < 0) { printf("write %s: %s\n", path, errname(errno)); return; }
    write(fd, text, strlen(text));
    close(fd);
}

static void cat(const char *path) {
    char buf[128];
    int fd = open(path, O_RDONLY);
    if (fd < 0) { printf("cat %s: %s\n", path, errname(errno)); return; }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n < 0 ? 0 : n] = 0;
    printf("cat %s: [%s]\n", path, buf);
}

static void show_readlink(const char *path) {
    char buf[128];
    errno = 0;
    ssize_t n = readlink(path, buf, sizeof buf);
    if (n < 0) printf("readlink %s: %s\n", path, errname(errno));
    else printf("readlink %s: [%.*s]\n", path, (int) n, buf);
}

static const char *kind(mode_t m) {
    return S_ISREG(m) ? "file" : S_ISDIR(m) ? "dir" : S_ISLNK(m) ? "symlink" : "other";
}

static void show_stat(const char *path) {
    struct stat st, lst;
    errno = 0;
    int r = stat(path, &st);
    int e = errno;
    errno = 0;
    int lr = lstat(path, &lst);
    printf("%s: stat %s", path, r == 0 ? kind(st.st_mode) : errname(e));
    if (r == 0 && S_ISREG(st.st_mode)) printf(" size=%lld nlink=%llu", (long long) st.st_size, (unsigned long long) st.st_nlink);
    printf(", lstat %s\n", lr == 0 ? kind(lst.st_mode) : errname(errno));
}

int main(void) {
    if (chdir("/sandbox") != 0) { printf("chdir /sandbox: %s\n", errname(errno)); return 1; }
    write_file("a.txt", "first");

    REPORT("rename a.txt b.txt", rename("a.txt", "b.txt"));
    show_stat("a.txt");
    show_stat("b.txt");
    REPORT("rename missing", rename("a.txt", "c.txt"));

    REPORT("link b.txt c.txt", link("b.txt", "c.txt"));
    show_stat("b.txt");
    REPORT("link onto existing", link("b.txt", "c.txt"));
    write_file("c.txt", "through the hard link");
    cat("b.txt");

    REPORT("symlink b.txt s", symlink("b.txt", "s"));
    show_readlink("s");
    show_stat("s");
    cat("s");
    REPORT("symlink onto existing", symlink("b.txt", "s"));
    show_readlink("b.txt");
    show_readlink("nope");

    REPORT("symlink nowhere dangling", symlink("nowhere", "dangling"));
    show_stat("dangling");
    cat("dangling");
    show_readlink("dangling");

    REPORT("mkdir dir", mkdir("dir", 0755));
    REPORT("symlink dir dirlink", symlink("dir", "dirlink"));
    write_file("dirlink/via-link.txt", "made through a directory symlink");
    cat("dir/via-link.txt");
    show_stat("dirlink");
    REPORT("rmdir on symlink to dir", rmdir("dirlink"));
    REPORT("unlink dirlink (removes the link only)", unlink("dirlink"));
    show_stat("dir/via-link.txt");

    write_file("target.txt", "old target");
    write_file("source.txt", "replacement");
    REPORT("rename over existing file", rename("source.txt", "target.txt"));
    cat("target.txt");
    show_stat("source.txt");
    REPORT("rename dir to renamed", rename("dir", "renamed"));
    cat("renamed/via-link.txt");
    REPORT("rename file over dir", rename("target.txt", "renamed"));

    REPORT("unlink s", unlink("s"));
    show_stat("b.txt");
    REPORT("unlink b.txt", unlink("b.txt"));
    show_stat("c.txt");
    cat("c.txt");

    REPORT("unlink c.txt", unlink("c.txt"));
    REPORT("unlink dangling", unlink("dangling"));
    REPORT("unlink target.txt", unlink("target.txt"));
    REPORT("unlink renamed/via-link.txt", unlink("renamed/via-link.txt"));
    REPORT("rmdir renamed", rmdir("renamed"));
    return 0;
}
