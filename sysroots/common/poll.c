/*
 * poll and ppoll. Preview 1 descriptors and pipes take one poll_oneoff call
 * (fd-table.c answers pipes, files and closed numbers itself). On
 * wasm32-wasip2, once a socket exists the socket code's poll, which handles
 * mixed sets, takes over (p2/src/poll.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <wasi/api.h>

#include "fd-table.h"

int __wasilibc_poll_host(struct pollfd *fds, nfds_t nfds, int64_t timeout_ns) {
  if (nfds > INT32_MAX / 4) {
    errno = EINVAL;
    return -1;
  }
  __wasi_subscription_t stack_subs[17];
  __wasi_event_t stack_events[17];
  __wasi_subscription_t *subs = stack_subs;
  __wasi_event_t *events = stack_events;
  size_t max = 2 * (size_t)nfds + 1;
  if (max > 17) {
    subs = calloc(max, sizeof *subs);
    events = calloc(max, sizeof *events);
    if (!subs || !events) {
      free(subs);
      free(events);
      errno = ENOMEM;
      return -1;
    }
  }

  size_t nsubs = 0;
  for (nfds_t i = 0; i < nfds; i++) {
    struct pollfd *p = &fds[i];
    p->revents = 0;
    if (p->fd < 0)
      continue;
    if (p->events & POLLIN)
      subs[nsubs++] = (__wasi_subscription_t){
          .userdata = i,
          .u.tag = __WASI_EVENTTYPE_FD_READ,
          .u.u.fd_read.file_descriptor = p->fd,
      };
    if (p->events & POLLOUT)
      subs[nsubs++] = (__wasi_subscription_t){
          .userdata = i,
          .u.tag = __WASI_EVENTTYPE_FD_WRITE,
          .u.u.fd_write.file_descriptor = p->fd,
      };
    if (!(p->events & (POLLIN | POLLOUT))) {
      /* Nothing to wait for, but an invalid descriptor is still reported. */
      __wasi_fdstat_t st;
      if (__wasi_fd_fdstat_get(p->fd, &st) == __WASI_ERRNO_BADF)
        p->revents = POLLNVAL;
    }
  }

  int ready = 0;
  for (nfds_t i = 0; i < nfds; i++)
    ready += fds[i].revents != 0;
  if (ready)
    timeout_ns = 0;
  if (timeout_ns >= 0)
    subs[nsubs++] = (__wasi_subscription_t){
        .userdata = UINT64_MAX,
        .u.tag = __WASI_EVENTTYPE_CLOCK,
        .u.u.clock.id = __WASI_CLOCKID_MONOTONIC,
        .u.u.clock.timeout = (__wasi_timestamp_t)timeout_ns,
    };

  int result = 0;
  if (nsubs == 0) {
    /* Nothing could ever wake us up. */
    errno = ENOTSUP;
    result = -1;
    goto out;
  }
  size_t nevents;
  __wasi_errno_t error = __wasi_poll_oneoff(subs, events, nsubs, &nevents);
  if (error != 0) {
    errno = error;
    result = -1;
    goto out;
  }
  for (size_t i = 0; i < nevents; i++) {
    const __wasi_event_t *e = &events[i];
    if (e->userdata == UINT64_MAX)
      continue;
    struct pollfd *p = &fds[e->userdata];
    if (e->error == __WASI_ERRNO_BADF)
      p->revents |= POLLNVAL;
    else if (e->error == __WASI_ERRNO_PIPE)
      p->revents |= POLLHUP;
    else if (e->error != 0)
      p->revents |= POLLERR;
    else {
      p->revents |= e->type == __WASI_EVENTTYPE_FD_READ ? POLLIN : POLLOUT;
      if (e->fd_readwrite.flags & __WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP)
        p->revents |= POLLHUP;
    }
  }
  for (nfds_t i = 0; i < nfds; i++) {
    if (fds[i].revents & POLLHUP)
      fds[i].revents &= ~POLLOUT;
    result += fds[i].revents != 0;
  }
out:
  if (subs != stack_subs) {
    free(subs);
    free(events);
  }
  return result;
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms) {
  return POLL_NS(fds, nfds, timeout_ms < 0 ? -1 : (int64_t)timeout_ms * 1000000);
}

int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
          const sigset_t *sigmask) {
  (void)sigmask; /* WASI has no signals to unblock. */
  int64_t ns = -1;
  if (timeout) {
    if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000) {
      errno = EINVAL;
      return -1;
    }
    /* Too long for 64-bit ns: forever. */
    ns = timeout->tv_sec > INT64_MAX / 1000000000 - 1
             ? -1
             : (int64_t)timeout->tv_sec * 1000000000 + timeout->tv_nsec;
  }
  return POLL_NS(fds, nfds, ns);
}
