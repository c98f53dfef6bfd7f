// Thread-local storage: C11 _Thread_local variables (each thread starts from the initial
// values and changes only its own), errno, and pthread keys, whose destructors run when each
// thread ends, again while they set new values (up to PTHREAD_DESTRUCTOR_ITERATIONS rounds).
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 6

static _Thread_local int counter = 100;
static _Thread_local char name[16] = "initial";
static pthread_key_t key, again_key;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int destroyed[THREADS];
static int again_rounds[THREADS];

static void destroy(void *value) {
  int id = *(int *)value;
  pthread_mutex_lock(&lock);
  destroyed[id]++;
  pthread_mutex_unlock(&lock);
  free(value);
}

// Values of again_key: 1 + id + 100 * round (never null, or there would be no destructor
// call). The destructor sets it anew twice: three rounds in all.
static void *again_value(int id, int round) {
  return (void *)(long)(1 + id + 100 * round);
}

static void destroy_again(void *value) {
  int id = ((int)(long)value - 1) % 100, round = ((int)(long)value - 1) / 100;
  pthread_mutex_lock(&lock);
  again_rounds[id]++;
  pthread_mutex_unlock(&lock);
  if (round < 2)
    pthread_setspecific(again_key, again_value(id, round + 1));
}

static void *work(void *arg) {
  int id = (int)(long)arg, bad = 0;
  if (counter != 100 || strcmp(name, "initial") || pthread_getspecific(key) != NULL)
    bad |= 1;
  snprintf(name, sizeof name, "thread %d", id);
  int *mine = malloc(sizeof *mine);
  *mine = id;
  pthread_setspecific(key, mine);
  pthread_setspecific(again_key, again_value(id, 0));
  for (int i = 0; i < 1000; i++) {
    counter += id;
    errno = id;
    sched_yield();
    if (errno != id)
      bad |= 2;
  }
  char expect[16];
  snprintf(expect, sizeof expect, "thread %d", id);
  if (counter != 100 + 1000 * id || strcmp(name, expect) || pthread_getspecific(key) != mine)
    bad |= 4;
  return (void *)(long)bad;
}

int main(void) {
  pthread_key_create(&key, destroy);
  pthread_key_create(&again_key, destroy_again);
  pthread_setspecific(key, NULL);
  counter = 7;
  pthread_t threads[THREADS];
  for (long i = 0; i < THREADS; i++)
    pthread_create(&threads[i], NULL, work, (void *)i);
  int bad = 0;
  for (int i = 0; i < THREADS; i++) {
    void *result;
    pthread_join(threads[i], &result);
    bad |= (int)(long)result;
  }
  printf("threads isolated: %s (%d)\n", bad ? "no" : "yes", bad);
  printf("main untouched: %s\n", counter == 7 && !strcmp(name, "initial") ? "yes" : "no");
  for (int i = 0; i < THREADS; i++)
    printf("thread %d: destructor %d, rounds %d\n", i, destroyed[i], again_rounds[i]);
  pthread_key_delete(key);
  pthread_key_delete(again_key);
  return 0;
}
