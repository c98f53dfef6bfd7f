// The parts of C11 <threads.h> that musl's sources do not cover here: thrd_create, whose
// start function returns int (so it is called as such, not through a cast), and thrd_yield.
#include <sched.h>
#include <threads.h>
#include "wasm_thread.h"

int thrd_create(thrd_t *thr, thrd_start_t func, void *arg)
{
	struct __wasm_start_record start = { .start.c11 = func, .arg = arg, .c11 = 1 };
	switch (__wasm_thread_create(thr, 0, &start)) {
	case 0:
		return thrd_success;
	case EAGAIN:
		return thrd_nomem;
	default:
		return thrd_error;
	}
}

void thrd_yield(void)
{
	sched_yield();
}
