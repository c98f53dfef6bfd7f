// flags: -mllvm -wasm-enable-sjlj -lsetjmp
// setjmp/longjmp in several threads at once: each thread keeps its error handler in a
// _Thread_local jmp_buf (as an interpreter per thread would) and jumps out of deep calls many
// times while the others do the same; no jump lands in another thread. A thread that
// pthread_exits from inside a setjmp region still ends normally.
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>

#define THREADS 4
#define ROUNDS 2000

static _Thread_local jmp_buf handler;
static _Thread_local int thread_id;
static pthread_barrier_t start;

static void fail_deep(int depth, int value) {
  if (depth == 0) longjmp(handler, value);
  fail_deep(depth - 1, value);
}

static void *worker(void *arg) {
  thread_id = (int)(long)arg;
  pthread_barrier_wait(&start);
  volatile long sum = 0;
  volatile int wrong = 0;
  for (volatile int round = 0; round < ROUNDS; round++) {
    int got = setjmp(handler);
    if (got == 0) {
      fail_deep(round % 16, thread_id * 100000 + round);
    } else {
      if (got != thread_id * 100000 + round) wrong++;
      sum += got - thread_id * 100000;
    }
  }
  long expected = (long)ROUNDS * (ROUNDS - 1) / 2;
  return (void *)(long)(wrong == 0 && sum == expected ? 1 : 0);
}

static void *exits_inside(void *arg) {
  jmp_buf local;
  if (setjmp(local) == 0) pthread_exit(arg);
  return NULL;
}

int main(void) {
  pthread_t threads[THREADS];
  pthread_barrier_init(&start, NULL, THREADS);
  for (long i = 0; i < THREADS; i++) pthread_create(&threads[i], NULL, worker, (void *)(i + 1));
  int good = 0;
  for (int i = 0; i < THREADS; i++) {
    void *result;
    pthread_join(threads[i], &result);
    good += (int)(long)result;
  }
  printf("%d threads, %d jumps each: %d saw only their own jumps\n", THREADS, ROUNDS, good);

  pthread_t t;
  void *result = NULL;
  pthread_create(&t, NULL, exits_inside, (void *)77);
  pthread_join(t, &result);
  printf("pthread_exit inside a setjmp region: %ld\n", (long)result);

  int ok = good == THREADS && result == (void *)77;
  printf("%s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
