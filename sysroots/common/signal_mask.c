// Signal sets and the signal mask on every triple (declared in include-add/signal.h). WASI never
// delivers a signal asynchronously, so the mask is bookkeeping: it is kept, returned and inherited
// by new threads (threads/spawn.c), and nothing is ever pending. Built against the public headers.
#include <errno.h>
#include <signal.h>
#include <string.h>

// The numbers a set can hold: 1 to 64, as on Linux (musl's _NSIG is 65).
enum { SIGNAL_COUNT = 64, BITS_PER_WORD = 8 * sizeof(unsigned long) };
_Static_assert(sizeof(sigset_t) * 8 >= SIGNAL_COUNT, "sigset_t holds every signal");

// Linux's numbers for the two signals that can never be blocked.
enum { SIGNAL_KILL = 9, SIGNAL_STOP = 19 };

static int valid(int sig)
{
	return sig >= 1 && sig <= SIGNAL_COUNT;
}

static size_t word(int sig)
{
	return (sig - 1) / BITS_PER_WORD;
}

static unsigned long bit(int sig)
{
	return 1UL << ((sig - 1) % BITS_PER_WORD);
}

int sigemptyset(sigset_t *set)
{
	memset(set, 0, sizeof *set);
	return 0;
}

int sigfillset(sigset_t *set)
{
	sigemptyset(set);
	for (int sig = 1; sig <= SIGNAL_COUNT; sig++)
		set->__bits[word(sig)] |= bit(sig);
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (!valid(sig)) {
		errno = EINVAL;
		return -1;
	}
	set->__bits[word(sig)] |= bit(sig);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (!valid(sig)) {
		errno = EINVAL;
		return -1;
	}
	set->__bits[word(sig)] &= ~bit(sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (!valid(sig)) {
		errno = EINVAL;
		return -1;
	}
	return (set->__bits[word(sig)] & bit(sig)) != 0;
}

// The calling thread's mask: thread-local on wasm32-wasip1-threads, where a new thread starts
// with its creator's; a plain global with -mthread-model single.
static _Thread_local sigset_t thread_mask;

__attribute__((__visibility__("hidden"))) sigset_t *__wasm_thread_sigmask(void)
{
	return &thread_mask;
}

enum { SET_WORDS = sizeof(sigset_t) / sizeof(unsigned long) };

int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	// how matters only with a new set (POSIX). old may be the same object as set.
	sigset_t next = thread_mask;
	if (set) {
		if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
			return EINVAL;
		// SIGKILL and SIGSTOP cannot be blocked, and asking to is no error (POSIX); bits beyond
		// the last signal, which no set function sets, are dropped too.
		sigset_t blockable;
		sigfillset(&blockable);
		sigdelset(&blockable, SIGNAL_KILL);
		sigdelset(&blockable, SIGNAL_STOP);
		for (size_t i = 0; i < SET_WORDS; i++) {
			unsigned long given = set->__bits[i] & blockable.__bits[i];
			next.__bits[i] = how == SIG_BLOCK     ? next.__bits[i] | given
			               : how == SIG_UNBLOCK   ? next.__bits[i] & ~given
			                                      : given;
		}
	}
	if (old)
		*old = thread_mask;
	thread_mask = next;
	return 0;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	int error = pthread_sigmask(how, set, old);
	if (error) {
		errno = error;
		return -1;
	}
	return 0;
}

// Nothing is pending: raise() (-lwasi-emulated-signal) runs its handler at once.
int sigpending(sigset_t *set)
{
	return sigemptyset(set);
}
