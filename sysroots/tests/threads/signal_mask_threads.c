// The signal mask is per thread: a thread's change is not seen by another, a new thread starts
// with its creator's mask (as liblzma relies on when it blocks every signal around
// pthread_create), and the creator's mask is its own again afterwards.
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

#include "../common/check.h"

enum { HUP = 1, INT = 2, USR1 = 10, TERM = 15 };

static pthread_barrier_t changed, checked;

static int blocked(int sig) {
  sigset_t now;
  pthread_sigmask(SIG_BLOCK, NULL, &now);
  return sigismember(&now, sig);
}

static void *inherits(void *arg) {
  // Started with every signal blocked, as its creator had them then.
  int mine = blocked(HUP) + blocked(INT) + blocked(USR1) + blocked(TERM);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, TERM);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
  return (void *)(long)(mine * 10 + blocked(TERM));
}

static void *changer(void *arg) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, USR1);
  pthread_sigmask(SIG_SETMASK, &set, NULL);
  pthread_barrier_wait(&changed);   // main looks at its own mask now
  pthread_barrier_wait(&checked);
  return (void *)(long)(blocked(USR1) * 10 + blocked(INT));
}

int main(void) {
  sigset_t set, saved;
  sigemptyset(&set);
  sigaddset(&set, INT);
  pthread_sigmask(SIG_SETMASK, &set, NULL);

  pthread_barrier_init(&changed, NULL, 2);
  pthread_barrier_init(&checked, NULL, 2);
  pthread_t t;
  CHECK(pthread_create(&t, NULL, changer, NULL) == 0);
  pthread_barrier_wait(&changed);
  printf("main after the other's change: INT %d, USR1 %d\n", blocked(INT), blocked(USR1));
  pthread_barrier_wait(&checked);
  void *r;
  pthread_join(t, &r);
  printf("the other: USR1 %ld, INT %ld\n", (long)r / 10, (long)r % 10);

  // liblzma's pattern: block everything, create, put the old mask back.
  sigfillset(&set);
  pthread_sigmask(SIG_SETMASK, &set, &saved);
  pthread_t workers[4];
  for (int i = 0; i < 4; i++) CHECK(pthread_create(&workers[i], NULL, inherits, NULL) == 0);
  pthread_sigmask(SIG_SETMASK, &saved, NULL);
  for (int i = 0; i < 4; i++) {
    pthread_join(workers[i], &r);
    printf("worker %d: started with %ld of 4 blocked, TERM after unblocking %ld\n", i,
           (long)r / 10, (long)r % 10);
  }
  printf("main restored: INT %d, TERM %d\n", blocked(INT), blocked(TERM));

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures != 0;
}
