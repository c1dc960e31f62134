/* exit: proc_exit. "exit N" calls exit(N), "return N" returns N from main, no argument returns 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "exit") == 0) {
        int code = atoi(argv[2]);
        printf("calling exit(%d)\n", code);
        exit(code); /* flushes stdout, then proc_exit */
    }
    if (argc >= 3 && strcmp(argv[1], "return") == 0) {
        int code = atoi(argv[2]);
        printf("returning %d from main\n", code);
        return code;
    }
    printf("returning 0 from main\n");
    return 0;
}
