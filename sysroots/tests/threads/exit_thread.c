// exit: 3
// exit() from a thread other than the main one ends the whole process, with that status,
// while the main thread is blocked in pthread_join: atexit handlers run and stdout is
// flushed first.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void at_exit(void) {
  printf("atexit handler\n");
}

static void *leave(void *arg) {
  (void)arg;
  printf("thread: exit(3)\n");
  exit(3);
}

int main(void) {
  atexit(at_exit);
  pthread_t t;
  pthread_create(&t, NULL, leave, NULL);
  pthread_join(t, NULL);
  printf("main: not reached\n");
  return 0;
}
