// clock_nanosleep. With TIMER_ABSTIME the deadline becomes a relative sleep here, and the sleep
// repeats until the clock has passed the deadline: Node 20's node:wasi treats an absolute
// deadline as relative (so the program slept for decades), and hosts may wake up to 1 ms early.
// This is correct on every host. Only the realtime and monotonic clocks can be slept on.
#include <errno.h>
#include <time.h>
#include <wasi/api.h>

static int wasi_clock(clockid_t clock, __wasi_clockid_t *id) {
  if (clock == CLOCK_REALTIME) *id = __WASI_CLOCKID_REALTIME;
  else if (clock == CLOCK_MONOTONIC) *id = __WASI_CLOCKID_MONOTONIC;
  else return EINVAL;
  return 0;
}

static int sleep_for(__wasi_clockid_t id, __wasi_timestamp_t ns) {
  __wasi_subscription_t sub = {
      .u.tag = __WASI_EVENTTYPE_CLOCK,
      .u.u.clock.id = id,
      .u.u.clock.timeout = ns,
  };
  __wasi_event_t ev;
  __wasi_size_t n;
  __wasi_errno_t error = __wasi_poll_oneoff(&sub, &ev, 1, &n);
  return error == 0 && ev.error == 0 ? 0 : ENOTSUP;
}

static int to_ns(const struct timespec *t, __wasi_timestamp_t *ns) {
  if (t->tv_nsec < 0 || t->tv_nsec >= 1000000000) return EINVAL;
  if (t->tv_sec < 0) {
    *ns = 0;
    return 0;
  }
  if ((unsigned long long)t->tv_sec > (~0ull - 999999999ull) / 1000000000ull) *ns = ~0ull;
  else *ns = (__wasi_timestamp_t)t->tv_sec * 1000000000ull + (__wasi_timestamp_t)t->tv_nsec;
  return 0;
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request,
                    struct timespec *remain) {
  if (flags & ~TIMER_ABSTIME) return EINVAL;
  __wasi_clockid_t id;
  __wasi_timestamp_t ns;
  int error = wasi_clock(clock, &id);
  if (error == 0) error = to_ns(request, &ns);
  if (error) return error;
  if (!(flags & TIMER_ABSTIME)) {
    // A relative sleep: until the monotonic clock has moved on by the request.
    __wasi_timestamp_t start;
    if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &start) != 0) return sleep_for(id, ns);
    id = __WASI_CLOCKID_MONOTONIC;
    ns = start + ns < start ? ~0ull : start + ns;
  }
  for (;;) {
    __wasi_timestamp_t now;
    if (__wasi_clock_time_get(id, 1, &now) != 0) return EINVAL;
    if (now >= ns) return 0;
    error = sleep_for(id, ns - now);
    if (error) return error;
  }
}
