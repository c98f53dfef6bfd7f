// Force-included into the pthread objects of the single-threaded triples (single.mk): the base's
// <pthread.h> defines the static initializers as a plain 0 unless threaded, which initializes
// no struct. Including it first and redefining them here fixes every later use (programs get
// the same from common/include-add/pthread.h).
#include <pthread.h>
#undef PTHREAD_MUTEX_INITIALIZER
#undef PTHREAD_RWLOCK_INITIALIZER
#undef PTHREAD_COND_INITIALIZER
#define PTHREAD_MUTEX_INITIALIZER {{{0}}}
#define PTHREAD_RWLOCK_INITIALIZER {{{0}}}
#define PTHREAD_COND_INITIALIZER {{{0}}}
