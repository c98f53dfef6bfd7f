// Thread attributes: a chosen stack size (a thread with a big stack uses most of it), a
// stack supplied by the caller, created detached, the getters reading back what was set,
// and the values refused (EINVAL) or unsupported (ENOTSUP). Also pthread_atfork, which
// registers its handlers although WASI has no fork to run them.
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sem_t done;

static void *use_stack(void *arg) {
  size_t size = (size_t)arg;
  volatile char big[size];
  memset((char *)big, 1, size);
  long sum = 0;
  for (size_t i = 0; i < size; i += 4096)
    sum += big[i];
  return (void *)sum;
}

static char *stack_seen;

static void *where(void *arg) {
  char here;
  (void)arg;
  stack_seen = &here;
  return NULL;
}

static void *signal_done(void *arg) {
  (void)arg;
  sem_post(&done);
  return NULL;
}

int main(void) {
  pthread_attr_t attr;
  size_t size;
  int state;
  void *result;
  pthread_t t;

  pthread_attr_init(&attr);
  pthread_attr_getdetachstate(&attr, &state);
  printf("default detachstate: %s\n", state == PTHREAD_CREATE_JOINABLE ? "joinable" : "detached");
  printf("stacksize below PTHREAD_STACK_MIN: %s\n", pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN - 1) == EINVAL ? "EINVAL" : "?");
  printf("detachstate 7: %s\n", pthread_attr_setdetachstate(&attr, 7) == EINVAL ? "EINVAL" : "?");
  printf("scope process: %s\n", pthread_attr_setscope(&attr, PTHREAD_SCOPE_PROCESS) == ENOTSUP ? "ENOTSUP" : "?");

  pthread_attr_setstacksize(&attr, 1 << 20);
  pthread_attr_getstacksize(&attr, &size);
  printf("stacksize: %zu\n", size);
  pthread_create(&t, &attr, use_stack, (void *)(size_t)(768 * 1024));
  pthread_join(t, &result);
  printf("768 KiB on a 1 MiB stack: sum %ld\n", (long)result);

  size_t own_size = 64 * 1024;
  char *own = malloc(own_size);
  pthread_attr_setstack(&attr, own, own_size);
  void *addr;
  pthread_attr_getstack(&attr, &addr, &size);
  printf("getstack: %s, %zu\n", addr == own ? "same address" : "other address", size);
  pthread_create(&t, &attr, where, NULL);
  pthread_join(t, NULL);
  printf("thread ran on the given stack: %s\n", stack_seen >= own && stack_seen < own + own_size ? "yes" : "no");
  free(own);
  pthread_attr_destroy(&attr);

  sem_init(&done, 0, 0);
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_getdetachstate(&attr, &state);
  printf("detachstate: %s\n", state == PTHREAD_CREATE_DETACHED ? "detached" : "joinable");
  for (int i = 0; i < 10; i++)
    pthread_create(&t, &attr, signal_done, NULL);
  for (int i = 0; i < 10; i++)
    sem_wait(&done);
  printf("detached threads ran: 10\n");
  pthread_attr_destroy(&attr);
  printf("pthread_atfork: %d\n", pthread_atfork(NULL, NULL, NULL));
  return 0;
}
