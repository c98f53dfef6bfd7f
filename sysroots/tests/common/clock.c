// clock_gettime with CLOCK_REALTIME and CLOCK_MONOTONIC, clock_getres, time() and
// gettimeofday. Only properties are printed, never the times themselves.
#include <stdint.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "check.h"

static int64_t ns(struct timespec t) { return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec; }

static const char *yes(int b) { return b ? "yes" : "no"; }

int main(void) {
  const time_t y2020 = 1577836800;  // 2020-01-01T00:00:00Z
  const time_t y2200 = 7258118400;  // 2200-01-01T00:00:00Z

  struct timespec rt = {0, -1};
  int r = clock_gettime(CLOCK_REALTIME, &rt);
  int plausible = rt.tv_sec > y2020 && rt.tv_sec < y2200;
  int nsec_ok = rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000;
  printf("CLOCK_REALTIME: returns %d, after 2020 and before 2200: %s, tv_nsec in range: %s\n", r,
         yes(plausible), yes(nsec_ok));
  CHECK(r == 0 && plausible && nsec_ok);

  // time() and gettimeofday() agree with CLOCK_REALTIME to within a few seconds
  time_t t = time(NULL);
  time_t t2 = 0;
  time(&t2);
  struct timeval tv;
  int g = gettimeofday(&tv, NULL);
  int agree = t >= rt.tv_sec && t - rt.tv_sec < 5 && t2 >= t && g == 0 && tv.tv_sec >= t &&
              tv.tv_sec - t < 5 && tv.tv_usec >= 0 && tv.tv_usec < 1000000;
  printf("time() and gettimeofday() agree with CLOCK_REALTIME: %s\n", yes(agree));
  CHECK(agree);

  // CLOCK_MONOTONIC never goes backwards
  struct timespec prev, cur;
  r = clock_gettime(CLOCK_MONOTONIC, &prev);
  int64_t first = ns(prev);
  int backwards = 0, bad_nsec = 0, errors = r != 0;
  for (int i = 0; i < 100000; i++) {
    if (clock_gettime(CLOCK_MONOTONIC, &cur) != 0) errors++;
    if (ns(cur) < ns(prev)) backwards++;
    if (cur.tv_nsec < 0 || cur.tv_nsec >= 1000000000) bad_nsec++;
    prev = cur;
  }
  printf("CLOCK_MONOTONIC over 100000 reads: errors %d, went backwards %d times, bad tv_nsec %d\n",
         errors, backwards, bad_nsec);
  printf("CLOCK_MONOTONIC advanced during the loop: %s\n", yes(ns(cur) > first));
  CHECK(errors == 0 && backwards == 0 && bad_nsec == 0 && ns(cur) > first);

  // resolutions are positive and at most a second
  struct timespec res_rt = {0, 0}, res_mono = {0, 0};
  int a = clock_getres(CLOCK_REALTIME, &res_rt), b = clock_getres(CLOCK_MONOTONIC, &res_mono);
  int res_ok = a == 0 && b == 0 && ns(res_rt) > 0 && ns(res_rt) <= 1000000000 &&
               ns(res_mono) > 0 && ns(res_mono) <= 1000000000;
  printf("clock_getres: positive and at most 1s: %s\n", yes(res_ok));
  CHECK(res_ok);

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
