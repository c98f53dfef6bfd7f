// Eight threads add to shared counters, each under its own lock: a default mutex, a recursive
// mutex taken twice at a time, an error-checking mutex, a spinlock and a C11 mutex. No
// increment may be lost.
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

#define THREADS 8
#define ROUNDS 5000

static pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t recursive, checking;
static pthread_spinlock_t spin;
static mtx_t c11;
static long counts[5];

static void *work(void *arg) {
  (void)arg;
  for (int i = 0; i < ROUNDS; i++) {
    pthread_mutex_lock(&plain);
    counts[0]++;
    pthread_mutex_unlock(&plain);

    pthread_mutex_lock(&recursive);
    pthread_mutex_lock(&recursive);
    counts[1]++;
    pthread_mutex_unlock(&recursive);
    pthread_mutex_unlock(&recursive);

    pthread_mutex_lock(&checking);
    counts[2]++;
    pthread_mutex_unlock(&checking);

    pthread_spin_lock(&spin);
    counts[3]++;
    pthread_spin_unlock(&spin);

    mtx_lock(&c11);
    counts[4]++;
    mtx_unlock(&c11);
  }
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&recursive, &attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&checking, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  mtx_init(&c11, mtx_plain);

  pthread_t threads[THREADS];
  for (int i = 0; i < THREADS; i++)
    if (pthread_create(&threads[i], NULL, work, NULL)) {
      printf("pthread_create failed\n");
      return 1;
    }
  for (int i = 0; i < THREADS; i++)
    pthread_join(threads[i], NULL);

  const char *names[] = {"default", "recursive", "errorcheck", "spinlock", "mtx_t"};
  for (int i = 0; i < 5; i++)
    printf("%s: %ld\n", names[i], counts[i]);
  return 0;
}
