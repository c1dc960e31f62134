/* env: environ_sizes_get/environ_get; looks up selected variables and counts the rest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static void show(const char *name) {
    const char *v = getenv(name);
    if (v == NULL) printf("%s is unset\n", name);
    else printf("%s=[%s]\n", name, v);
}

int main(void) {
    int n = 0;
    for (char **e = environ; *e != NULL; e++) n++;
    printf("environ count=%d\n", n);
    show("GREETING");
    show("EMPTY");
    show("WITH_EQUALS");
    show("UNICODE");
    show("NOT_SET_ANYWHERE");
    return 0;
}
