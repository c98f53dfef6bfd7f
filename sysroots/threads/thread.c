// Threads on wasi-threads, and the one thread of the single-threaded triples: the main thread's
// descriptor, the thread list lock and pthread_create. Creating and ending other threads is in
// spawn.c (wasm32-wasip1-threads) or single.c (p1, p2). The synchronisation objects are musl's
// own (see musl-sources.mk).
#include "wasm_thread.h"

static void no_op(void)
{
}
// Each of these is linked only with the feature that needs it.
weak_alias(no_op, __pthread_tsd_run_dtors);
weak_alias(no_op, __do_orphaned_stdio_locks);
weak_alias(no_op, __acquire_ptc);
weak_alias(no_op, __release_ptc);
static void *no_tsd[1];
weak_alias(no_tsd, __pthread_tsd_main);

// The main thread is not spawned, so the host gives it no id. This one lies past the ids
// wasi-threads hands out and below the flag bits musl's locks keep next to an owner's id.
#define MAIN_THREAD_TID 0x20000000

struct pthread __wasm_main_thread = {
	.self = &__wasm_main_thread,
	.prev = &__wasm_main_thread,
	.next = &__wasm_main_thread,
	.tid = MAIN_THREAD_TID,
	.detach_state = DT_JOINABLE,
	.locale = &libc.global_locale,
	.tsd = __pthread_tsd_main,
	.robust_list.head = &__wasm_main_thread.robust_list.head,
};

_Thread_local struct __pthread *__libc_thread_self = &__wasm_main_thread;

// The thread list (the ring of descriptors through prev/next, for pthread_key_delete) and
// spawn.c's graveyard. A plain three-state futex lock: 0 free, 1 held, 2 held with waiters.
volatile int __thread_list_lock;

void __tl_lock(void)
{
	int state = a_cas(&__thread_list_lock, 0, 1);
	if (!state)
		return;
	if (state != 2)
		state = a_swap(&__thread_list_lock, 2);
	while (state) {
		__futexwait(&__thread_list_lock, 2, 1);
		state = a_swap(&__thread_list_lock, 2);
	}
}

void __tl_unlock(void)
{
	if (a_swap(&__thread_list_lock, 0) == 2)
		__wake(&__thread_list_lock, 1, 1);
}

int __pthread_create(pthread_t *restrict res, const pthread_attr_t *restrict attrp,
                     void *(*entry)(void *), void *restrict arg)
{
	struct __wasm_start_record start = { .start.posix = entry, .arg = arg };
	return __wasm_thread_create(res, attrp, &start);
}

weak_alias(__pthread_create, pthread_create);
