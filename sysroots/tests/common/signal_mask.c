// Signal sets and the signal mask compile and work with no emulation flag: sigemptyset,
// sigfillset, sigaddset, sigdelset and sigismember (EINVAL outside 1..64), sigprocmask and
// pthread_sigmask with SIG_BLOCK, SIG_UNBLOCK and SIG_SETMASK (EINVAL for another how, which
// matters only with a new set), SIGKILL and SIGSTOP never blocked, sigpending always empty.
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

// Linux's numbers; the names need -D_WASI_EMULATED_SIGNAL, which this test does without.
enum { HUP = 1, INT = 2, KILL = 9, USR1 = 10, STOP = 19, LAST = 64 };

static void show(const char *label, const sigset_t *set) {
  printf("%s:", label);
  int any = 0;
  for (int sig = 1; sig <= LAST; sig++)
    if (sigismember(set, sig) == 1) {
      printf(" %d", sig);
      any = 1;
    }
  printf("%s\n", any ? "" : " none");
}

static const char *result(int r) {
  if (r == -1 && errno == EINVAL) return "-1 EINVAL";
  if (r == -1) return "-1 other";
  return r == 0 ? "0" : "1";
}

int main(void) {
#ifdef SIGINT
  puts("signal numbers without the flag");
#endif
  sigset_t set;
  CHECK(sigemptyset(&set) == 0);
  show("empty", &set);
  CHECK(sigaddset(&set, INT) == 0 && sigaddset(&set, LAST) == 0 && sigaddset(&set, 33) == 0);
  show("added", &set);
  CHECK(sigdelset(&set, 33) == 0 && sigdelset(&set, 33) == 0);
  show("deleted", &set);
  sigfillset(&set);
  int count = 0;
  for (int sig = 1; sig <= LAST; sig++) count += sigismember(&set, sig);
  printf("full: %d signals\n", count);

  for (int sig = -1; sig <= 65; sig += 66) {
    errno = 0;
    printf("sigaddset %d: %s\n", sig, result(sigaddset(&set, sig)));
    errno = 0;
    printf("sigdelset %d: %s\n", sig, result(sigdelset(&set, sig)));
    errno = 0;
    printf("sigismember %d: %s\n", sig, result(sigismember(&set, sig)));
  }
  errno = 0;
  printf("sigaddset 0: %s\n", result(sigaddset(&set, 0)));

  sigset_t old, mask;
  sigprocmask(SIG_SETMASK, NULL, &old);
  show("initial mask", &old);

  sigemptyset(&mask);
  sigaddset(&mask, INT);
  sigaddset(&mask, HUP);
  CHECK(sigprocmask(SIG_BLOCK, &mask, &old) == 0);
  show("before block", &old);
  sigprocmask(SIG_BLOCK, NULL, &old);
  show("after block", &old);

  sigemptyset(&mask);
  sigaddset(&mask, HUP);
  sigaddset(&mask, USR1);
  CHECK(sigprocmask(SIG_UNBLOCK, &mask, NULL) == 0);
  sigprocmask(SIG_UNBLOCK, NULL, &old);
  show("after unblock", &old);

  sigfillset(&mask);
  CHECK(sigprocmask(SIG_SETMASK, &mask, &old) == 0);
  show("before setmask", &old);
  sigprocmask(SIG_SETMASK, NULL, &old);
  printf("after setmask all: KILL %d, STOP %d, USR1 %d\n", sigismember(&old, KILL),
         sigismember(&old, STOP), sigismember(&old, USR1));

  // A set that names the mask itself as the old one.
  sigemptyset(&mask);
  sigaddset(&mask, USR1);
  CHECK(sigprocmask(SIG_SETMASK, &mask, &mask) == 0);
  printf("old through the same set: %d signals\n", sigismember(&mask, INT) + sigismember(&mask, LAST));
  sigprocmask(SIG_SETMASK, NULL, &old);
  show("now", &old);

  sigemptyset(&mask);
  sigaddset(&mask, HUP);
  errno = 0;
  printf("sigprocmask how 7: %s\n", result(sigprocmask(7, &mask, NULL)));
  sigprocmask(SIG_SETMASK, NULL, &old);
  show("unchanged", &old);
  errno = 0;
  printf("sigprocmask how 7 without a set: %s\n", result(sigprocmask(7, NULL, &old)));
  printf("pthread_sigmask how -1: %s\n", pthread_sigmask(-1, &mask, NULL) == EINVAL ? "EINVAL" : "other");

  CHECK(pthread_sigmask(SIG_BLOCK, &mask, &old) == 0);
  show("pthread_sigmask old", &old);
  pthread_sigmask(SIG_SETMASK, NULL, &old);
  show("pthread_sigmask now", &old);
  sigprocmask(SIG_SETMASK, NULL, &mask);
  printf("sigprocmask sees it: %s\n", memcmp(&mask, &old, sizeof mask) == 0 ? "yes" : "no");

  sigfillset(&set);
  CHECK(sigpending(&set) == 0);
  show("pending", &set);

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures != 0;
}
