// pthread_join hands back what each thread returned or passed to pthread_exit, from however
// deep; cleanup handlers still pushed run at pthread_exit, innermost first. Also
// pthread_self/pthread_equal, and joining oneself (EDEADLK) or a detached thread (EINVAL).
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char trail[64];
static char trails[8][64];
static pthread_t seen[8];
static sem_t release;

static void note(void *text) {
  strcat(trail, text);
}

static void save(void *id) {
  strcpy(trails[(long)id], trail);
}

static void *returns(void *arg) {
  seen[(long)arg] = pthread_self();
  return (void *)((long)arg * 11);
}

static void deep(int depth, long value) {
  if (depth == 0)
    pthread_exit((void *)value);
  deep(depth - 1, value);
}

static void *exits(void *arg) {
  seen[(long)arg] = pthread_self();
  pthread_cleanup_push(save, arg);
  pthread_cleanup_push(note, "outer");
  pthread_cleanup_push(note, "inner ");
  pthread_cleanup_pop(1);
  pthread_cleanup_push(note, "second ");
  deep(20, (long)arg * 11);
  pthread_cleanup_pop(0);
  pthread_cleanup_pop(0);
  pthread_cleanup_pop(0);
  return NULL;
}

static void *waits(void *arg) {
  sem_wait(&release);
  return arg;
}

int main(void) {
  pthread_t threads[8];
  for (long i = 0; i < 8; i++)
    pthread_create(&threads[i], NULL, i % 2 ? exits : returns, (void *)i);
  for (int i = 0; i < 8; i++) {
    void *value;
    int error = pthread_join(threads[i], &value);
    printf("thread %d: join %d, value %ld, self %s, cleanup \"%s\"\n", i, error, (long)value,
           pthread_equal(seen[i], threads[i]) ? "matches" : "differs", trails[i]);
  }
  printf("main is not a thread it made: %s\n", pthread_equal(pthread_self(), threads[0]) ? "no" : "yes");
  printf("join self: %s\n", pthread_join(pthread_self(), NULL) == EDEADLK ? "EDEADLK" : "?");

  sem_init(&release, 0, 0);
  pthread_t detached;
  pthread_create(&detached, NULL, waits, NULL);
  printf("detach: %d\n", pthread_detach(detached));
  printf("join detached: %s\n", pthread_join(detached, NULL) == EINVAL ? "EINVAL" : "?");
  sem_post(&release);
  return 0;
}
