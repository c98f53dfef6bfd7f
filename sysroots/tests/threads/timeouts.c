// Timed waits that cannot succeed end with ETIMEDOUT, no earlier than their deadline:
// pthread_mutex_timedlock, pthread_cond_timedwait on CLOCK_REALTIME and, set with
// pthread_condattr_setclock, on CLOCK_MONOTONIC, sem_timedwait, the rwlock timed locks and
// pthread_timedjoin_np. Deadlines already past, and invalid ones (EINVAL), return at once.
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t mine = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static sem_t locked, release;

static const char *name(int error) {
  switch (error) {
  case 0: return "0";
  case ETIMEDOUT: return "ETIMEDOUT";
  case EINVAL: return "EINVAL";
  default: return strerror(error);
  }
}

static struct timespec in_ms(clockid_t clock, long ms) {
  struct timespec t;
  clock_gettime(clock, &t);
  t.tv_nsec += ms % 1000 * 1000000;
  t.tv_sec += ms / 1000 + t.tv_nsec / 1000000000;
  t.tv_nsec %= 1000000000;
  return t;
}

static long since_ms(const struct timespec *start) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

// Runs a timed call with a deadline 40 ms away; reports the result and whether it waited.
#define TIMED(clock, call)                                                   \
  do {                                                                       \
    struct timespec start, deadline = in_ms(clock, 40);                      \
    clock_gettime(CLOCK_MONOTONIC, &start);                                  \
    int error = (call);                                                      \
    printf("%-30s %s, %s\n", #call, name(error),                             \
           since_ms(&start) >= 39 ? "waited" : "returned early");            \
  } while (0)

static void *hold(void *arg) {
  (void)arg;
  pthread_mutex_lock(&held);
  pthread_rwlock_wrlock(&rw);
  sem_post(&locked);
  sem_wait(&release);
  pthread_rwlock_unlock(&rw);
  pthread_mutex_unlock(&held);
  return NULL;
}

int main(void) {
  sem_init(&locked, 0, 0);
  sem_init(&release, 0, 0);
  pthread_t holder;
  pthread_create(&holder, NULL, hold, NULL);
  sem_wait(&locked);

  pthread_cond_t realtime = PTHREAD_COND_INITIALIZER, monotonic;
  pthread_condattr_t attr;
  clockid_t clock;
  pthread_condattr_init(&attr);
  printf("setclock(CPU time): %s\n", name(pthread_condattr_setclock(&attr, CLOCK_PROCESS_CPUTIME_ID)));
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_condattr_getclock(&attr, &clock);
  printf("getclock: %s\n", clock == CLOCK_MONOTONIC ? "CLOCK_MONOTONIC" : "other");
  pthread_cond_init(&monotonic, &attr);
  pthread_condattr_destroy(&attr);

  TIMED(CLOCK_REALTIME, pthread_mutex_timedlock(&held, &deadline));
  pthread_mutex_lock(&mine);
  TIMED(CLOCK_REALTIME, pthread_cond_timedwait(&realtime, &mine, &deadline));
  TIMED(CLOCK_MONOTONIC, pthread_cond_timedwait(&monotonic, &mine, &deadline));
  pthread_mutex_unlock(&mine);
  sem_t empty;
  sem_init(&empty, 0, 0);
  TIMED(CLOCK_REALTIME, sem_timedwait(&empty, &deadline) ? errno : 0);
  TIMED(CLOCK_REALTIME, pthread_rwlock_timedrdlock(&rw, &deadline));
  TIMED(CLOCK_REALTIME, pthread_rwlock_timedwrlock(&rw, &deadline));
  TIMED(CLOCK_REALTIME, pthread_timedjoin_np(holder, NULL, &deadline));

  struct timespec past = in_ms(CLOCK_REALTIME, -1000), invalid = past;
  invalid.tv_nsec = 1000000000;
  printf("timedlock, deadline past: %s\n", name(pthread_mutex_timedlock(&held, &past)));
  printf("timedlock, tv_nsec 1e9: %s\n", name(pthread_mutex_timedlock(&held, &invalid)));
  pthread_mutex_lock(&mine);
  printf("cond_timedwait, tv_nsec 1e9: %s\n", name(pthread_cond_timedwait(&realtime, &mine, &invalid)));
  pthread_mutex_unlock(&mine);

  sem_post(&release);
  pthread_join(holder, NULL);
  return 0;
}
