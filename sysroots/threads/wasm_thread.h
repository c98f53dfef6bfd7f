// Internal interfaces of the wasi-threads glue (this directory), shared by its C files.
#ifndef WASM_THREAD_H
#define WASM_THREAD_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "pthread_impl.h"
#define __NEED_sigset_t
#include <bits/alltypes.h>

// What wasi_thread_start (thread_start.s) receives as its start argument. It reads the first
// two fields itself before any C code runs, so their offsets are part of that file.
struct __wasm_start_record {
	void *stack;          // initial __stack_pointer: the top of the new stack
	void *tls;            // the new thread's TLS block, for __wasm_init_tls
	struct pthread *self;
	union {
		void *(*posix)(void *);
		int (*c11)(void *);
	} start;
	void *arg;
	int c11;
	sigset_t sigmask;     // the creator's signal mask, the new thread's first
};
_Static_assert(offsetof(struct __wasm_start_record, stack) == 0, "thread_start.s reads offset 0");
_Static_assert(offsetof(struct __wasm_start_record, tls) == 4, "thread_start.s reads offset 4");

// The calling thread's signal mask (common/signal_mask.c).
hidden sigset_t *__wasm_thread_sigmask(void);

// The main thread's descriptor (thread.c); its thread was not created by pthread_create.
extern hidden struct pthread __wasm_main_thread;

// Creates a thread running start->start with start->arg (a C11 start function when
// start->c11); the other fields of *start are filled in here.
hidden int __wasm_thread_create(pthread_t *restrict, const pthread_attr_t *restrict,
                                const struct __wasm_start_record *);

// Calls the start function of a new thread and returns its result.
hidden void *__wasm_thread_call_start(struct __wasm_start_record *);

// The futex primitive on memory.atomic.wait32/notify. A negative timeout waits forever.
// Returns 0 when woken, EAGAIN when *addr != val to begin with, ETIMEDOUT.
hidden int __wasm_futex_wait(volatile int *addr, int val, int64_t timeout_ns);
hidden int __wasm_futex_wake(volatile int *addr, int count);

// musl keeps a condition variable's clock as a small integer (pthread_cond_t._c_clock and
// pthread_condattr_t.__attr); WASI's clockid_t is a pointer, so the integer is this code.
enum { COND_CLOCK_REALTIME = 0, COND_CLOCK_MONOTONIC = 1 };

#endif
