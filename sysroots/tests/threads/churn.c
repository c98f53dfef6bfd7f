// 64 threads created and joined, 20 times over; then as many detached ones. Every thread's
// stack and TLS come from malloc and go back to it (at join, or once a detached thread is
// gone), so after the first round the heap does not grow.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

#define THREADS 64
#define ROUNDS 20

static sem_t finished;

static void *square(void *arg) {
  return (void *)((long)arg * (long)arg);
}

static void *detached(void *arg) {
  (void)arg;
  sem_post(&finished);
  return NULL;
}

int main(void) {
  long sum = 0;
  void *heap_after_first = NULL;
  int failures = 0;
  for (int round = 0; round < ROUNDS; round++) {
    pthread_t threads[THREADS];
    for (long i = 0; i < THREADS; i++)
      failures += pthread_create(&threads[i], NULL, square, (void *)i) != 0;
    for (int i = 0; i < THREADS; i++) {
      void *value;
      pthread_join(threads[i], &value);
      sum += (long)value;
    }
    if (round == 0)
      heap_after_first = sbrk(0);
  }
  printf("joined: %d threads, sum %ld, failures %d\n", ROUNDS * THREADS, sum, failures);
  printf("heap after joins: %s\n", sbrk(0) == heap_after_first ? "stable" : "grew");

  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  sem_init(&finished, 0, 0);
  void *heap_after_second = NULL;
  for (int round = 0; round < ROUNDS; round++) {
    for (int i = 0; i < THREADS; i++) {
      pthread_t t;
      failures += pthread_create(&t, &attr, detached, NULL) != 0;
    }
    for (int i = 0; i < THREADS; i++)
      sem_wait(&finished);
    if (round == 1)
      heap_after_second = sbrk(0);
  }
  printf("detached: %d threads, failures %d\n", ROUNDS * THREADS, failures);
  printf("heap after detached: %s\n", sbrk(0) == heap_after_second ? "stable" : "grew");
  return 0;
}
