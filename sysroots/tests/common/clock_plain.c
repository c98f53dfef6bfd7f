// clock() without -D_WASI_EMULATED_PROCESS_CLOCKS or its library (it used to be declared
// deprecated, which -Werror refused, and was not in libc): the time since the program started.
#include <stdio.h>
#include <time.h>

int main(void) {
  clock_t a = clock();
  struct timespec pause = { 0, 5000000 };
  nanosleep(&pause, NULL);
  clock_t b = clock();
  printf("clock counts up: %s\n", a >= 0 && b > a ? "yes" : "no");
  printf("CLOCKS_PER_SEC: %lld\n", (long long)CLOCKS_PER_SEC);
  return 0;
}
