/*
 * poll() once sockets exist. One host wait covers every pollable of the set:
 * the sockets' and those of host descriptors such as stdin. Pipes, closed
 * numbers and regular files or directories are answered without waiting
 * (through poll_oneoff, which fd-table.c answers for them): in a single
 * thread nothing can change a pipe while we wait.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "descriptors.h"
#include "host/host.h"

#define STALE_SLICE_NS 1000000 /* a pollable was ready but yielded nothing */

enum { KIND_SKIP, KIND_SOCKET, KIND_ALWAYS, KIND_PIPE, KIND_HOST, KIND_BAD };

typedef struct {
  int32_t *list;
  size_t n;
  bool stale;
} waitset_t;

static void want(waitset_t *w, int32_t pollable) { w->list[w->n++] = pollable; }

static short tcp_ready(__wasip2_socket_t *s, short events, waitset_t *w) {
  short re = 0;
  switch (s->state) {
  case SOCK_STATE_FRESH:
  case SOCK_STATE_BOUND:
    return POLLHUP | (events & POLLOUT);
  case SOCK_STATE_FAILED:
    return POLLERR | POLLHUP | (events & POLLOUT);
  case SOCK_STATE_LISTENING:
    if (events & POLLIN) {
      int32_t p = __wasip2_socket_pollable(s);
      if (__wasip2_pollable_ready(p))
        re |= POLLIN;
      else
        want(w, p);
    }
    return re;
  case SOCK_STATE_CONNECTING: {
    int32_t p = __wasip2_socket_pollable(s);
    if (!__wasip2_pollable_ready(p)) {
      want(w, p);
      return 0;
    }
    if (__wasilibc_tcp_finish_connect(s, false) != 0) {
      if (errno == EINPROGRESS) {
        w->stale = true;
        return 0;
      }
      s->so_error = errno;
      return POLLERR | POLLHUP | (events & POLLOUT);
    }
    break;
  }
  case SOCK_STATE_CONNECTED:
    break;
  }

  if (events & POLLIN) {
    /* A ready pollable is confirmed by reading ahead: some hosts report an
     * input stream ready before anything has arrived. */
    if (s->rbuf_off == s->rbuf_len && !s->eof && !s->rerr) {
      int32_t p = __wasip2_in_pollable(s);
      if (__wasip2_pollable_ready(p))
        __wasilibc_tcp_fill(s, false);
      if (s->rbuf_off == s->rbuf_len && !s->eof && !s->rerr)
        want(w, p);
    }
    if (s->rbuf_off < s->rbuf_len || s->eof)
      re |= POLLIN;
    else if (s->rerr)
      re |= POLLIN | POLLERR;
  }
  if (events & POLLOUT) {
    if (s->werr)
      re |= POLLOUT | POLLERR;
    else if (s->shut_wr)
      re |= POLLOUT;
    else {
      int32_t p = __wasip2_out_pollable(s);
      if (__wasip2_pollable_ready(p)) {
        wasip2_stream_result_u64_t cw;
        __wasip2_output_check_write(s->out, &cw);
        if (cw.is_err) {
          __wasip2_drop_stream_error(&cw.u.err);
          s->werr = EPIPE;
          re |= POLLOUT | POLLERR;
        } else if (cw.u.ok > 0) {
          re |= POLLOUT;
        } else {
          want(w, p);
        }
      } else {
        want(w, p);
      }
    }
  }
  if (s->eof && s->shut_wr)
    re |= POLLHUP;
  return re;
}

static short udp_ready(__wasip2_socket_t *s, short events, waitset_t *w) {
  short re = 0;
  if (s->state == SOCK_STATE_FRESH)
    return events & POLLOUT; /* the first send binds it */
  if (events & POLLIN) {
    if (s->have_dgram) {
      re |= POLLIN;
    } else {
      int32_t p = __wasip2_in_pollable(s);
      if (__wasip2_pollable_ready(p)) {
        int got = __wasilibc_udp_fill(s);
        if (got > 0)
          re |= POLLIN;
        else if (got < 0)
          re |= POLLERR;
        else
          w->stale = true;
      } else {
        want(w, p);
      }
    }
  }
  if (events & POLLOUT) {
    int32_t p = __wasip2_out_pollable(s);
    if (__wasip2_pollable_ready(p))
      re |= POLLOUT;
    else
      want(w, p);
  }
  return re;
}

int __wasip2_poll_mixed(struct pollfd *fds, nfds_t nfds, int64_t timeout_ns) {
  int64_t deadline = -1;
  if (timeout_ns >= 0) {
    int64_t now = __wasip2_now();
    deadline = timeout_ns > INT64_MAX - now ? INT64_MAX : now + timeout_ns;
  }

  /* Each entry adds at most two pollables (read and write), plus the timer. */
  size_t cap = 2 * (size_t)nfds + 1;
  uint8_t *kind = calloc(nfds ? nfds : 1, 1);
  int32_t *list = calloc(cap, sizeof *list);
  __wasi_subscription_t *subs = calloc(cap, sizeof *subs);
  __wasi_event_t *events = calloc(cap, sizeof *events);
  int result = -1;
  if (!kind || !list || !subs || !events) {
    errno = ENOMEM;
    goto out;
  }

  /* What kind of descriptor each entry is does not change while we wait. */
  for (nfds_t i = 0; i < nfds; i++) {
    int fd = fds[i].fd;
    __wasilibc_fd_desc_t *d = __wasilibc_fd_peek(fd);
    if (fd < 0) {
      kind[i] = KIND_SKIP;
    } else if (__wasip2_socket_lookup(fd)) {
      kind[i] = KIND_SOCKET;
    } else if (d && d->kind == __WASILIBC_FD_PIPE) {
      kind[i] = KIND_PIPE;
    } else {
      __wasi_fdstat_t st;
      if (__wasi_fd_fdstat_get(fd, &st) != 0)
        kind[i] = KIND_BAD;
      else if (st.fs_filetype == __WASI_FILETYPE_REGULAR_FILE ||
               st.fs_filetype == __WASI_FILETYPE_DIRECTORY)
        kind[i] = KIND_ALWAYS;
      else
        kind[i] = KIND_HOST;
    }
  }

  for (;;) {
    waitset_t w = {.list = list, .n = 0, .stale = false};
    size_t nsubs = 0;
    int ready = 0;
    for (nfds_t i = 0; i < nfds; i++) {
      struct pollfd *p = &fds[i];
      p->revents = 0;
      switch (kind[i]) {
      case KIND_SOCKET: {
        __wasip2_socket_t *s = __wasip2_socket_lookup(p->fd);
        if (!s)
          p->revents = POLLNVAL;
        else if (s->type == SOCK_STREAM)
          p->revents = tcp_ready(s, p->events, &w);
        else
          p->revents = udp_ready(s, p->events, &w);
        break;
      }
      case KIND_ALWAYS:
        p->revents = p->events & (POLLIN | POLLOUT);
        break;
      case KIND_BAD:
        p->revents = POLLNVAL;
        break;
      case KIND_PIPE:
      case KIND_HOST:
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
        break;
      }
      ready += p->revents != 0;
    }

    /* Pipes, and whatever else poll_oneoff answers, as they are now: this
     * never waits (hence the zero timeout). It also gives hangups and
     * errors, which a pollable cannot tell. */
    if (nsubs) {
      subs[nsubs++] = (__wasi_subscription_t){
          .userdata = UINT64_MAX,
          .u.tag = __WASI_EVENTTYPE_CLOCK,
          .u.u.clock.id = __WASI_CLOCKID_MONOTONIC,
          .u.u.clock.timeout = 0,
      };
      size_t nevents;
      __wasi_errno_t error = __wasi_poll_oneoff(subs, events, nsubs, &nevents);
      if (error != 0) {
        errno = error;
        goto out;
      }
      for (size_t k = 0; k < nevents; k++) {
        const __wasi_event_t *e = &events[k];
        if (e->userdata == UINT64_MAX)
          continue;
        struct pollfd *p = &fds[e->userdata];
        bool was = p->revents != 0;
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
        if (p->revents & POLLHUP)
          p->revents &= ~POLLOUT;
        ready += !was && p->revents != 0;
      }
    }

    if (ready) {
      result = ready;
      goto out;
    }
    int64_t left = -1;
    if (deadline >= 0) {
      left = deadline - __wasip2_now();
      if (left <= 0) {
        result = 0;
        goto out;
      }
    }

    /* Host descriptors (stdin) wait in the same host call as the sockets.
     * A pipe is not among them: nothing can fill or drain it while this
     * single thread waits. */
    size_t first_own = w.n;
    bool pipes = false;
    for (nfds_t i = 0; i < nfds; i++) {
      struct pollfd *p = &fds[i];
      if (kind[i] == KIND_PIPE) {
        pipes |= (p->events & (POLLIN | POLLOUT)) != 0;
        continue;
      }
      if (kind[i] != KIND_HOST)
        continue;
      __wasilibc_fd_desc_t *d = __wasilibc_fd_peek(p->fd);
      if (!d)
        continue;
      for (int write = 0; write < 2; write++) {
        if (!(p->events & (write ? POLLOUT : POLLIN)))
          continue;
        /* None: always ready, and the check above said so already. */
        int32_t h = __wasilibc_p2_host_pollable(d->host, write);
        if (h >= 0)
          want(&w, h);
      }
    }
    size_t end_own = w.n;

    int64_t wait = left;
    /* A ready pollable that yielded nothing is looked at again soon. */
    if (w.stale && (wait < 0 || wait > STALE_SLICE_NS))
      wait = STALE_SLICE_NS;
    if (wait < 0 && w.n == 0) {
      if (pipes) {
        /* Only pipes, and nobody else to fill them: it would never end. */
        errno = EDEADLK;
        goto out;
      }
      wait = 3600 * (int64_t)1000000000; /* nothing to wait for, ever */
    }
    size_t n = w.n;
    int32_t timer = 0;
    if (wait >= 0) {
      timer = __wasip2_monotonic_subscribe_duration(wait);
      list[n++] = timer;
    }
    wasip2_u32_list_t done;
    __wasip2_poll(list, n, &done);
    free(done.ptr);
    if (timer)
      __wasip2_pollable_drop(timer);
    for (size_t k = first_own; k < end_own; k++)
      __wasip2_pollable_drop(list[k]);
  }

out:
  free(kind);
  free(list);
  free(subs);
  free(events);
  return result;
}
