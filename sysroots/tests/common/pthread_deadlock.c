// triples: wasm32-wasip1
// exit: 134
// With one thread, a wait nobody can end (here: relocking a normal mutex, which hangs forever
// on Linux) stops the program with a message on stderr and abort's status instead.
#include <pthread.h>
#include <stdio.h>

int main(void) {
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&m);
  printf("locking a second time\n");
  fflush(stdout);
  pthread_mutex_lock(&m);
  printf("not reached\n");
  return 0;
}
