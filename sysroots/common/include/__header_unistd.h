#ifndef __wasilibc___header_unistd_h
#define __wasilibc___header_unistd_h

/* unistd.h's part that differs from musl's: the wasi-sysroots version adds
 * dup and pipe, which libc's own descriptor table provides. */

struct stat;

#include <__seek.h>

#define F_OK (0)
#define X_OK (1)
#define W_OK (2)
#define R_OK (4)

#ifdef __cplusplus
extern "C" {
#endif

int close(int fd);
int faccessat(int, const char *, int, int);
int fstatat(int, const char *__restrict, struct stat *__restrict, int);
int renameat(int, const char *, int, const char *);
int openat(int, const char *, int, ...);
void *sbrk(intptr_t increment);

int dup(int);
int dup2(int, int);
int pipe(int[2]);
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE) || defined(_ALL_SOURCE)
int dup3(int, int, int);
int pipe2(int[2], int);
#endif

#ifdef __cplusplus
}
#endif

#endif
