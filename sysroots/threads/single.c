// The thread functions of a single-threaded triple (p1, p2): there is no way to start a thread,
// so creating one fails with EAGAIN, as on a system out of threads; the main thread is the only
// one to join or detach. Everything else (mutexes, conditions, keys...) is musl's, as with threads.
#include "wasm_thread.h"

int __wasm_thread_create(pthread_t *restrict res, const pthread_attr_t *restrict attrp,
                         const struct __wasm_start_record *start)
{
	return EAGAIN;
}

// No thread but the caller exists: joining it would wait forever, and any other id names
// no thread.
static int join(pthread_t t)
{
	return t == __pthread_self() ? EDEADLK : ESRCH;
}

int __pthread_join(pthread_t t, void **res)
{
	return join(t);
}

static int __pthread_tryjoin_np(pthread_t t, void **res)
{
	return t == __pthread_self() ? EBUSY : ESRCH;
}

static int __pthread_timedjoin_np(pthread_t t, void **res, const struct timespec *at)
{
	return join(t);
}

static int __pthread_detach(pthread_t t)
{
	if (t != __pthread_self())
		return ESRCH;
	return a_cas(&t->detach_state, DT_JOINABLE, DT_DETACHED) == DT_JOINABLE ? 0 : EINVAL;
}

weak_alias(__pthread_join, pthread_join);
weak_alias(__pthread_tryjoin_np, pthread_tryjoin_np);
weak_alias(__pthread_timedjoin_np, pthread_timedjoin_np);
weak_alias(__pthread_detach, pthread_detach);
weak_alias(__pthread_detach, thrd_detach);
