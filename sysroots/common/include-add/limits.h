
/* Added by wasi-sysroots: the base shows these only to threaded builds; every triple has
   <pthread.h> (the values are musl's). */
#ifndef __wasi_sysroots_limits_add
#define __wasi_sysroots_limits_add
#ifndef PTHREAD_KEYS_MAX
#define PTHREAD_KEYS_MAX 128
#define PTHREAD_STACK_MIN 2048
#define PTHREAD_DESTRUCTOR_ITERATIONS 4
#endif
#endif
