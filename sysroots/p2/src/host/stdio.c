/*
 * stdin, stdout and stderr over wasi:cli's streams. A stream is a terminal
 * when the host hands out a terminal-* handle for it (so a redirected one
 * is not), which is what isatty sees through fd_fdstat_get.
 *
 * The streams are asked for on first use: a program that never touches
 * stdin makes no call for it.
 */
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "lists.h"
#include "wasip2.h"

typedef struct {
  __wasilibc_p2_object_t base;
  int which;        /* 0 stdin, 1 stdout, 2 stderr */
  int32_t stream;   /* input-stream (stdin) or output-stream; 0 until used */
  int8_t tty;       /* -1 until asked */
  bool nonblock;
  bool closed;      /* the host ended the stream: reads give 0 */
} stdio_t;

/* blocking-write-and-flush takes at most this much in one call. */
#define WRITE_CHUNK 4096

e_t __wasilibc_p2_stream_errno(int32_t error) {
  __wasip2_error_drop(error);
  return __WASI_ERRNO_IO;
}

static int32_t stream_of(stdio_t *s) {
  if (!s->stream)
    s->stream = s->which == 0 ? __wasip2_get_stdin()
              : s->which == 1 ? __wasip2_get_stdout()
                              : __wasip2_get_stderr();
  return s->stream;
}

static bool is_tty(stdio_t *s) {
  if (s->tty < 0) {
    wasip2_option_handle_t t;
    if (s->which == 0)
      __wasip2_get_terminal_stdin(&t);
    else if (s->which == 1)
      __wasip2_get_terminal_stdout(&t);
    else
      __wasip2_get_terminal_stderr(&t);
    s->tty = t.is_some;
    if (t.is_some) {
      if (s->which == 0)
        __wasip2_terminal_input_drop(t.handle);
      else
        __wasip2_terminal_output_drop(t.handle);
    }
  }
  return s->tty;
}

static e_t stream_error(const wasip2_stream_error_t *err) {
  if (err->tag == WASIP2_STREAM_CLOSED)
    return 0;
  return __wasilibc_p2_stream_errno(err->error);
}

static e_t stdio_read(__wasilibc_p2_object_t *o, const __wasi_iovec_t *iovs, size_t n,
                      __wasi_size_t *nread) {
  stdio_t *s = (stdio_t *)o;
  *nread = 0;
  if (s->which != 0)
    return __WASI_ERRNO_BADF;
  /* One host read into the first buffer that has room: a short read. */
  size_t i = 0;
  while (i < n && iovs[i].buf_len == 0)
    i++;
  if (i == n || s->closed)
    return 0;
  wasip2_stream_result_bytes_t r;
  __wasip2_set_list_target(iovs[i].buf, iovs[i].buf_len);
  if (s->nonblock)
    __wasip2_input_read(stream_of(s), (int64_t)iovs[i].buf_len, &r);
  else
    __wasip2_input_blocking_read(stream_of(s), (int64_t)iovs[i].buf_len, &r);
  if (r.is_err) {
    __wasip2_set_list_target(NULL, 0);
    if (r.u.err.tag == WASIP2_STREAM_CLOSED) {
      s->closed = true;
      return 0;
    }
    return stream_error(&r.u.err);
  }
  __wasip2_take_list(iovs[i].buf, r.u.ok.ptr, r.u.ok.len);
  if (r.u.ok.len == 0 && s->nonblock)
    return __WASI_ERRNO_AGAIN;
  *nread = (__wasi_size_t)r.u.ok.len;
  return 0;
}

static e_t write_all(int32_t out, const uint8_t *p, size_t len) {
  while (len > 0) {
    size_t k = len < WRITE_CHUNK ? len : WRITE_CHUNK;
    wasip2_stream_result_t r;
    __wasip2_output_blocking_write_and_flush(out, p, k, &r);
    if (r.is_err) {
      if (r.err.tag == WASIP2_STREAM_CLOSED)
        return __WASI_ERRNO_PIPE;
      return stream_error(&r.err);
    }
    p += k;
    len -= k;
  }
  return 0;
}

static e_t stdio_write(__wasilibc_p2_object_t *o, const __wasi_ciovec_t *iovs, size_t n,
                       __wasi_size_t *nwritten) {
  stdio_t *s = (stdio_t *)o;
  *nwritten = 0;
  if (s->which == 0)
    return __WASI_ERRNO_BADF;
  size_t total = 0;
  for (size_t i = 0; i < n; i++) {
    e_t e = write_all(stream_of(s), iovs[i].buf, iovs[i].buf_len);
    if (e)
      return total ? (*nwritten = (__wasi_size_t)total, 0) : e;
    total += iovs[i].buf_len;
  }
  *nwritten = (__wasi_size_t)total;
  return 0;
}

static e_t stdio_fdstat_get(__wasilibc_p2_object_t *o, __wasi_fdstat_t *st) {
  stdio_t *s = (stdio_t *)o;
  memset(st, 0, sizeof *st);
  st->fs_filetype = is_tty(s) ? __WASI_FILETYPE_CHARACTER_DEVICE : __WASI_FILETYPE_UNKNOWN;
  st->fs_flags = s->nonblock ? __WASI_FDFLAGS_NONBLOCK : 0;
  return 0;
}

static e_t stdio_filestat_get(__wasilibc_p2_object_t *o, __wasi_filestat_t *st) {
  stdio_t *s = (stdio_t *)o;
  memset(st, 0, sizeof *st);
  st->filetype = is_tty(s) ? __WASI_FILETYPE_CHARACTER_DEVICE : __WASI_FILETYPE_UNKNOWN;
  st->nlink = 1;
  return 0;
}

static e_t stdio_set_flags(__wasilibc_p2_object_t *o, __wasi_fdflags_t flags) {
  stdio_t *s = (stdio_t *)o;
  if (flags & ~(__WASI_FDFLAGS_NONBLOCK | __WASI_FDFLAGS_APPEND))
    return __WASI_ERRNO_NOTSUP;
  s->nonblock = (flags & __WASI_FDFLAGS_NONBLOCK) != 0;
  return 0;
}

static int32_t stdio_subscribe(__wasilibc_p2_object_t *o, bool write) {
  stdio_t *s = (stdio_t *)o;
  if (write != (s->which != 0) || s->closed)
    return -1; /* the wrong direction fails at once; an ended stream reads 0 */
  return s->which == 0 ? __wasip2_input_subscribe(stream_of(s)) : __wasip2_output_subscribe(stream_of(s));
}

static e_t stdio_close(__wasilibc_p2_object_t *o) {
  stdio_t *s = (stdio_t *)o;
  if (s->stream) {
    if (s->which == 0)
      __wasip2_input_drop(s->stream);
    else
      __wasip2_output_drop(s->stream);
  }
  return 0;
}

static const __wasilibc_p2_object_ops_t stdio_ops = {
  .read = stdio_read,
  .write = stdio_write,
  .fdstat_get = stdio_fdstat_get,
  .filestat_get = stdio_filestat_get,
  .set_flags = stdio_set_flags,
  .subscribe = stdio_subscribe,
  .close = stdio_close,
};

/* Static: printing to stdout needs no allocator. */
static stdio_t streams[3];

__wasilibc_p2_object_t *__wasilibc_p2_stdio_open(int which) {
  stdio_t *s = &streams[which];
  if (!s->base.ops) {
    s->base.ops = &stdio_ops;
    s->base.kind = __WASILIBC_P2_STDIO;
    s->which = which;
    s->tty = -1;
  }
  return &s->base;
}
