/* trap: a trap several calls deep, for backtraces that name functions (the build keeps the
 * name section). "unreachable" executes __builtin_trap(); "oob" stores far outside memory. */
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) void crash_with_unreachable(void) {
    __builtin_trap();
}

__attribute__((noinline)) void crash_with_out_of_bounds_store(void) {
    /* Above any 32-bit linear memory a program this small can have. */
    volatile int *p = (volatile int *) 0xFFFFFFF0u;
    *p = 42;
}

__attribute__((noinline)) void middle_frame(const char *mode) {
    if (strcmp(mode, "oob") == 0) crash_with_out_of_bounds_store();
    else crash_with_unreachable();
    printf("not reached\n");
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "unreachable";
    printf("before trap (%s)\n", mode);
    fflush(stdout);
    middle_frame(mode);
    printf("after trap\n");
    return 0;
}
