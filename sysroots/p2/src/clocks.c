/*
 * Clocks, random numbers and sched_yield over Preview 2 itself: the first
 * Preview 1 calls that wasm32-wasip2's libc no longer takes from the adapter
 * (issue: wasm32-wasip2 without the adapter). The base's bindings of these
 * names are renamed away (p2/src/host-calls-p2.h), so everything in libc
 * that reads a clock or wants entropy (clock_gettime, time, nanosleep's
 * deadlines, getentropy, arc4random) ends here.
 */
#include <stdint.h>
#include <string.h>
#include <wasi/api.h>

#include "wasip2.h"

/* component-type.c: the section that types these imports for the component
 * tooling must be linked wherever they are used. */
void __wasi_sysroots_component_type_anchor(void);

static __wasi_timestamp_t ns_of(const wasip2_datetime_t *t) {
  return t->seconds * 1000000000ull + t->nanoseconds;
}

__wasi_errno_t __wasi_clock_res_get(__wasi_clockid_t id, __wasi_timestamp_t *res) {
  __wasi_sysroots_component_type_anchor();
  wasip2_datetime_t t;
  switch (id) {
  case __WASI_CLOCKID_REALTIME:
    __wasip2_wall_resolution(&t);
    *res = ns_of(&t);
    return 0;
  case __WASI_CLOCKID_MONOTONIC:
    *res = (__wasi_timestamp_t)__wasip2_monotonic_resolution();
    return 0;
  default:
    /* Preview 2 has no CPU-time clocks. */
    return __WASI_ERRNO_INVAL;
  }
}

__wasi_errno_t __wasi_clock_time_get(__wasi_clockid_t id, __wasi_timestamp_t precision,
                                     __wasi_timestamp_t *time) {
  (void)precision;
  __wasi_sysroots_component_type_anchor();
  wasip2_datetime_t t;
  switch (id) {
  case __WASI_CLOCKID_REALTIME:
    __wasip2_wall_now(&t);
    *time = ns_of(&t);
    return 0;
  case __WASI_CLOCKID_MONOTONIC:
    *time = (__wasi_timestamp_t)__wasip2_monotonic_now();
    return 0;
  default:
    return __WASI_ERRNO_INVAL;
  }
}

__wasi_errno_t __wasi_random_get(uint8_t *buf, __wasi_size_t len) {
  __wasi_sysroots_component_type_anchor();
  while (len > 0) {
    uint64_t r = (uint64_t)__wasip2_random_u64();
    size_t n = len < sizeof r ? len : sizeof r;
    memcpy(buf, &r, n);
    buf += n;
    len -= n;
  }
  return 0;
}

/* One thread, nothing to yield to (the adapter answered success too). */
__wasi_errno_t __wasi_sched_yield(void) { return 0; }
