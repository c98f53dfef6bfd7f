/* Added by wasi-sysroots (common/signal_mask.c): signal sets and the signal mask, per thread on
   wasm32-wasip1-threads. They need no emulation flag: WASI never delivers a signal
   asynchronously, so the mask is bookkeeping that code blocking signals around its work (or
   around pthread_create) can rely on. Handlers need -D_WASI_EMULATED_SIGNAL and
   -lwasi-emulated-signal: the signal numbers, signal(), raise(), sigaction() and alarm(). */
#ifndef __wasi_sysroots_signal_add
#define __wasi_sysroots_signal_add
#include <features.h>
#ifdef __cplusplus
extern "C" {
#endif

#ifndef _WASI_EMULATED_SIGNAL
typedef long sig_atomic_t;
/* Declared so that a use names the flag (and C++'s <csignal> finds them). */
void (*signal(int, void (*)(int)))(int)
  __attribute__((__unavailable__("signal handlers need -D_WASI_EMULATED_SIGNAL and -lwasi-emulated-signal")));
int raise(int)
  __attribute__((__unavailable__("signal handlers need -D_WASI_EMULATED_SIGNAL and -lwasi-emulated-signal")));
#endif

#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) \
 || defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
#define __NEED_sigset_t
#include <bits/alltypes.h>

#ifndef SIG_BLOCK
#define SIG_BLOCK     0
#define SIG_UNBLOCK   1
#define SIG_SETMASK   2
#endif

int sigemptyset(sigset_t *);
int sigfillset(sigset_t *);
int sigaddset(sigset_t *, int);
int sigdelset(sigset_t *, int);
int sigismember(const sigset_t *, int);
int sigprocmask(int, const sigset_t *__restrict, sigset_t *__restrict);
int pthread_sigmask(int, const sigset_t *__restrict, sigset_t *__restrict);
int sigpending(sigset_t *);

#ifdef _WASI_EMULATED_SIGNAL
/* Linux's values. */
#define SA_NOCLDSTOP  1
#define SA_NOCLDWAIT  2
#define SA_SIGINFO    4
#define SA_ONSTACK    0x08000000
#define SA_RESTART    0x10000000
#define SA_NODEFER    0x40000000
#define SA_RESETHAND  0x80000000
int sigaction(int, const struct sigaction *__restrict, struct sigaction *__restrict);
#endif
#endif

#ifdef __cplusplus
}
#endif
#endif
