#include <stdio.h>
#include <stdlib.h>
static char zeros[4000];
int counter = 7;
int main(int argc, char **argv) {
    char *p = malloc(100);
    zeros[argc] = 1;
    printf("layout %d %p %d\n", counter, (void *)p, zeros[1]);
    return 0;
}
