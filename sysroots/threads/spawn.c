// Creating threads on wasi-threads: their memory, start and end, join and detach.
#include <stdlib.h>
#include <string.h>
#include "wasm_thread.h"
#include "stdio_impl.h"

// Asks the host for a new thread, which calls wasi_thread_start(tid, start_arg). Returns the
// new thread's id (1 to 0x1FFFFFFF), or a negative value when the host refuses.
__attribute__((import_module("wasi"), import_name("thread-spawn")))
int32_t __wasi_thread_spawn(void *start_arg);

// thread_start.s. Only the host calls it, so nothing would pull it out of libc.a: this
// reference links it (and so exports it) wherever threads are created.
void wasi_thread_start(int tid, void *start_arg);
static void (*const link_thread_start)(int, void *) __attribute__((used)) = wasi_thread_start;

// Called by wasi_thread_start once the new thread's stack and TLS are set up. Returns the word
// wasi_thread_start clears (and wakes joiners on) as its very last act.
hidden volatile int *__wasm_thread_main(int tid, struct __wasm_start_record *start);

// pthread_exit_unwind.s, linked only with pthread_exit: runs the start function so that
// pthread_exit can unwind to it.
hidden void *__wasm_pthread_run_catching(struct __wasm_start_record *) __attribute__((__weak__));

// Detached threads that have finished but may still be running the last instructions of
// wasi_thread_start on their stack; their memory is freed once detach_state says DT_EXITED.
// Linked through next, under the thread list lock.
static struct pthread *graveyard;

static void reap(void)
{
	struct pthread *gone = 0;
	if (!__atomic_load_n(&graveyard, __ATOMIC_ACQUIRE))
		return;
	__tl_lock();
	for (struct pthread **p = &graveyard; *p;) {
		struct pthread *t = *p;
		if (t->detach_state == DT_EXITED) {
			*p = t->next;
			t->next = gone;
			gone = t;
		} else {
			p = &t->next;
		}
	}
	__tl_unlock();
	while (gone) {
		struct pthread *t = gone;
		gone = t->next;
		free(t->map_base);
	}
}

// Everything a thread needs besides its stack and TLS block, at the bottom of its allocation.
struct thread_block {
	struct pthread thread;
	struct __wasm_start_record start;
	void *tsd[PTHREAD_KEYS_MAX];
};

// Until the first thread exists, stdio skips locking (FILE.lock == -1). From then on it locks.
static void enable_file_lock(FILE *f)
{
	if (f && f->lock < 0)
		f->lock = 0;
}

static void enable_locking(void)
{
	for (FILE *f = *__ofl_lock(); f; f = f->next)
		enable_file_lock(f);
	__ofl_unlock();
	enable_file_lock(__stdin_used);
	enable_file_lock(__stdout_used);
	enable_file_lock(__stderr_used);
	libc.threaded = 1;
}

int __wasm_thread_create(pthread_t *restrict res, const pthread_attr_t *restrict attrp,
                         const struct __wasm_start_record *start)
{
	pthread_attr_t attr = {0};
	if (attrp) {
		attr = *attrp;
	} else {
		__acquire_ptc();
		attr._a_stacksize = __default_stacksize;
		__release_ptc();
	}

	reap();

	// One allocation, from the bottom: the thread_block, the TLS block, then the stack
	// (unless the caller brought one), which grows down from the end.
	size_t tls_size = __builtin_wasm_tls_size();
	size_t tls_align = __builtin_wasm_tls_align() > 16 ? __builtin_wasm_tls_align() : 16;
	size_t stack_size = attr._a_stackaddr ? 0 : (attr._a_stacksize + 15) & -16;
	size_t size = sizeof(struct thread_block) + tls_align + tls_size + 16 + stack_size;
	struct thread_block *block = malloc(size);
	if (!block)
		return EAGAIN;
	memset(block, 0, sizeof *block);
	uintptr_t tls = ((uintptr_t)(block + 1) + tls_align - 1) & -tls_align;
	uintptr_t stack_top = attr._a_stackaddr ? attr._a_stackaddr
	                                        : ((tls + tls_size + 15) & -16) + stack_size;

	struct pthread *t = &block->thread;
	t->self = t;
	t->map_base = (unsigned char *)block;
	t->map_size = size;
	t->stack = (void *)stack_top;
	t->stack_size = attr._a_stackaddr ? attr._a_stacksize : stack_size;
	t->tsd = block->tsd;
	t->locale = &libc.global_locale;
	t->detach_state = attr._a_detach ? DT_DETACHED : DT_JOINABLE;
	t->robust_list.head = &t->robust_list.head;
	block->start = *start;
	block->start.stack = (void *)stack_top;
	block->start.tls = (void *)tls;
	block->start.self = t;
	block->start.sigmask = *__wasm_thread_sigmask();

	if (!libc.threaded)
		enable_locking();

	// Into the thread list before the thread can run (and take itself out again).
	struct pthread *self = __pthread_self();
	__tl_lock();
	t->prev = self;
	t->next = self->next;
	t->next->prev = t;
	self->next = t;
	if (!libc.threads_minus_1++)
		libc.need_locks = 1;
	__tl_unlock();

	if (__wasi_thread_spawn(&block->start) < 0) {
		__tl_lock();
		t->prev->next = t->next;
		t->next->prev = t->prev;
		if (!--libc.threads_minus_1)
			libc.need_locks = -1;
		__tl_unlock();
		free(block);
		return EAGAIN;
	}
	*res = t;
	return 0;
}

void *__wasm_thread_call_start(struct __wasm_start_record *start)
{
	if (start->c11)
		return (void *)(intptr_t)start->start.c11(start->arg);
	return start->start.posix(start->arg);
}

// A thread that ends holding robust mutexes leaves them "owner died" (EOWNERDEAD for the next
// locker) and wakes a waiter: on Linux the kernel does this, here nobody else would.
static void abandon_robust_mutexes(struct pthread *self)
{
	volatile void *volatile *entry;
	while ((entry = self->robust_list.head) != &self->robust_list.head) {
		pthread_mutex_t *m = (void *)((char *)entry - offsetof(pthread_mutex_t, _m_next));
		int waiters = m->_m_waiters;
		self->robust_list.pending = entry;
		self->robust_list.head = *entry;
		int old = a_swap(&m->_m_lock, 0x40000000);
		self->robust_list.pending = 0;
		if (old < 0 || waiters)
			__wake(&m->_m_lock, 1, !(m->_m_type & 128));
	}
}

// The end of every thread but the main one, on its own stack, after its start function has
// returned or pthread_exit has unwound to __wasm_pthread_run_catching.
static volatile int *finish(struct pthread *self, void *result)
{
	self->result = result;
	__pthread_tsd_run_dtors();
	__do_orphaned_stdio_locks();
	abandon_robust_mutexes(self);

	__tl_lock();
	self->prev->next = self->next;
	self->next->prev = self->prev;
	if (!--libc.threads_minus_1)
		libc.need_locks = -1;
	// For a main thread waiting in pthread_exit for the others to end.
	__wake(&libc.threads_minus_1, -1, 1);
	// Racing pthread_detach: whoever loses frees the memory (a detacher that loses joins).
	if (a_cas(&self->detach_state, DT_JOINABLE, DT_EXITING) == DT_DETACHED) {
		self->next = graveyard;
		__atomic_store_n(&graveyard, self, __ATOMIC_RELEASE);
	}
	__tl_unlock();
	return &self->detach_state;
}

volatile int *__wasm_thread_main(int tid, struct __wasm_start_record *start)
{
	struct pthread *self = start->self;
	__libc_thread_self = self;
	self->tid = tid;
	*__wasm_thread_sigmask() = start->sigmask;
	void *result = __wasm_pthread_run_catching ? __wasm_pthread_run_catching(start)
	                                           : __wasm_thread_call_start(start);
	return finish(self, result);
}

static int join(pthread_t t, void **res, const struct timespec *at)
{
	int state;
	while ((state = t->detach_state) != DT_EXITED) {
		if (state == DT_DETACHED)
			return EINVAL;
		if (t == __pthread_self())
			return EDEADLK;
		int r = __timedwait_cp(&t->detach_state, state, CLOCK_REALTIME, at, 1);
		if (r == ETIMEDOUT || r == EINVAL)
			return r;
	}
	if (res)
		*res = t->result;
	free(t->map_base);
	reap();
	return 0;
}

int __pthread_join(pthread_t t, void **res)
{
	return join(t, res, 0);
}

static int __pthread_tryjoin_np(pthread_t t, void **res)
{
	return t->detach_state == DT_JOINABLE ? EBUSY : join(t, res, 0);
}

static int __pthread_timedjoin_np(pthread_t t, void **res, const struct timespec *at)
{
	return join(t, res, at);
}

static int __pthread_detach(pthread_t t)
{
	// A thread already on its way out is the detacher's to clean up, as a joiner's would be.
	if (a_cas(&t->detach_state, DT_JOINABLE, DT_DETACHED) != DT_JOINABLE)
		return join(t, 0, 0);
	return 0;
}

weak_alias(__pthread_join, pthread_join);
weak_alias(__pthread_tryjoin_np, pthread_tryjoin_np);
weak_alias(__pthread_timedjoin_np, pthread_timedjoin_np);
weak_alias(__pthread_detach, pthread_detach);
weak_alias(__pthread_detach, thrd_detach);
