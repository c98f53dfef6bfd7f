// args: 4
// Creates argv[1] threads that stay alive until released, stopping at the first failure; the
// host of this suite refuses nothing. spawn-refused.test.ts runs this program on hosts that
// refuse every spawn, or all past two threads: pthread_create must then fail with EAGAIN,
// thrd_create with thrd_nomem, and failing must leak nothing.
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <unistd.h>

static sem_t go;

static void *wait_for_go(void *arg) {
  sem_wait(&go);
  return arg;
}

static int seven(void *arg) {
  (void)arg;
  return 7;
}

int main(int argc, char **argv) {
  int want = atoi(argv[1]);
  pthread_t threads[16];
  int made = 0, error = 0;
  sem_init(&go, 0, 0);
  while (made < want && !(error = pthread_create(&threads[made], NULL, wait_for_go, NULL)))
    made++;
  if (made == want)
    printf("created %d of %d\n", made, want);
  else
    printf("created %d of %d: %s\n", made, want, error == EAGAIN ? "EAGAIN" : strerror(error));
  for (int i = 0; i < made; i++)
    sem_post(&go);
  for (int i = 0; i < made; i++)
    pthread_join(threads[i], NULL);

  // With some threads refused and others not, whether one more is refused depends on how
  // soon the host sees the joined ones end: stop here.
  if (made != want && made != 0)
    return 0;

  thrd_t c11;
  int result = 0;
  switch (thrd_create(&c11, seven, NULL)) {
  case thrd_success:
    thrd_join(c11, &result);
    printf("thrd_create: ok %d\n", result);
    break;
  case thrd_nomem:
    printf("thrd_create: thrd_nomem\n");
    break;
  default:
    printf("thrd_create: error\n");
  }

  if (made == 0) {
    void *heap = sbrk(0);
    int refused = 0;
    for (int i = 0; i < 1000; i++) {
      pthread_t t;
      refused += pthread_create(&t, NULL, wait_for_go, NULL) == EAGAIN;
    }
    printf("refused %d more, heap %s\n", refused, sbrk(0) == heap ? "unchanged" : "grew");
  }
  return 0;
}
