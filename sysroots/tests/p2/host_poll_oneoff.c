// The p2 host's poll_oneoff (p2/src/host/poll.c) on its own, over fake host
// objects: which events come back, and that every pollable it made is dropped.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#include "../../p2/src/wasip2.h"

/* Count the pollables made and dropped; the fakes below make theirs too. */
static int made, dropped;
static int32_t counted_duration(int64_t ns) {
  made++;
  return __wasip2_monotonic_subscribe_duration(ns);
}
static int32_t counted_instant(int64_t t) {
  made++;
  return __wasip2_monotonic_subscribe_instant(t);
}
static void counted_drop(int32_t p) {
  dropped++;
  __wasip2_pollable_drop(p);
}
#define __wasip2_monotonic_subscribe_duration counted_duration
#define __wasip2_monotonic_subscribe_instant counted_instant
#define __wasip2_pollable_drop counted_drop
/* libc has its own (the Preview 1 binding until p2 is its own host). */
#define __wasilibc_host_poll_oneoff host_poll_oneoff
#define __wasilibc_p2_host_pollable host_pollable
#include "../../p2/src/host/poll.c"

/* Fake objects: always ready, ready now, never ready (within the test). */
typedef struct {
  __wasilibc_p2_object_t base;
  int64_t ready_in; /* -1: always ready */
} fake_t;

static int32_t fake_subscribe(__wasilibc_p2_object_t *o, bool write) {
  (void)write;
  fake_t *f = (fake_t *)o;
  return f->ready_in < 0 ? -1 : counted_duration(f->ready_in);
}
static const __wasilibc_p2_object_ops_t fake_ops = {.subscribe = fake_subscribe};
static fake_t always = {{&fake_ops, 1}, -1}, now_ = {{&fake_ops, 1}, 0},
              never = {{&fake_ops, 1}, 3600000000000LL};

static __wasi_subscription_t fd(uint64_t ud, bool write, fake_t *f) {
  __wasi_subscription_t s = {.userdata = ud};
  s.u.tag = write ? __WASI_EVENTTYPE_FD_WRITE : __WASI_EVENTTYPE_FD_READ;
  s.u.u.fd_read.file_descriptor = (__wasi_fd_t)__wasilibc_p2_host_number(&f->base);
  return s;
}

static __wasi_subscription_t clk(uint64_t ud, __wasi_clockid_t id, uint64_t t, bool abs) {
  __wasi_subscription_t s = {.userdata = ud};
  s.u.tag = __WASI_EVENTTYPE_CLOCK;
  s.u.u.clock.id = id;
  s.u.u.clock.timeout = t;
  s.u.u.clock.flags = abs ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
  return s;
}

static void run(const char *what, const __wasi_subscription_t *subs, size_t n) {
  __wasi_event_t ev[8];
  __wasi_size_t got = 99;
  made = dropped = 0;
  __wasi_errno_t e = host_poll_oneoff(subs, ev, (__wasi_size_t)n, &got);
  printf("%s: error %d", what, e);
  if (e == 0) {
    printf(", %u events", (unsigned)got);
    for (size_t i = 0; i < got; i++)
      printf(" [ud %llu type %d error %d nbytes %llu flags %d]", (unsigned long long)ev[i].userdata,
             ev[i].type, ev[i].error, (unsigned long long)ev[i].fd_readwrite.nbytes,
             ev[i].fd_readwrite.flags);
  }
  printf(", pollables left %d\n", made - dropped);
}

#define HOUR 3600000000000ULL
#define MS 1000000ULL

/* Links libc's component type, which names the Preview 2 imports, and the
 * cabi_realloc the host returns lists with. */
void __wasi_sysroots_component_type_anchor(void);
void *cabi_realloc(void *, size_t, size_t, size_t);
void *volatile keep_realloc;

int main(void) {
  __wasi_sysroots_component_type_anchor();
  keep_realloc = (void *)cabi_realloc;
  run("none", NULL, 0);

  __wasi_subscription_t a[] = {clk(1, __WASI_CLOCKID_MONOTONIC, HOUR, false), fd(2, false, &always)};
  run("always ready", a, 2);

  __wasi_subscription_t b[] = {fd(3, true, &never), fd(4, true, &now_), clk(5, __WASI_CLOCKID_MONOTONIC, HOUR, false)};
  run("ready pollable", b, 3);

  __wasi_subscription_t c[] = {fd(6, false, &never), clk(7, __WASI_CLOCKID_MONOTONIC, MS, false)};
  run("relative monotonic clock", c, 2);

  uint64_t mono = (uint64_t)__wasip2_monotonic_now();
  __wasi_subscription_t d[] = {fd(8, false, &never), clk(9, __WASI_CLOCKID_MONOTONIC, mono + MS, true)};
  run("absolute monotonic clock", d, 2);

  wasip2_datetime_t wall;
  __wasip2_wall_now(&wall);
  uint64_t wall_ns = wall.seconds * 1000000000ULL + wall.nanoseconds;
  __wasi_subscription_t e[] = {fd(10, false, &never), clk(11, __WASI_CLOCKID_REALTIME, wall_ns + MS, true)};
  run("absolute realtime clock", e, 2);

  __wasi_subscription_t f[] = {clk(12, __WASI_CLOCKID_REALTIME, 0, true), fd(13, false, &never)};
  run("realtime deadline passed", f, 2);

  __wasi_subscription_t g[] = {clk(14, __WASI_CLOCKID_REALTIME, MS, false)};
  run("relative realtime clock", g, 1);

  __wasi_subscription_t h[] = {fd(15, false, &never), clk(16, __WASI_CLOCKID_PROCESS_CPUTIME_ID, MS, false)};
  run("cpu-time clock", h, 2);

  __wasi_subscription_t i[] = {fd(17, false, &never), fd(18, true, &always), fd(19, false, &now_),
                               fd(20, false, &never), fd(21, true, &never), fd(22, false, &never),
                               fd(23, false, &never), fd(24, false, &never), fd(25, false, &never)};
  run("nine at once", i, 9);
  return 0;
}
