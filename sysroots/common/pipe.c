/*
 * pipe and pipe2: an in-process pipe, whose two ends are descriptors of
 * libc's table (fd-table.h). read, write, readv, writev, poll, select and
 * fcntl(F_GETFL/F_SETFL) work on them through the __wasi_* calls.
 *
 * Single-threaded triples: nothing can fill an empty pipe while its reader
 * waits, so a blocking read of an empty pipe that still has a writer fails
 * with EDEADLK instead of hanging, and a blocking write never waits: the
 * buffer grows to take all of it. O_NONBLOCK writes see a 64 KiB pipe
 * (EAGAIN when full; writes up to PIPE_BUF are all or nothing), as on Linux.
 * With threads, blocking reads and writes wait for the other end.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fd-table.h"

#define PIPE_CAPACITY 65536
#ifndef PIPE_BUF
#define PIPE_BUF 4096 /* as on Linux */
#endif

typedef struct {
  uint8_t *buf;
  size_t cap, head, len;
  int readers, writers; /* open descriptions of each end (0 or 1) */
  int seq;              /* bumped on every change, for waiting threads */
} pipe_t;

#ifdef _REENTRANT
static int pipe_lock;
static void lock(void) {
  while (__atomic_exchange_n(&pipe_lock, 1, __ATOMIC_ACQUIRE))
    __builtin_wasm_memory_atomic_wait32(&pipe_lock, 1, -1);
}
static void unlock(void) {
  __atomic_store_n(&pipe_lock, 0, __ATOMIC_RELEASE);
  __builtin_wasm_memory_atomic_notify(&pipe_lock, 1);
}
static void changed(pipe_t *p) {
  __atomic_fetch_add(&p->seq, 1, __ATOMIC_SEQ_CST);
  __builtin_wasm_memory_atomic_notify(&p->seq, UINT32_MAX);
}
/* Called locked; returns locked, after something changed. */
static void wait_change(pipe_t *p) {
  int seen = __atomic_load_n(&p->seq, __ATOMIC_SEQ_CST);
  unlock();
  __builtin_wasm_memory_atomic_wait32(&p->seq, seen, -1);
  lock();
}
#else
static void lock(void) {}
static void unlock(void) {}
static void changed(pipe_t *p) { (void)p; }
#endif

static size_t iov_total(const void *iovs, size_t n) {
  const __wasi_ciovec_t *v = iovs;
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += v[i].buf_len;
  return total;
}

static __wasi_errno_t pipe_read(__wasilibc_fd_desc_t *d, const __wasi_iovec_t *iovs, size_t n,
                                size_t *nread) {
  pipe_t *p = d->obj;
  *nread = 0;
  if (d->flags & __WASILIBC_FD_WRITE_END)
    return __WASI_ERRNO_BADF;
  if (iov_total(iovs, n) == 0)
    return 0;
  lock();
  while (p->len == 0) {
    if (p->writers == 0) {
      unlock();
      return 0; /* end of file */
    }
    if (d->flags & __WASI_FDFLAGS_NONBLOCK) {
      unlock();
      return __WASI_ERRNO_AGAIN;
    }
#ifdef _REENTRANT
    wait_change(p);
#else
    unlock();
    return __WASI_ERRNO_DEADLK;
#endif
  }
  size_t done = 0;
  for (size_t i = 0; i < n && p->len > 0; i++) {
    size_t k = iovs[i].buf_len < p->len ? iovs[i].buf_len : p->len;
    memcpy(iovs[i].buf, p->buf + p->head, k);
    p->head += k;
    p->len -= k;
    done += k;
  }
  if (p->len == 0)
    p->head = 0;
  changed(p);
  unlock();
  *nread = done;
  return 0;
}

/* Room for `want` more bytes, moving or growing the buffer. */
static bool make_room(pipe_t *p, size_t want) {
  if (p->head + p->len + want <= p->cap)
    return true;
  if (p->head > 0) {
    memmove(p->buf, p->buf + p->head, p->len);
    p->head = 0;
  }
  if (p->len + want <= p->cap)
    return true;
  size_t cap = p->cap ? p->cap : 4096;
  while (cap < p->len + want)
    cap *= 2;
  uint8_t *buf = realloc(p->buf, cap);
  if (!buf)
    return false;
  p->buf = buf;
  p->cap = cap;
  return true;
}

static __wasi_errno_t pipe_write(__wasilibc_fd_desc_t *d, const __wasi_ciovec_t *iovs, size_t n,
                                 size_t *nwritten) {
  pipe_t *p = d->obj;
  *nwritten = 0;
  if (!(d->flags & __WASILIBC_FD_WRITE_END))
    return __WASI_ERRNO_BADF;
  size_t total = iov_total(iovs, n);
  lock();
  if (p->readers == 0) {
    unlock();
    return __WASI_ERRNO_PIPE; /* no SIGPIPE: there are no signals */
  }
  if (total == 0) {
    unlock();
    return 0;
  }
  bool nonblock = d->flags & __WASI_FDFLAGS_NONBLOCK;
  size_t done = 0;
  size_t i = 0, off = 0;
  while (done < total) {
    size_t room = p->len < PIPE_CAPACITY ? PIPE_CAPACITY - p->len : 0;
#ifndef _REENTRANT
    if (!nonblock)
      room = total - done; /* nobody else could drain it: take everything */
#endif
    if (nonblock && total <= PIPE_BUF && room < total) {
      unlock();
      return __WASI_ERRNO_AGAIN;
    }
    if (room == 0) {
      if (nonblock)
        break;
#ifdef _REENTRANT
      wait_change(p);
      if (p->readers == 0) {
        unlock();
        if (done)
          break;
        return __WASI_ERRNO_PIPE;
      }
      continue;
#endif
    }
    size_t want = total - done < room ? total - done : room;
    if (!make_room(p, want)) {
      if (done)
        break;
      unlock();
      return __WASI_ERRNO_NOMEM;
    }
    size_t copied = 0;
    while (copied < want) {
      size_t k = iovs[i].buf_len - off;
      if (k > want - copied)
        k = want - copied;
      memcpy(p->buf + p->head + p->len, iovs[i].buf + off, k);
      p->len += k;
      copied += k;
      off += k;
      if (off == iovs[i].buf_len) {
        i++;
        off = 0;
      }
    }
    done += copied;
    changed(p);
  }
  unlock();
  if (done == 0 && nonblock)
    return __WASI_ERRNO_AGAIN;
  *nwritten = done;
  return 0;
}

static __wasi_errno_t pipe_ready(__wasilibc_fd_desc_t *d, bool write, __wasi_filesize_t *nbytes,
                                 bool *hangup) {
  pipe_t *p = d->obj;
  bool writer = d->flags & __WASILIBC_FD_WRITE_END;
  __wasi_errno_t e;
  lock();
  if (write != writer) {
    e = __WASI_ERRNO_AGAIN; /* this end never becomes ready that way */
  } else if (!writer) {
    *hangup = p->writers == 0;
    *nbytes = p->len;
    e = p->len > 0 ? 0 : p->writers == 0 ? __WASI_ERRNO_PIPE : __WASI_ERRNO_AGAIN;
  } else if (p->readers == 0) {
    e = __WASI_ERRNO_PIPE;
  } else {
    *nbytes = p->len < PIPE_CAPACITY ? PIPE_CAPACITY - p->len : 0;
    e = *nbytes > 0 ? 0 : __WASI_ERRNO_AGAIN;
  }
  unlock();
  return e;
}

static __wasi_errno_t pipe_close(__wasilibc_fd_desc_t *d) {
  pipe_t *p = d->obj;
  lock();
  if (d->flags & __WASILIBC_FD_WRITE_END)
    p->writers--;
  else
    p->readers--;
  bool last = p->readers == 0 && p->writers == 0;
  changed(p);
  unlock();
  if (last) {
    free(p->buf);
    free(p);
  }
  return 0;
}

static const struct __wasilibc_fd_kind_ops pipe_ops = {
    .close = pipe_close,
    .read = pipe_read,
    .write = pipe_write,
    .ready = pipe_ready,
};

int pipe2(int fds[2], int flags) {
  if (flags & ~(O_NONBLOCK | O_CLOEXEC)) {
    errno = EINVAL;
    return -1;
  }
  pipe_t *p = calloc(1, sizeof *p);
  if (!p) {
    errno = ENOMEM;
    return -1;
  }
  p->readers = p->writers = 1;
  __wasilibc_pipe_ops = &pipe_ops;
  uint16_t nb = flags & O_NONBLOCK ? __WASI_FDFLAGS_NONBLOCK : 0;
  bool cloexec = O_CLOEXEC && (flags & O_CLOEXEC);
  int r = __wasilibc_fd_add(__WASILIBC_FD_PIPE, p, nb, cloexec, 0);
  if (r < 0) {
    free(p);
    return -1;
  }
  int w = __wasilibc_fd_add(__WASILIBC_FD_PIPE, p, nb | __WASILIBC_FD_WRITE_END, cloexec, 0);
  if (w < 0) {
    int saved = errno;
    p->writers = 0;
    close(r);
    errno = saved;
    return -1;
  }
  fds[0] = r;
  fds[1] = w;
  return 0;
}

int pipe(int fds[2]) { return pipe2(fds, 0); }
