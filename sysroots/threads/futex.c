// The kernel service musl's thread code is written against, the futex, on WebAssembly's
// memory.atomic.wait32 and memory.atomic.notify; and the timed wait built on it.
#include <errno.h>
#include <stdint.h>
#include <time.h>
#include "wasm_thread.h"

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
	int64_t timeout = -1;
	if (at) {
		struct timespec now;
		if (at->tv_nsec < 0 || at->tv_nsec >= 1000000000)
			return EINVAL;
		if (__clock_gettime(clk, &now))
			return EINVAL;
		time_t sec = at->tv_sec - now.tv_sec;
		long nsec = at->tv_nsec - now.tv_nsec;
		if (nsec < 0) {
			sec--;
			nsec += 1000000000;
		}
		if (sec < 0)
			return ETIMEDOUT;
		timeout = relative_ns(sec, nsec);
	}
	return __wasm_futex_wait(addr, val, timeout) == ETIMEDOUT ? ETIMEDOUT : 0;
}

int __timedwait(volatile int *addr, int val, clockid_t clk, const struct timespec *at, int priv)
{
	return __timedwait_cp(addr, val, clk, at, priv);
}
