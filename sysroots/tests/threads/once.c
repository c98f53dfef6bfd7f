// pthread_once and C11 call_once run their function exactly once however many threads race
// to it, and every caller returns only after it has finished.
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <threads.h>

#define THREADS 12

static pthread_once_t once = PTHREAD_ONCE_INIT;
static once_flag flag = ONCE_FLAG_INIT;
static pthread_barrier_t start;
static int runs, c11_runs, ready;

static void init(void) {
  runs++;
  for (int i = 0; i < 100; i++)
    sched_yield();
  ready = 1;
}

static void c11_init(void) {
  c11_runs++;
}

static void *race(void *arg) {
  (void)arg;
  pthread_barrier_wait(&start);
  pthread_once(&once, init);
  call_once(&flag, c11_init);
  return (void *)(long)ready;
}

int main(void) {
  pthread_barrier_init(&start, NULL, THREADS);
  pthread_t threads[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&threads[i], NULL, race, NULL);
  int saw_ready = 0;
  for (int i = 0; i < THREADS; i++) {
    void *result;
    pthread_join(threads[i], &result);
    saw_ready += (int)(long)result;
  }
  pthread_once(&once, init);
  printf("pthread_once: ran %d time(s), %d of %d callers saw it done\n", runs, saw_ready, THREADS);
  printf("call_once: ran %d time(s)\n", c11_runs);
  return 0;
}
