// The error returns of the mutex kinds: relocking an error-checking mutex (EDEADLK),
// unlocking one not held or held by another thread (EPERM), trylock on a held mutex (EBUSY),
// recursive locking and its count; and a robust mutex whose owner ended while holding it
// (EOWNERDEAD, then consistent again).
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t checking, recursive, robust;
static pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;
static sem_t locked, release;

static const char *name(int error) {
  switch (error) {
  case 0: return "0";
  case EDEADLK: return "EDEADLK";
  case EPERM: return "EPERM";
  case EBUSY: return "EBUSY";
  case EINVAL: return "EINVAL";
  case EOWNERDEAD: return "EOWNERDEAD";
  case ENOTRECOVERABLE: return "ENOTRECOVERABLE";
  default: return strerror(error);
  }
}

#define SHOW(call) printf("%-45s %s\n", #call, name(call))

// Holds the given mutex until released.
static void *hold(void *m) {
  pthread_mutex_lock(m);
  sem_post(&locked);
  sem_wait(&release);
  pthread_mutex_unlock(m);
  return NULL;
}

static void *try_from_other(void *m) {
  return (void *)(long)pthread_mutex_trylock(m);
}

static void *unlock_from_other(void *m) {
  return (void *)(long)pthread_mutex_unlock(m);
}

static void *die_holding(void *m) {
  pthread_mutex_lock(m);
  return NULL;
}

static int in_thread(void *(*f)(void *), void *arg) {
  pthread_t t;
  void *result;
  pthread_create(&t, NULL, f, arg);
  pthread_join(t, &result);
  return (int)(long)result;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  SHOW(pthread_mutexattr_settype(&attr, 42));
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&checking, &attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&recursive, &attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_NORMAL);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&robust, &attr);
  pthread_mutexattr_destroy(&attr);
  sem_init(&locked, 0, 0);
  sem_init(&release, 0, 0);

  printf("-- errorcheck\n");
  SHOW(pthread_mutex_unlock(&checking));
  SHOW(pthread_mutex_lock(&checking));
  SHOW(pthread_mutex_lock(&checking));
  SHOW(pthread_mutex_trylock(&checking));
  printf("%-45s %s\n", "unlock from another thread", name(in_thread(unlock_from_other, &checking)));
  SHOW(pthread_mutex_unlock(&checking));
  SHOW(pthread_mutex_unlock(&checking));

  printf("-- recursive\n");
  SHOW(pthread_mutex_lock(&recursive));
  SHOW(pthread_mutex_lock(&recursive));
  SHOW(pthread_mutex_trylock(&recursive));
  printf("%-45s %s\n", "trylock from another thread", name(in_thread(try_from_other, &recursive)));
  SHOW(pthread_mutex_unlock(&recursive));
  SHOW(pthread_mutex_unlock(&recursive));
  SHOW(pthread_mutex_unlock(&recursive));
  SHOW(pthread_mutex_unlock(&recursive));
  printf("%-45s %s\n", "trylock from another thread", name(in_thread(try_from_other, &recursive)));

  printf("-- default\n");
  pthread_t holder;
  pthread_create(&holder, NULL, hold, &plain);
  sem_wait(&locked);
  SHOW(pthread_mutex_trylock(&plain));
  sem_post(&release);
  pthread_join(holder, NULL);
  SHOW(pthread_mutex_trylock(&plain));
  SHOW(pthread_mutex_unlock(&plain));
  SHOW(pthread_mutex_destroy(&plain));

  printf("-- robust\n");
  in_thread(die_holding, &robust);
  SHOW(pthread_mutex_lock(&robust));
  SHOW(pthread_mutex_consistent(&robust));
  SHOW(pthread_mutex_unlock(&robust));
  SHOW(pthread_mutex_lock(&robust));
  SHOW(pthread_mutex_unlock(&robust));
  return 0;
}
