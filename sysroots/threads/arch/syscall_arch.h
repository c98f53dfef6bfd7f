// wasm32 has no system calls. musl's thread code still speaks in terms of a few Linux system
// calls; this arch gives them numbers of its own, and __wasm_syscall (threads/futex.c)
// implements them with WebAssembly instructions or answers -ENOSYS like a kernel without them.

#define SYS_futex 1
// Robust mutexes: there is no kernel to hand the list to; a dying thread walks its own.
#define SYS_set_robust_list 2
#define SYS_get_robust_list 3
// Always -ENOSYS: WASI cannot tell how many CPUs there are, so sysconf reports one.
#define SYS_sched_getaffinity 4

long __wasm_syscall(long, long, long, long, long, long, long) __attribute__((__visibility__("hidden")));

static inline long __syscall0(long n)
{
	return __wasm_syscall(n, 0, 0, 0, 0, 0, 0);
}

static inline long __syscall1(long n, long a)
{
	return __wasm_syscall(n, a, 0, 0, 0, 0, 0);
}

static inline long __syscall2(long n, long a, long b)
{
	return __wasm_syscall(n, a, b, 0, 0, 0, 0);
}

static inline long __syscall3(long n, long a, long b, long c)
{
	return __wasm_syscall(n, a, b, c, 0, 0, 0);
}

static inline long __syscall4(long n, long a, long b, long c, long d)
{
	return __wasm_syscall(n, a, b, c, d, 0, 0);
}

static inline long __syscall5(long n, long a, long b, long c, long d, long e)
{
	return __wasm_syscall(n, a, b, c, d, e, 0);
}

static inline long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	return __wasm_syscall(n, a, b, c, d, e, f);
}
