/* dirs: path_create_directory, fd_readdir (sorted listing, many entries so libc refills its
 * buffer with a cookie), path_remove_directory, path_unlink_file and their errors. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "errname.h"

#define MANY 600

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *) a, *(char *const *) b); }

static void touch(const char *path) {
    int fd = open(path, O_CREAT | O_WRONLY, 0644);
    if (fd < 0) printf("touch %s: %s\n", path, errname(errno));
    else close(fd);
}

static const char *type_name(unsigned char t) {
    switch (t) {
    case DT_REG: return "file";
    case DT_DIR: return "dir";
    case DT_LNK: return "symlink";
    default: return "other";
    }
}

/* Lists a directory without "." and ".." (WASI hosts differ on whether they report them). */
static void list(const char *path) {
    DIR *d = opendir(path);
    if (!d) { printf("opendir %s: %s\n", path, errname(errno)); return; }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 64) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *s = malloc(strlen(e->d_name) + 16);
        sprintf(s, "%s (%s)", e->d_name, type_name(e->d_type));
        names[n++] = s;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("listing %s: %d entries\n", path, n);
    for (int i = 0; i < n; i++) { printf("  %s\n", names[i]); free(names[i]); }
}

int main(void) {
    if (chdir("/sandbox") != 0) { printf("chdir /sandbox: %s\n", errname(errno)); return 1; }
    REPORT("mkdir d", mkdir("d", 0755));
    REPORT("mkdir d again", mkdir("d", 0755));
    REPORT("mkdir d/sub", mkdir("d/sub", 0755));
    REPORT("mkdir missing/parent", mkdir("missing/parent", 0755));
    touch("d/c.txt");
    touch("d/a.txt");
    touch("d/b.txt");
    touch("d/sub/inner.txt");
    list("d");
    list("/sandbox/d/sub");
    list("d/a.txt");

    REPORT("rmdir non-empty d", rmdir("d"));
    REPORT("rmdir file d/a.txt", rmdir("d/a.txt"));
    REPORT("unlink directory d/sub", unlink("d/sub"));
    REPORT("unlink d/sub/inner.txt", unlink("d/sub/inner.txt"));
    REPORT("rmdir d/sub", rmdir("d/sub"));
    REPORT("unlink d/a.txt", unlink("d/a.txt"));
    REPORT("unlink d/a.txt again", unlink("d/a.txt"));
    list("d");

    /* Enough entries with long names to overflow wasi-libc's first readdir buffer. */
    REPORT("mkdir many", mkdir("many", 0755));
    char path[128];
    for (int i = 0; i < MANY; i++) {
        snprintf(path, sizeof path, "many/entry-%04d-with-a-rather-long-name-to-fill-buffers", i);
        touch(path);
    }
    DIR *d = opendir("many");
    static char seen[MANY];
    int count = 0, bad = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        int i;
        if (sscanf(e->d_name, "entry-%4d-", &i) == 1 && i >= 0 && i < MANY && !seen[i]) seen[i] = 1;
        else bad++;
        count++;
    }
    /* rewinddir must restart the listing from the first entry */
    rewinddir(d);
    int again = 0;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) again++;
    closedir(d);
    int missing = 0;
    for (int i = 0; i < MANY; i++) if (!seen[i]) missing++;
    printf("many: %d entries, %d missing, %d unexpected or duplicate, %d after rewinddir\n", count, missing, bad, again);
    for (int i = 0; i < MANY; i++) {
        snprintf(path, sizeof path, "many/entry-%04d-with-a-rather-long-name-to-fill-buffers", i);
        if (unlink(path) != 0) { printf("unlink %s: %s\n", path, errname(errno)); break; }
    }
    REPORT("rmdir many", rmdir("many"));
    REPORT("unlink d/b.txt", unlink("d/b.txt"));
    REPORT("unlink d/c.txt", unlink("d/c.txt"));
    REPORT("rmdir d", rmdir("d"));
    struct stat st;
    REPORT("stat d after rmdir", stat("d", &st));
    list(".");
    return 0;
}
