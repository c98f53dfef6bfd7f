// sleep, usleep, nanosleep, thrd_sleep and sched_yield in threads: each sleeps at least as
// long as asked, and sleepers do not hold each other up: four 150 ms naps started together
// all overlap.
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

static pthread_barrier_t together;
static long started[4], ended[4];

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void *nap(void *arg) {
  long id = (long)arg;
  int r = 0;
  pthread_barrier_wait(&together);
  started[id] = now_ms();
  switch (id) {
  case 0: {
    struct timespec t = {0, 150 * 1000000};
    r = nanosleep(&t, NULL);
    break;
  }
  case 1:
    r = usleep(150 * 1000);
    break;
  case 2: {
    struct timespec t = {0, 150 * 1000000};
    r = thrd_sleep(&t, NULL);
    break;
  }
  default:
    for (int i = 0; i < 1000; i++)
      r |= sched_yield();
    r |= usleep(150 * 1000);
  }
  ended[id] = now_ms();
  return (void *)(long)(r == 0 && ended[id] - started[id] >= 150);
}

int main(void) {
  pthread_barrier_init(&together, NULL, 4);
  pthread_t threads[4];
  for (long i = 0; i < 4; i++)
    pthread_create(&threads[i], NULL, nap, (void *)i);
  const char *how[] = {"nanosleep", "usleep", "thrd_sleep", "sched_yield + usleep"};
  long last_start = 0, first_end = -1;
  for (int i = 0; i < 4; i++) {
    void *ok;
    pthread_join(threads[i], &ok);
    printf("%s: %s\n", how[i], ok ? "slept long enough" : "failed or woke early");
    if (started[i] > last_start)
      last_start = started[i];
    if (first_end < 0 || ended[i] < first_end)
      first_end = ended[i];
  }
  printf("the four naps %s\n", last_start < first_end ? "overlapped" : "did not overlap");
  long before = now_ms();
  unsigned left = sleep(1);
  printf("sleep(1): %u left, %s\n", left, now_ms() - before >= 1000 ? "slept long enough" : "woke early");
  return 0;
}
