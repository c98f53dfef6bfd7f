// musl's condition variable wait (thread/pthread_cond_timedwait.c), with one adaptation: it
// passes the integer clock code of the condition variable (see cond_clock.c) where a
// clockid_t is expected. This file supplies the translation at that one call.
#include "wasm_thread.h"

static int wait_on_cond_clock(volatile int *addr, int val, int clock,
                              const struct timespec *at, int priv)
{
	return __timedwait_cp(addr, val, clock == COND_CLOCK_MONOTONIC ? CLOCK_MONOTONIC : CLOCK_REALTIME,
	                      at, priv);
}

#define __timedwait_cp wait_on_cond_clock
#include "thread/pthread_cond_timedwait.c"
