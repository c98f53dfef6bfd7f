// wasm32 with wasi-threads has no thread-pointer register. The thread pointer is a
// thread-local variable instead: each thread's TLS block (set up by wasi_thread_start, see
// threads/thread_start.s) holds the address of that thread's struct pthread.

extern _Thread_local struct __pthread *__libc_thread_self __attribute__((__visibility__("hidden")));

static inline uintptr_t __get_tp(void)
{
	return (uintptr_t)__libc_thread_self;
}

#define TP_ADJ(p) (p)

// pthread_impl.h declares __libc_sigaction with a struct sigaction, which WASI's <signal.h>
// does not define; naming the tag here keeps that prototype well-formed.
struct sigaction;

#define tls_mod_off_t unsigned long long
