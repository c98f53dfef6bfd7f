// POSIX semaphores between threads: a ring buffer guarded by two counting semaphores (free
// and filled slots) and a binary one, with three producers and three consumers; and the
// single calls: sem_trywait on zero (EAGAIN), sem_getvalue, and sem_post waking a waiter.
#include <errno.h>
#include <semaphore.h>
#include <pthread.h>
#include <stdio.h>

#define SLOTS 4
#define EACH 2000

static int ring[SLOTS], put_at, take_at;
static sem_t free_slots, filled, guard;

static void *produce(void *arg) {
  for (int i = 0; i < EACH; i++) {
    sem_wait(&free_slots);
    sem_wait(&guard);
    ring[put_at++ % SLOTS] = (int)(long)arg * EACH + i;
    sem_post(&guard);
    sem_post(&filled);
  }
  return NULL;
}

static void *consume(void *arg) {
  long sum = 0;
  (void)arg;
  for (int i = 0; i < EACH; i++) {
    sem_wait(&filled);
    sem_wait(&guard);
    sum += ring[take_at++ % SLOTS];
    sem_post(&guard);
    sem_post(&free_slots);
  }
  return (void *)sum;
}

static sem_t wake;

static void *waiter(void *arg) {
  (void)arg;
  return (void *)(long)sem_wait(&wake);
}

int main(void) {
  sem_init(&free_slots, 0, SLOTS);
  sem_init(&filled, 0, 0);
  sem_init(&guard, 0, 1);
  pthread_t producers[3], consumers[3];
  for (long i = 0; i < 3; i++) {
    pthread_create(&producers[i], NULL, produce, (void *)i);
    pthread_create(&consumers[i], NULL, consume, NULL);
  }
  long sum = 0;
  for (int i = 0; i < 3; i++) {
    void *part;
    pthread_join(producers[i], NULL);
    pthread_join(consumers[i], &part);
    sum += (long)part;
  }
  long n = 3 * EACH;
  printf("ring: %s\n", sum == n * (n - 1) / 2 ? "every item once" : "items lost or doubled");

  int value;
  sem_getvalue(&free_slots, &value);
  printf("free slots left: %d\n", value);
  int r = sem_trywait(&filled);
  printf("sem_trywait on 0: %d, %s\n", r, errno == EAGAIN ? "EAGAIN" : "?");

  sem_init(&wake, 0, 0);
  pthread_t t;
  void *result;
  pthread_create(&t, NULL, waiter, NULL);
  sem_post(&wake);
  pthread_join(t, &result);
  printf("woken waiter: sem_wait returned %ld\n", (long)result);
  sem_getvalue(&wake, &value);
  printf("value after: %d\n", value);
  printf("sem_destroy: %d\n", sem_destroy(&wake));
  return 0;
}
