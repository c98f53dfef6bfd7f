// Six threads go through 60 phases separated by a barrier: after each, every thread sees
// every other's write of that phase, and exactly one of them is told it is the serial
// thread. pthread_barrier_init refuses a count of 0.
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

#define THREADS 6
#define PHASES 60

static pthread_barrier_t barrier;
static int slots[THREADS];
static int serial[PHASES];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *work(void *arg) {
  int id = (int)(long)arg;
  long stale = 0;
  for (int phase = 1; phase <= PHASES; phase++) {
    slots[id] = phase;
    if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) {
      pthread_mutex_lock(&lock);
      serial[phase - 1]++;
      pthread_mutex_unlock(&lock);
    }
    for (int i = 0; i < THREADS; i++)
      stale += slots[i] != phase;
    // Nobody may start the next phase's write before everyone has checked this one.
    pthread_barrier_wait(&barrier);
  }
  return (void *)stale;
}

int main(void) {
  pthread_barrier_t none;
  printf("count 0: %s\n", pthread_barrier_init(&none, NULL, 0) == EINVAL ? "EINVAL" : "?");
  pthread_barrier_init(&barrier, NULL, THREADS);
  pthread_t threads[THREADS];
  for (long i = 0; i < THREADS; i++)
    pthread_create(&threads[i], NULL, work, (void *)i);
  long stale = 0;
  for (int i = 0; i < THREADS; i++) {
    void *result;
    pthread_join(threads[i], &result);
    stale += (long)result;
  }
  int one_serial = 0;
  for (int p = 0; p < PHASES; p++)
    one_serial += serial[p] == 1;
  printf("phases with one serial thread: %d of %d\n", one_serial, PHASES);
  printf("stale reads: %ld\n", stale);
  printf("destroy: %d\n", pthread_barrier_destroy(&barrier));
  return 0;
}
