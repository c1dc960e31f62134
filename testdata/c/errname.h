/* Shared helpers for the wasm2jvm WASI test programs: errno names and checked printing. */
#ifndef ERRNAME_H
#define ERRNAME_H
#include <errno.h>
#include <stdio.h>

/* Symbolic errno names keep the expected outputs independent of strerror() wording. */
static inline const char *errname(int e) {
    switch (e) {
    case 0: return "OK";
    case E2BIG: return "E2BIG";
    case EACCES: return "EACCES";
    case EAGAIN: return "EAGAIN";
    case EBADF: return "EBADF";
    case EBUSY: return "EBUSY";
    case EEXIST: return "EEXIST";
    case EFAULT: return "EFAULT";
    case EFBIG: return "EFBIG";
    case EINVAL: return "EINVAL";
    case EIO: return "EIO";
    case EISDIR: return "EISDIR";
    case ELOOP: return "ELOOP";
    case EMFILE: return "EMFILE";
    case EMLINK: return "EMLINK";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOENT: return "ENOENT";
    case ENOSPC: return "ENOSPC";
    case ENOSYS: return "ENOSYS";
    case ENOTDIR: return "ENOTDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ENOTSUP: return "ENOTSUP";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    case EPERM: return "EPERM";
    case EPIPE: return "EPIPE";
    case ERANGE: return "ERANGE";
    case EROFS: return "EROFS";
    case ESPIPE: return "ESPIPE";
    case EXDEV: return "EXDEV";
    case ENOTSOCK: return "ENOTSOCK";
    case ECONNRESET: return "ECONNRESET";
    default: {
        static char buf[32];
        snprintf(buf, sizeof buf, "errno %d", e);
        return buf;
    }
    }
}

/* Prints "label: R OK", or "label: R ENAME" when R < 0. Taking the call's result as an argument
 * makes it complete before errno is read (argument evaluation order is unspecified in C). */
static inline void show_result(const char *label, long long r) {
    printf("%s: %lld %s\n", label, r, r < 0 ? errname(errno) : "OK");
}

/* Prints "label: OK" or "label: ENAME" for a call that returns -1 on failure. */
#define REPORT(label, call) do { \
        errno = 0; \
        int r_ = (call); \
        printf("%s: %s\n", (label), r_ < 0 ? errname(errno) : "OK"); \
    } while (0)

#endif
