// The clock of a condition variable. musl stores it as an integer in pthread_condattr_t (low
// 31 bits; bit 31 is pshared) and copies it into pthread_cond_t._c_clock; WASI's clockid_t
// is a pointer, so the integer is a COND_CLOCK_* code (wasm_thread.h) instead.
#include "wasm_thread.h"

int pthread_condattr_setclock(pthread_condattr_t *a, clockid_t clk)
{
	unsigned code;
	if (clk == CLOCK_REALTIME)
		code = COND_CLOCK_REALTIME;
	else if (clk == CLOCK_MONOTONIC)
		code = COND_CLOCK_MONOTONIC;
	else
		return EINVAL;
	a->__attr = (a->__attr & 0x80000000) | code;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *restrict a, clockid_t *restrict clk)
{
	*clk = (a->__attr & 0x7fffffff) == COND_CLOCK_MONOTONIC ? CLOCK_MONOTONIC : CLOCK_REALTIME;
	return 0;
}
