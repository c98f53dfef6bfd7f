// A read-write lock: writers keep two counters equal, readers must never see them differ;
// try-locks report EBUSY against the other kind of holder, and readers can share the lock.
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static long a, b;

static void *writer(void *arg) {
  (void)arg;
  for (int i = 0; i < 3000; i++) {
    pthread_rwlock_wrlock(&lock);
    a++;
    b++;
    pthread_rwlock_unlock(&lock);
  }
  return NULL;
}

static void *reader(void *arg) {
  long torn = 0;
  (void)arg;
  for (int i = 0; i < 3000; i++) {
    pthread_rwlock_rdlock(&lock);
    torn += a != b;
    pthread_rwlock_unlock(&lock);
  }
  return (void *)torn;
}

static const char *name(int e) {
  return e == 0 ? "0" : e == EBUSY ? "EBUSY" : e == EDEADLK ? "EDEADLK" : "?";
}

static void *try_both(void *arg) {
  (void)arg;
  int rd = pthread_rwlock_tryrdlock(&lock);
  if (!rd)
    pthread_rwlock_unlock(&lock);
  int wr = pthread_rwlock_trywrlock(&lock);
  if (!wr)
    pthread_rwlock_unlock(&lock);
  printf("  other thread: tryrdlock %s, trywrlock %s\n", name(rd), name(wr));
  return NULL;
}

static void from_other_thread(void) {
  pthread_t t;
  pthread_create(&t, NULL, try_both, NULL);
  pthread_join(t, NULL);
}

int main(void) {
  pthread_t threads[6];
  for (int i = 0; i < 6; i++)
    pthread_create(&threads[i], NULL, i < 2 ? writer : reader, NULL);
  long torn = 0;
  for (int i = 0; i < 6; i++) {
    void *result;
    pthread_join(threads[i], &result);
    if (i >= 2)
      torn += (long)result;
  }
  printf("writes: %ld %ld, torn reads: %ld\n", a, b, torn);

  printf("read-locked here:\n");
  pthread_rwlock_rdlock(&lock);
  from_other_thread();
  pthread_rwlock_unlock(&lock);
  printf("write-locked here:\n");
  pthread_rwlock_wrlock(&lock);
  from_other_thread();
  pthread_rwlock_unlock(&lock);
  printf("free:\n");
  from_other_thread();
  return 0;
}
