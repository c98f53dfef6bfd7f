// C11 <threads.h>: threads with int results (thrd_exit included), mutexes (plain, recursive,
// timed), condition variables with a timeout, thread-specific storage with a destructor,
// thrd_current/thrd_equal, thrd_detach, thrd_yield and thrd_sleep.
#include <stdio.h>
#include <threads.h>
#include <time.h>

static mtx_t lock, recursive, timed;
static cnd_t changed;
static int stage;
static tss_t slot;
static int destroyed;

static void destroy(void *value) {
  mtx_lock(&lock);
  destroyed += *(int *)value;
  mtx_unlock(&lock);
}

static int worker(void *arg) {
  static _Thread_local int mine;
  mine = *(int *)arg;
  tss_set(slot, &mine);
  mtx_lock(&lock);
  stage++;
  cnd_broadcast(&changed);
  mtx_unlock(&lock);
  if (mine == 3)
    thrd_exit(30);
  return mine * 10;
}

static int sleeper(void *arg) {
  (void)arg;
  struct timespec nap = {0, 20 * 1000000};
  return thrd_sleep(&nap, NULL);
}

int main(void) {
  mtx_init(&lock, mtx_plain);
  mtx_init(&recursive, mtx_plain | mtx_recursive);
  mtx_init(&timed, mtx_timed);
  cnd_init(&changed);
  tss_create(&slot, destroy);

  thrd_t threads[4];
  int ids[4] = {1, 2, 3, 4};
  for (int i = 0; i < 4; i++)
    printf("thrd_create: %s\n", thrd_create(&threads[i], worker, &ids[i]) == thrd_success ? "thrd_success" : "failed");
  mtx_lock(&lock);
  while (stage < 4)
    cnd_wait(&changed, &lock);
  mtx_unlock(&lock);
  for (int i = 0; i < 4; i++) {
    int result;
    thrd_join(threads[i], &result);
    printf("thread %d returned %d\n", ids[i], result);
  }
  printf("tss destructors saw: %d\n", destroyed);

  printf("recursive: %d %d", mtx_lock(&recursive), mtx_lock(&recursive));
  printf(" %d %d\n", mtx_unlock(&recursive), mtx_unlock(&recursive));

  struct timespec deadline;
  timespec_get(&deadline, TIME_UTC);
  deadline.tv_nsec += 30 * 1000000;
  if (deadline.tv_nsec >= 1000000000) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000;
  }
  mtx_lock(&lock);
  printf("cnd_timedwait: %s\n", cnd_timedwait(&changed, &lock, &deadline) == thrd_timedout ? "thrd_timedout" : "?");
  mtx_unlock(&lock);
  printf("mtx_timedlock free: %s\n", mtx_timedlock(&timed, &deadline) == thrd_success ? "thrd_success" : "?");
  printf("mtx_trylock held: %s\n", mtx_trylock(&timed) == thrd_busy ? "thrd_busy" : "?");
  mtx_unlock(&timed);

  thrd_t self = thrd_current();
  printf("thrd_equal(self, self): %s\n", thrd_equal(self, thrd_current()) ? "yes" : "no");
  thrd_t napper;
  thrd_create(&napper, sleeper, NULL);
  int slept;
  thrd_join(napper, &slept);
  printf("thrd_sleep: %d\n", slept);
  thrd_yield();
  thrd_t loose;
  thrd_create(&loose, sleeper, NULL);
  printf("thrd_detach: %s\n", thrd_detach(loose) == thrd_success ? "thrd_success" : "?");
  tss_delete(slot);
  return 0;
}
