/*
 * poll_oneoff over wasi:io/poll: every subscription becomes a pollable and
 * the host is asked once. fd-table.c has already answered closed numbers,
 * pipes, sockets, files and directories; what reaches us carries host
 * numbers, that is object addresses (host.h).
 */
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "../lists.h"
#include "../wasip2.h"
#include "host.h"

#pragma weak malloc
#pragma weak free

int32_t __wasilibc_p2_host_pollable(int32_t host, bool write) {
  __wasilibc_p2_object_t *o = __wasilibc_p2_object(host);
  return o->ops->subscribe(o, write);
}

/* A clock subscription as a pollable; 0 for a clock Preview 2 lacks. */
static int32_t clock_pollable(const __wasi_subscription_clock_t *c) {
  bool abs = (c->flags & __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME) != 0;
  switch (c->id) {
  case __WASI_CLOCKID_MONOTONIC:
    return abs ? __wasip2_monotonic_subscribe_instant((int64_t)c->timeout)
               : __wasip2_monotonic_subscribe_duration((int64_t)c->timeout);
  case __WASI_CLOCKID_REALTIME: {
    if (!abs)
      return __wasip2_monotonic_subscribe_duration((int64_t)c->timeout);
    /* Preview 2 waits on the monotonic clock only: the wall-clock deadline
     * becomes the time left until it. */
    wasip2_datetime_t now;
    __wasip2_wall_now(&now);
    uint64_t now_ns = now.seconds * UINT64_C(1000000000) + now.nanoseconds;
    uint64_t left = c->timeout > now_ns ? c->timeout - now_ns : 0;
    return __wasip2_monotonic_subscribe_duration((int64_t)left);
  }
  default:
    return 0;
  }
}

static void event(__wasi_event_t *ev, const __wasi_subscription_t *s, __wasi_filesize_t nbytes) {
  memset(ev, 0, sizeof *ev);
  ev->userdata = s->userdata;
  ev->type = s->u.tag;
  ev->fd_readwrite.nbytes = nbytes;
}

__wasi_errno_t __wasilibc_host_poll_oneoff(const __wasi_subscription_t *in, __wasi_event_t *out,
                                           __wasi_size_t n, __wasi_size_t *nevents) {
  if (n == 0)
    return __WASI_ERRNO_INVAL;
  __wasip2_lists_anchor(); /* poll returns a list */
  __wasi_sysroots_component_type_anchor();
  /* On the stack up to SMALL subscriptions. Past that, malloc, which is a
   * weak reference (host.h): a program with that many descriptors has
   * allocated them, and linked it. n + 1: room for the zero timer below. */
  enum { SMALL = 128 };
  bool small = n <= SMALL;
  int32_t stack_list[small ? n + 1 : 1];
  uint32_t stack_sub[small ? n : 1], stack_ready[small ? n + 1 : 1];
  int32_t *list = small ? stack_list : malloc ? malloc((n + 1) * sizeof *list) : NULL;
  uint32_t *sub = small ? stack_sub : malloc ? malloc(n * sizeof *sub) : NULL; /* list index -> subscription */
  uint32_t *ready_to = small ? stack_ready : malloc ? malloc((n + 1) * sizeof *ready_to) : NULL;
  __wasi_errno_t error = 0;
  size_t np = 0, ne = 0;
  if (!list || !sub || !ready_to) {
    error = __WASI_ERRNO_NOMEM;
    goto out;
  }

  for (size_t i = 0; i < n; i++) {
    const __wasi_subscription_t *s = &in[i];
    int32_t p;
    switch (s->u.tag) {
    case __WASI_EVENTTYPE_CLOCK:
      p = clock_pollable(&s->u.u.clock);
      if (!p) {
        error = __WASI_ERRNO_INVAL;
        goto out;
      }
      break;
    case __WASI_EVENTTYPE_FD_READ:
      p = __wasilibc_p2_host_pollable((int32_t)s->u.u.fd_read.file_descriptor, false);
      break;
    case __WASI_EVENTTYPE_FD_WRITE:
      p = __wasilibc_p2_host_pollable((int32_t)s->u.u.fd_write.file_descriptor, true);
      break;
    default:
      error = __WASI_ERRNO_INVAL;
      goto out;
    }
    if (p < 0) {
      /* Always ready; how much is not known (fd-table.c answers files, the
       * only kind where FIONREAD's count could be given). */
      event(&out[ne++], s, 0);
      continue;
    }
    sub[np] = (uint32_t)i;
    list[np++] = p;
  }

  if (np > 0) {
    /* With an event already there, only collect what is ready too. */
    int32_t now = 0;
    if (ne > 0) {
      now = __wasip2_monotonic_subscribe_duration(0);
      list[np] = now;
    }
    /* The host writes the answer into ready_to: no allocation. */
    wasip2_u32_list_t ready;
    __wasip2_set_list_target(ready_to, (np + 1) * sizeof *ready_to);
    __wasip2_poll(list, np + (now != 0), &ready);
    __wasip2_take_list(ready_to, (const uint8_t *)ready.ptr, ready.len * sizeof *ready_to);
    for (size_t k = 0; k < ready.len; k++) {
      uint32_t j = ready_to[k];
      if (j >= np)
        continue;
      const __wasi_subscription_t *s = &in[sub[j]];
      /* A stream that is ready lets at least one byte through. */
      event(&out[ne++], s, s->u.tag == __WASI_EVENTTYPE_CLOCK ? 0 : 1);
    }
    if (now)
      __wasip2_pollable_drop(now);
  }
  *nevents = (__wasi_size_t)ne;

out:
  for (size_t k = 0; k < np; k++)
    __wasip2_pollable_drop(list[k]);
  if (!small && malloc) {
    free(list);
    free(sub);
    free(ready_to);
  }
  return error;
}
