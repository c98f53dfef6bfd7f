// clock_nanosleep: an absolute deadline (TIMER_ABSTIME) on the monotonic and realtime clocks
// is slept until, not for (node:wasi took it as relative, so this hung); a deadline in the past
// returns at once; a relative sleep lasts at least its time; bad arguments are EINVAL.
#include <errno.h>
#include <stdio.h>
#include <time.h>


static long long ns(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static struct timespec at(long long n) {
  struct timespec t = { .tv_sec = n / 1000000000, .tv_nsec = n % 1000000000 };
  return t;
}

int main(void) {
  clockid_t clocks[] = { CLOCK_MONOTONIC, CLOCK_REALTIME };
  const char *names[] = { "monotonic", "realtime" };
  for (int i = 0; i < 2; i++) {
    long long start = ns(clocks[i]);
    struct timespec deadline = at(start + 30000000);
    int r = clock_nanosleep(clocks[i], TIMER_ABSTIME, &deadline, NULL);
    long long end = ns(clocks[i]);
    printf("%s absolute 30 ms: %d, reached the deadline: %s\n", names[i], r,
           end >= start + 30000000 ? "yes" : "no");
    deadline = at(start - 1000000000LL);
    printf("%s absolute in the past: %d\n", names[i], clock_nanosleep(clocks[i], TIMER_ABSTIME, &deadline, NULL));
  }
  long long start = ns(CLOCK_MONOTONIC);
  struct timespec rel = { 0, 20000000 };
  int r = clock_nanosleep(CLOCK_MONOTONIC, 0, &rel, NULL);
  printf("relative 20 ms: %d, lasted at least that: %s\n", r,
         ns(CLOCK_MONOTONIC) - start >= 20000000 ? "yes" : "no");
  struct timespec bad = { 0, 1000000000 };
  printf("tv_nsec 1e9: %s\n", clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL) == EINVAL ? "EINVAL" : "other");
  printf("flags 2: %s\n", clock_nanosleep(CLOCK_MONOTONIC, 2, &rel, NULL) == EINVAL ? "EINVAL" : "other");
  return 0;
}
