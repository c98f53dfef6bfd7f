// The kernel service musl's thread code is written against, the futex, on WebAssembly's
// memory.atomic.wait32 and memory.atomic.notify (or, with one thread, on sleeping); and the
// timed wait built on it.
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "wasm_thread.h"

#ifdef _REENTRANT
int __wasm_futex_wait(volatile int *addr, int val, int64_t timeout_ns)
{
	// The instruction answers 0 "ok" (woken), 1 "not-equal" or 2 "timed-out".
	switch (__builtin_wasm_memory_atomic_wait32((int *)addr, val, timeout_ns)) {
	case 0:
		return 0;
	case 1:
		return EAGAIN;
	default:
		return ETIMEDOUT;
	}
}

int __wasm_futex_wake(volatile int *addr, int count)
{
	return __builtin_wasm_memory_atomic_notify((int *)addr, count < 0 ? UINT32_MAX : (unsigned)count);
}

#else
// One thread (p1, p2): nobody else can change *addr or wake a waiter. A timed wait sleeps out
// its time; a wait without one could never end, so it stops the program with a message (on
// Linux it would hang).
int __wasm_futex_wait(volatile int *addr, int val, int64_t timeout_ns)
{
	if (*addr != val)
		return EAGAIN;
	if (timeout_ns < 0) {
		static const char message[] =
			"deadlock: a single-threaded program waits on a lock, condition or semaphore "
			"that only another thread could release\n";
		write(2, message, sizeof message - 1);
		abort();
	}
	// Sleep until the monotonic clock has covered the whole timeout: a host timer may fire a
	// little early (Node's timers round to its loop's millisecond clock).
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	int64_t end = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec + timeout_ns;
	for (int64_t left = timeout_ns; left > 0;) {
		struct timespec rest = { .tv_sec = left / 1000000000, .tv_nsec = left % 1000000000 };
		nanosleep(&rest, NULL);
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = end - ((int64_t)now.tv_sec * 1000000000 + now.tv_nsec);
	}
	return ETIMEDOUT;
}

int __wasm_futex_wake(volatile int *addr, int count)
{
	return 0;
}
#endif

// A relative timeout in nanoseconds; -1 (forever) for one too long to count (centuries).
static int64_t relative_ns(time_t sec, long nsec)
{
	if (sec >= INT64_MAX / 1000000000 - 1)
		return -1;
	return sec * 1000000000 + nsec;
}

static long futex(volatile int *addr, int op, int val, long arg4)
{
	switch (op & ~(FUTEX_PRIVATE | FUTEX_CLOCK_REALTIME)) {
	case FUTEX_WAIT: {
		const struct timespec *timeout = (const struct timespec *)arg4;
		return -__wasm_futex_wait(addr, val, timeout ? relative_ns(timeout->tv_sec, timeout->tv_nsec) : -1);
	}
	case FUTEX_WAKE:
		return __wasm_futex_wake(addr, val);
	case FUTEX_REQUEUE:
		// Moving waiters to another address has no WebAssembly equivalent. Waking them
		// instead is a spurious wakeup, which every musl waiter tolerates: it rechecks its
		// condition and waits again where it should.
		return __wasm_futex_wake(addr, arg4 > INT32_MAX - val ? -1 : val + (int)arg4);
	default:
		// The priority-inheritance operations: pthread_mutexattr_setprotocol learns from
		// this that PTHREAD_PRIO_INHERIT is unsupported.
		return -ENOSYS;
	}
}

long __wasm_syscall(long n, long a, long b, long c, long d, long e, long f)
{
	switch (n) {
	case SYS_futex:
		return futex((volatile int *)a, b, c, d);
	case SYS_set_robust_list:
		return 0;
	case SYS_get_robust_list:
		if (a)
			return -ESRCH;
		*(volatile void **)b = &__pthread_self()->robust_list;
		*(size_t *)c = sizeof __pthread_self()->robust_list;
		return 0;
	default:
		return -ENOSYS;
	}
}

// musl's own version goes through the cancellable system call path; there is no
// cancellation here, so both names are the same wait.
int __timedwait_cp(volatile int *addr, int val, clockid_t clk, const struct timespec *at, int priv)
{
	if (!at)
		return __wasm_futex_wait(addr, val, -1) == ETIMEDOUT ? ETIMEDOUT : 0;
	if (at->tv_nsec < 0 || at->tv_nsec >= 1000000000)
		return EINVAL;
	// A wait may time out a little before the deadline by clk (hosts round sleeps, and clk
	// need not be the clock the host waits on): then it waits for the rest.
	for (;;) {
		struct timespec now;
		if (__clock_gettime(clk, &now))
			return EINVAL;
		time_t sec = at->tv_sec - now.tv_sec;
		long nsec = at->tv_nsec - now.tv_nsec;
		if (nsec < 0) {
			sec--;
			nsec += 1000000000;
		}
		if (sec < 0 || (sec == 0 && nsec == 0))
			return ETIMEDOUT;
		if (__wasm_futex_wait(addr, val, relative_ns(sec, nsec)) != ETIMEDOUT)
			return 0;
	}
}

int __timedwait(volatile int *addr, int val, clockid_t clk, const struct timespec *at, int priv)
{
	return __timedwait_cp(addr, val, clk, at, priv);
}
