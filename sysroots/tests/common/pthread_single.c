// triples: wasm32-wasip1 wasm32-wasip2
// <pthread.h> on a single-threaded triple works as it does with one thread: mutexes of every
// type (with recursive and errorcheck semantics), rwlocks, condition variables and semaphores
// (timed waits return ETIMEDOUT once the time has passed), spinlocks, barriers, once, keys
// (destructors run at pthread_exit), thread-local data and C11 <threads.h>. Creating a thread
// fails with EAGAIN.
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>
#include <time.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static const char *name(int e) {
  switch (e) {
    case 0: return "0";
    case EBUSY: return "EBUSY";
    case EDEADLK: return "EDEADLK";
    case EPERM: return "EPERM";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EAGAIN: return "EAGAIN";
    case EINVAL: return "EINVAL";
    default: return strerror(e);
  }
}

static long long now_ns(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

// A timed wait promises only that the clock has reached the deadline when it times out (POSIX),
// not that a full interval has passed since a later reading.
static int reached(clockid_t c, const struct timespec *deadline) {
  return now_ns(c) >= deadline->tv_sec * 1000000000LL + deadline->tv_nsec;
}

static struct timespec in_ms(clockid_t c, int ms) {
  long long n = now_ns(c) + ms * 1000000LL;
  struct timespec t = { .tv_sec = n / 1000000000, .tv_nsec = n % 1000000000 };
  return t;
}

#define SHOW(what, call) printf("%s: %s\n", what, name(call))

static pthread_mutex_t static_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t static_rwlock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_cond_t static_cond = PTHREAD_COND_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static _Thread_local int tls_value = 7;
static pthread_key_t key;

static void run_once(void) { once_runs++; }
static void destructor(void *v) { printf("key destructor: %s\n", (char *)v); }
static void *start(void *arg) { return arg; }
static int c11_start(void *arg) { return 0; }

static void mutex_kind(const char *label, int type) {
  pthread_mutexattr_t a;
  pthread_mutex_t m;
  CHECK(pthread_mutexattr_init(&a) == 0);
  CHECK(pthread_mutexattr_settype(&a, type) == 0);
  CHECK(pthread_mutex_init(&m, &a) == 0);
  printf("%s mutex\n", label);
  SHOW("  unlock unlocked", pthread_mutex_unlock(&m));
  SHOW("  lock", pthread_mutex_lock(&m));
  SHOW("  trylock", pthread_mutex_trylock(&m));
  if (type != PTHREAD_MUTEX_NORMAL) SHOW("  lock again", pthread_mutex_lock(&m));
  struct timespec t = in_ms(CLOCK_REALTIME, 20);
  int r = pthread_mutex_timedlock(&m, &t);
  printf("  timedlock 20 ms: %s%s\n", name(r),
         r == ETIMEDOUT ? (reached(CLOCK_REALTIME, &t) ? " after the time" : " too early") : "");
  SHOW("  unlock", pthread_mutex_unlock(&m));
  SHOW("  unlock", pthread_mutex_unlock(&m));
  SHOW("  unlock", pthread_mutex_unlock(&m));
  SHOW("  unlock", pthread_mutex_unlock(&m));
  CHECK(pthread_mutex_destroy(&m) == 0);
  CHECK(pthread_mutexattr_destroy(&a) == 0);
}

int main(void) {
  mutex_kind("normal", PTHREAD_MUTEX_NORMAL);
  mutex_kind("recursive", PTHREAD_MUTEX_RECURSIVE);
  mutex_kind("errorcheck", PTHREAD_MUTEX_ERRORCHECK);
  SHOW("static mutex lock", pthread_mutex_lock(&static_mutex));
  SHOW("static mutex unlock", pthread_mutex_unlock(&static_mutex));

  SHOW("rdlock", pthread_rwlock_rdlock(&static_rwlock));
  SHOW("rdlock", pthread_rwlock_rdlock(&static_rwlock));
  SHOW("trywrlock", pthread_rwlock_trywrlock(&static_rwlock));
  SHOW("unlock", pthread_rwlock_unlock(&static_rwlock));
  SHOW("unlock", pthread_rwlock_unlock(&static_rwlock));
  SHOW("wrlock", pthread_rwlock_wrlock(&static_rwlock));
  SHOW("tryrdlock", pthread_rwlock_tryrdlock(&static_rwlock));
  struct timespec t = in_ms(CLOCK_REALTIME, 20);
  SHOW("timedrdlock 20 ms", pthread_rwlock_timedrdlock(&static_rwlock, &t));
  SHOW("unlock", pthread_rwlock_unlock(&static_rwlock));

  // Condition variables: the wait gives the mutex back locked.
  SHOW("cond signal", pthread_cond_signal(&static_cond));
  SHOW("cond broadcast", pthread_cond_broadcast(&static_cond));
  CHECK(pthread_mutex_lock(&static_mutex) == 0);
  t = in_ms(CLOCK_REALTIME, 30);
  int r = pthread_cond_timedwait(&static_cond, &static_mutex, &t);
  printf("cond timedwait 30 ms realtime: %s, after the time: %s, mutex held: %s\n", name(r),
         reached(CLOCK_REALTIME, &t) ? "yes" : "no",
         pthread_mutex_trylock(&static_mutex) == EBUSY ? "yes" : "no");
  pthread_condattr_t ca;
  pthread_cond_t mono;
  CHECK(pthread_condattr_init(&ca) == 0);
  CHECK(pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0);
  CHECK(pthread_cond_init(&mono, &ca) == 0);
  t = in_ms(CLOCK_MONOTONIC, 30);
  r = pthread_cond_timedwait(&mono, &static_mutex, &t);
  printf("cond timedwait 30 ms monotonic: %s, after the time: %s\n", name(r),
         reached(CLOCK_MONOTONIC, &t) ? "yes" : "no");
  CHECK(pthread_mutex_unlock(&static_mutex) == 0);
  CHECK(pthread_cond_destroy(&mono) == 0);

  sem_t s;
  CHECK(sem_init(&s, 0, 1) == 0);
  SHOW("sem_wait", sem_wait(&s) == 0 ? 0 : errno);
  SHOW("sem_trywait", sem_trywait(&s) == 0 ? 0 : errno);
  t = in_ms(CLOCK_REALTIME, 20);
  SHOW("sem_timedwait 20 ms", sem_timedwait(&s, &t) == 0 ? 0 : errno);
  int v = -1;
  CHECK(sem_post(&s) == 0 && sem_getvalue(&s, &v) == 0);
  printf("sem value after post: %d\n", v);

  pthread_spinlock_t spin;
  CHECK(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE) == 0);
  SHOW("spin lock", pthread_spin_lock(&spin));
  SHOW("spin trylock", pthread_spin_trylock(&spin));
  SHOW("spin unlock", pthread_spin_unlock(&spin));
  pthread_barrier_t b;
  CHECK(pthread_barrier_init(&b, NULL, 1) == 0);
  printf("barrier of 1: %s\n", pthread_barrier_wait(&b) == PTHREAD_BARRIER_SERIAL_THREAD ? "serial thread" : "other");

  pthread_once(&once, run_once);
  pthread_once(&once, run_once);
  printf("once ran %d time(s)\n", once_runs);
  printf("thread-local value: %d\n", tls_value);

  pthread_t self = pthread_self(), other;
  printf("pthread_equal(self, self): %d\n", pthread_equal(self, pthread_self()) != 0);
  SHOW("pthread_create", pthread_create(&other, NULL, start, NULL));
  thrd_t c11;
  printf("thrd_create: %s\n", thrd_create(&c11, c11_start, NULL) == thrd_nomem ? "thrd_nomem" : "other");
  SHOW("pthread_join self", pthread_join(self, NULL));

  mtx_t cm;
  cnd_t cc;
  CHECK(mtx_init(&cm, mtx_plain) == thrd_success && cnd_init(&cc) == thrd_success);
  CHECK(mtx_lock(&cm) == thrd_success);
  printf("mtx_trylock: %s\n", mtx_trylock(&cm) == thrd_busy ? "thrd_busy" : "other");
  t = in_ms(CLOCK_REALTIME, 20);
  printf("cnd_timedwait 20 ms: %s\n", cnd_timedwait(&cc, &cm, &t) == thrd_timedout ? "thrd_timedout" : "other");
  CHECK(mtx_unlock(&cm) == thrd_success);

  CHECK(pthread_key_create(&key, destructor) == 0);
  CHECK(pthread_getspecific(key) == NULL);
  CHECK(pthread_setspecific(key, "main's value") == 0);
  printf("getspecific: %s\n", (char *)pthread_getspecific(key));
  printf("%s\n", failures ? "FAILED" : "ok");
  fflush(stdout);
  // The last thread ending ends the process with status 0, after the key destructors.
  pthread_exit(NULL);
}
