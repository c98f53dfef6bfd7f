// The main thread calls pthread_exit while two threads still work: the process lives on until
// the last of them ends, then exits with status 0, running atexit handlers and flushing
// stdout. Joining the main thread from another one returns its pthread_exit value.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static pthread_t main_thread, first;

static void at_exit(void) {
  printf("atexit handler\n");
}

static void *first_work(void *arg) {
  (void)arg;
  void *value;
  int error = pthread_join(main_thread, &value);
  printf("first: joined main: %d, value %ld\n", error, (long)value);
  struct timespec nap = {0, 50 * 1000000};
  nanosleep(&nap, NULL);
  printf("first: done\n");
  return NULL;
}

static void *second_work(void *arg) {
  (void)arg;
  pthread_join(first, NULL);
  printf("second: done\n");
  return NULL;
}

int main(void) {
  atexit(at_exit);
  main_thread = pthread_self();
  pthread_t second;
  pthread_create(&first, NULL, first_work, NULL);
  pthread_create(&second, NULL, second_work, NULL);
  printf("main: pthread_exit\n");
  pthread_exit((void *)42);
}
