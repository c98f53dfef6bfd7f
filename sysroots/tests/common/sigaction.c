// flags: -D_WASI_EMULATED_SIGNAL -lwasi-emulated-signal
// sigaction over the signal emulation: install and query (old actions with their mask and flags,
// and handlers that signal() installed), SA_SIGINFO handlers get a siginfo_t, SA_RESETHAND
// restores the default, the signal and sa_mask are blocked while a handler runs (not with
// SA_NODEFER), SIGKILL and SIGSTOP refuse a handler but can be queried, EINVAL for bad numbers.
// raise() runs a handler at once even when its signal is blocked; nothing is ever pending.
// alarm() reports the seconds left of the previous alarm and never fires.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static int calls, seen_signo, seen_code, seen_blocked_self, seen_blocked_extra;

static void note_mask(int sig) {
  sigset_t now;
  sigprocmask(SIG_BLOCK, NULL, &now);
  seen_blocked_self = sigismember(&now, sig);
  seen_blocked_extra = sigismember(&now, SIGHUP);
}

static void plain(int sig) {
  calls++;
  note_mask(sig);
}

static void with_info(int sig, siginfo_t *info, void *context) {
  calls++;
  seen_signo = info->si_signo;
  seen_code = info->si_code;
  note_mask(sig);
  CHECK(context == NULL);
}

static void other(int sig) { calls += 100; }

int main(void) {
  struct sigaction act, old;
  memset(&act, 0, sizeof act);
  act.sa_handler = plain;
  sigemptyset(&act.sa_mask);
  sigaddset(&act.sa_mask, SIGHUP);
  act.sa_flags = SA_RESTART;
  CHECK(sigaction(SIGUSR1, &act, &old) == 0);
  printf("first old: %s, flags %d\n", old.sa_handler == SIG_DFL ? "SIG_DFL" : "other", old.sa_flags);

  CHECK(sigaction(SIGUSR1, NULL, &old) == 0);
  printf("query: %s, flags %s, HUP in mask %d\n", old.sa_handler == plain ? "plain" : "other",
         old.sa_flags == SA_RESTART ? "SA_RESTART" : "other", sigismember(&old.sa_mask, SIGHUP));

  CHECK(raise(SIGUSR1) == 0);
  printf("raise: calls %d, USR1 blocked inside %d, HUP blocked inside %d\n", calls,
         seen_blocked_self, seen_blocked_extra);
  sigset_t now;
  sigprocmask(SIG_BLOCK, NULL, &now);
  printf("after the handler: USR1 blocked %d\n", sigismember(&now, SIGUSR1));

  act.sa_flags = SA_NODEFER;
  sigemptyset(&act.sa_mask);
  sigaction(SIGUSR1, &act, NULL);
  raise(SIGUSR1);
  printf("SA_NODEFER: calls %d, USR1 blocked inside %d\n", calls, seen_blocked_self);

  memset(&act, 0, sizeof act);
  act.sa_sigaction = with_info;
  act.sa_flags = SA_SIGINFO | SA_RESETHAND;
  CHECK(sigaction(SIGUSR2, &act, NULL) == 0);
  raise(SIGUSR2);
  printf("SA_SIGINFO: calls %d, si_signo %s, si_code %s\n", calls,
         seen_signo == SIGUSR2 ? "SIGUSR2" : "other", seen_code == SI_USER ? "SI_USER" : "other");
  CHECK(sigaction(SIGUSR2, NULL, &old) == 0);
  printf("SA_RESETHAND: now %s, flags %d\n", old.sa_handler == SIG_DFL ? "SIG_DFL" : "other", old.sa_flags);

  // A handler from signal() is what sigaction reports, with no flags.
  signal(SIGUSR1, other);
  CHECK(sigaction(SIGUSR1, NULL, &old) == 0);
  printf("after signal(): %s, flags %d\n", old.sa_handler == other ? "other" : "wrong", old.sa_flags);
  act.sa_handler = SIG_IGN;
  act.sa_flags = 0;
  CHECK(sigaction(SIGUSR1, &act, &old) == 0);
  printf("replaced: %s\n", old.sa_handler == other ? "other" : "wrong");
  printf("signal() sees: %s\n", signal(SIGUSR1, SIG_DFL) == SIG_IGN ? "SIG_IGN" : "other");

  // Blocked signals are not held back: raise() has no other time to run the handler.
  act.sa_handler = plain;
  sigaction(SIGINT, &act, NULL);
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigprocmask(SIG_BLOCK, &block, NULL);
  calls = 0;
  raise(SIGINT);
  sigset_t pending;
  sigpending(&pending);
  printf("raise while blocked: calls %d, pending %d\n", calls, sigismember(&pending, SIGINT));

  errno = 0;
  printf("SIGKILL handler: %d %s\n", sigaction(SIGKILL, &act, NULL), errno == EINVAL ? "EINVAL" : "other");
  errno = 0;
  printf("SIGSTOP handler: %d %s\n", sigaction(SIGSTOP, &act, NULL), errno == EINVAL ? "EINVAL" : "other");
  CHECK(sigaction(SIGKILL, NULL, &old) == 0);
  printf("SIGKILL query: %s\n", old.sa_handler == SIG_DFL ? "SIG_DFL" : "other");
  errno = 0;
  printf("signal 0: %d %s\n", sigaction(0, NULL, &old), errno == EINVAL ? "EINVAL" : "other");
  errno = 0;
  printf("signal 65: %d %s\n", sigaction(65, &act, NULL), errno == EINVAL ? "EINVAL" : "other");

  printf("alarm: %u", alarm(5));
  printf(" %u", alarm(0));
  printf(" %u\n", alarm(0));

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures != 0;
}
