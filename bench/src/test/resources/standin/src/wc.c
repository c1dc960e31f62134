// Stand-in I/O program for the harness tests: counts lines and bytes of a file named on the
// command line (through the preopened data directory) and of stdin.
#include <stdio.h>

static void count(FILE *f, const char *what) {
    long lines = 0, bytes = 0;
    int ch;
    while ((ch = fgetc(f)) != EOF) {
        bytes++;
        if (ch == '\n') lines++;
    }
    printf("%s: %ld lines, %ld bytes\n", what, lines, bytes);
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    count(f, "file");
    fclose(f);
    count(stdin, "stdin");
    return 0;
}
