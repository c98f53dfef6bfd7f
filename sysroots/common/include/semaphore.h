#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H
// <semaphore.h> for every triple: unnamed POSIX semaphores between the threads
// of one program. Named semaphores need a shared file system namespace WASI lacks, so
// sem_open and friends are not provided.
#ifdef __cplusplus
extern "C" {
#endif

#include <features.h>

#define __NEED_time_t
#define __NEED_struct_timespec
#include <bits/alltypes.h>

// POSIX puts this limit in <limits.h>; the base's <limits.h> only shows it to upstream
// musl builds, so it lives here, next to the functions it bounds.
#ifndef SEM_VALUE_MAX
#define SEM_VALUE_MAX 0x7fffffff
#endif

// The layout musl's semaphore code uses: a value word, a waiter count and a pshared flag.
typedef struct {
	volatile int __val[4 * sizeof(long) / sizeof(int)];
} sem_t;

int sem_destroy(sem_t *);
int sem_getvalue(sem_t *__restrict, int *__restrict);
int sem_init(sem_t *, int, unsigned);
int sem_post(sem_t *);
int sem_timedwait(sem_t *__restrict, const struct timespec *__restrict);
int sem_trywait(sem_t *);
int sem_wait(sem_t *);

#ifdef __cplusplus
}
#endif
#endif
