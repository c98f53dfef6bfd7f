// flags: -D_WASI_EMULATED_PROCESS_CLOCKS -lwasi-emulated-process-clocks
// times() reports the process's user time and 0 for its children (it has none); clock() is
// the same user time, and counts up.
#include <stdio.h>
#include <sys/times.h>
#include <time.h>

int main(void) {
  volatile unsigned long spin = 0;
  for (unsigned long i = 0; i < 3000000; i++) spin += i;
  struct tms t;
  clock_t r = times(&t);
  printf("times returned a time: %s\n", r != (clock_t)-1 ? "yes" : "no");
  printf("user time counted: %s\n", t.tms_utime > 0 ? "yes" : "no");
  printf("children's user time: %lld, system time: %lld\n", (long long)t.tms_cutime, (long long)t.tms_cstime);
  clock_t a = clock(), b = clock();
  printf("clock counts up: %s\n", a > 0 && b >= a ? "yes" : "no");
  return 0;
}
