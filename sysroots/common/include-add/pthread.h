
/* Added by wasi-sysroots: the base defines these initializers as 0 unless threaded, which does
   not initialize a struct; p1 and p2 have the same <pthread.h> types as threads. */
#ifndef __wasi_sysroots_pthread_add
#define __wasi_sysroots_pthread_add
#undef PTHREAD_MUTEX_INITIALIZER
#undef PTHREAD_RWLOCK_INITIALIZER
#undef PTHREAD_COND_INITIALIZER
#define PTHREAD_MUTEX_INITIALIZER {{{0}}}
#define PTHREAD_RWLOCK_INITIALIZER {{{0}}}
#define PTHREAD_COND_INITIALIZER {{{0}}}
#endif
