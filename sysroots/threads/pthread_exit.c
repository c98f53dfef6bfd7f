// pthread_exit, and with it thrd_exit and the bookkeeping of pthread_cleanup_push/pop that
// only exiting needs.
#include "wasm_thread.h"

// pthread_exit_unwind.s (wasm32-wasip1-threads): throws result to __wasm_pthread_run_catching.
hidden _Noreturn void __wasm_pthread_unwind(void *result);

void __do_cleanup_push(struct __ptcb *cb)
{
	struct pthread *self = __pthread_self();
	cb->__next = self->cancelbuf;
	self->cancelbuf = cb;
}

void __do_cleanup_pop(struct __ptcb *cb)
{
	__pthread_self()->cancelbuf = cb->__next;
}

_Noreturn void __pthread_exit(void *result)
{
	struct pthread *self = __pthread_self();

	// Cleanup handlers still pushed run first, innermost first.
	while (self->cancelbuf) {
		struct __ptcb *cb = self->cancelbuf;
		self->cancelbuf = cb->__next;
		cb->__f(cb->__x);
	}

#ifdef _REENTRANT
	// Any other thread unwinds to its start (spawn.c finishes it there).
	if (self != &__wasm_main_thread)
		__wasm_pthread_unwind(result);
#endif

	// The main thread's frames belong to _start and cannot be unwound. POSIX lets the
	// process live on until its last thread ends, then exit with status 0: so end this
	// thread in place (key destructors, joiners released), wait for the others, exit.
	self->result = result;
	__pthread_tsd_run_dtors();
	a_store(&self->detach_state, DT_EXITED);
	__wake(&self->detach_state, -1, 1);
#ifdef _REENTRANT
	int others;
	while ((others = *(volatile int *)&libc.threads_minus_1))
		__futexwait(&libc.threads_minus_1, others, 1);
#endif
	exit(0);
}

weak_alias(__pthread_exit, pthread_exit);
