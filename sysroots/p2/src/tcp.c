/* TCP sockets over wasi:sockets/tcp and wasi:io/streams. */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "descriptors.h"

#define READ_AHEAD 65536

/* Errors of bind and of the implicit bind of listen. */
static int bind_errno(uint8_t code) {
  switch (code) {
  case WASIP2_ERR_INVALID_STATE: return EINVAL;
  case WASIP2_ERR_INVALID_ARGUMENT: return EINVAL;
  default: return __wasip2_errno_from_error_code(code);
  }
}

static int connect_errno(uint8_t code) {
  switch (code) {
  case WASIP2_ERR_INVALID_STATE: return EISCONN;
  case WASIP2_ERR_ADDRESS_IN_USE: return EADDRNOTAVAIL;
  default: return __wasip2_errno_from_error_code(code);
  }
}

int __wasilibc_tcp_bind(__wasip2_socket_t *s, const wasip2_flat_addr_t *addr) {
  if (s->state != SOCK_STATE_FRESH) {
    errno = EINVAL;
    return -1;
  }
  wasip2_result_t r;
  __wasip2_tcp_start_bind(s->socket, __wasip2_network(), WASIP2_ADDR_ARGS(*addr), &r);
  while (!r.is_err) {
    __wasip2_tcp_finish_bind(s->socket, &r);
    if (!r.is_err) {
      s->state = SOCK_STATE_BOUND;
      return 0;
    }
    if (r.err != WASIP2_ERR_WOULD_BLOCK)
      break;
    __wasip2_wait(__wasip2_socket_pollable(s), -1);
    r.is_err = 0;
  }
  errno = bind_errno(r.err);
  return -1;
}

int __wasilibc_tcp_finish_connect(__wasip2_socket_t *s, bool block) {
  for (;;) {
    wasip2_result_pair_t r;
    __wasip2_tcp_finish_connect(s->socket, &r);
    if (!r.is_err) {
      s->in = r.u.ok.a;
      s->out = r.u.ok.b;
      s->state = SOCK_STATE_CONNECTED;
      return 0;
    }
    if (r.u.err != WASIP2_ERR_WOULD_BLOCK) {
      s->state = SOCK_STATE_FAILED;
      errno = connect_errno(r.u.err);
      return -1;
    }
    if (!block || __wasip2_wait(__wasip2_socket_pollable(s), s->sndtimeo_ns) != 0) {
      errno = EINPROGRESS;
      return -1;
    }
  }
}

int __wasilibc_tcp_connect(__wasip2_socket_t *s, const wasip2_flat_addr_t *addr) {
  switch (s->state) {
  case SOCK_STATE_CONNECTING:
    if (__wasilibc_tcp_finish_connect(s, false) == 0) {
      errno = EISCONN;
    } else if (errno == EINPROGRESS) {
      errno = EALREADY;
    }
    return -1;
  case SOCK_STATE_CONNECTED:
    errno = EISCONN;
    return -1;
  case SOCK_STATE_LISTENING:
    errno = EOPNOTSUPP;
    return -1;
  case SOCK_STATE_FAILED: {
    /* Linux tries again on the same socket. A wasi:sockets socket whose
     * connect failed cannot: libc puts a new one in its place. */
    wasip2_result_u32_t fresh;
    __wasip2_create_tcp_socket(s->family == AF_INET6 ? WASIP2_IPV6 : WASIP2_IPV4, &fresh);
    if (fresh.is_err) {
      errno = __wasip2_errno_from_error_code(fresh.u.err);
      return -1;
    }
    __wasip2_drop_all(s);
    s->socket = (int32_t)fresh.u.ok;
    s->state = SOCK_STATE_FRESH;
    s->so_error = 0;
    break;
  }
  default:
    break;
  }
  wasip2_result_t r;
  __wasip2_tcp_start_connect(s->socket, __wasip2_network(), WASIP2_ADDR_ARGS(*addr), &r);
  if (r.is_err) {
    errno = connect_errno(r.err);
    return -1;
  }
  s->state = SOCK_STATE_CONNECTING;
  if (s->nonblock) {
    /* Finished later by poll, getsockopt(SO_ERROR), send or recv. */
    errno = EINPROGRESS;
    return -1;
  }
  return __wasilibc_tcp_finish_connect(s, true);
}

int __wasilibc_tcp_listen(__wasip2_socket_t *s, int backlog) {
  wasip2_result_t r;
  if (backlog < 1)
    backlog = 1;
  if (s->state == SOCK_STATE_LISTENING) {
    __wasip2_tcp_set_listen_backlog_size(s->socket, backlog, &r);
    return 0;
  }
  if (s->state == SOCK_STATE_FRESH) {
    wasip2_flat_addr_t any;
    __wasip2_flat_wildcard(s->family, &any);
    if (__wasilibc_tcp_bind(s, &any) != 0)
      return -1;
  }
  if (s->state != SOCK_STATE_BOUND) {
    errno = EINVAL;
    return -1;
  }
  /* Only a hint; hosts may ignore it. */
  __wasip2_tcp_set_listen_backlog_size(s->socket, backlog, &r);
  __wasip2_tcp_start_listen(s->socket, &r);
  while (!r.is_err) {
    __wasip2_tcp_finish_listen(s->socket, &r);
    if (!r.is_err) {
      s->state = SOCK_STATE_LISTENING;
      return 0;
    }
    if (r.err != WASIP2_ERR_WOULD_BLOCK)
      break;
    __wasip2_wait(__wasip2_socket_pollable(s), -1);
    r.is_err = 0;
  }
  errno = r.err == WASIP2_ERR_INVALID_STATE ? EINVAL : __wasip2_errno_from_error_code(r.err);
  return -1;
}

int __wasilibc_tcp_accept(__wasip2_socket_t *s, struct sockaddr *addr, socklen_t *addrlen,
                          int flags) {
  if (s->state != SOCK_STATE_LISTENING) {
    errno = EINVAL;
    return -1;
  }
  // As on Linux, a full table leaves the connection queued: EMFILE before the host accepts.
  if (__wasilibc_fd_can_add() != 0)
    return -1;
  wasip2_result_accept_t r;
  for (;;) {
    __wasip2_tcp_accept(s->socket, &r);
    if (!r.is_err)
      break;
    if (r.u.err != WASIP2_ERR_WOULD_BLOCK) {
      errno = r.u.err == WASIP2_ERR_INVALID_STATE ? EINVAL : __wasip2_errno_from_error_code(r.u.err);
      return -1;
    }
    if (s->nonblock || __wasip2_wait(__wasip2_socket_pollable(s), s->rcvtimeo_ns) != 0) {
      errno = EAGAIN;
      return -1;
    }
  }
  __wasip2_socket_t *c = __wasip2_socket_new(SOCK_STREAM, s->family);
  if (c) {
    c->socket = r.u.ok.socket;
    c->in = r.u.ok.in;
    c->out = r.u.ok.out;
    c->state = SOCK_STATE_CONNECTED;
    c->nonblock = (flags & SOCK_NONBLOCK) != 0;
    c->nodelay = s->nodelay;
  }
  int fd = c ? __wasip2_socket_add(c, (flags & SOCK_CLOEXEC) != 0) : -1;
  if (fd < 0) {
    int saved = errno;
    if (c) {
      __wasip2_drop_all(c);
      free(c);
    } else {
      __wasip2_input_drop(r.u.ok.in);
      __wasip2_output_drop(r.u.ok.out);
      __wasip2_tcp_drop(r.u.ok.socket);
    }
    errno = saved;
    return -1;
  }
  if (addr && addrlen) {
    wasip2_result_addr_t ra;
    __wasip2_tcp_remote_address(c->socket, &ra);
    struct sockaddr_storage ss;
    socklen_t len;
    if (!ra.is_err) {
      len = __wasip2_sockaddr_from_wasi(&ra.u.ok, &ss);
    } else {
      memset(&ss, 0, sizeof ss);
      ss.ss_family = s->family;
      len = s->family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    }
    __wasip2_copy_sockaddr(&ss, len, addr, addrlen);
  }
  return fd;
}

/* One read from the input stream into dst. Returns the byte count (0: nothing
 * yet), -1 at the end of the stream or on an error (s->eof / s->rerr say
 * which) and -2 when the receive timeout expired. */
static ssize_t stream_read(__wasip2_socket_t *s, void *dst, size_t len, bool block) {
  /* With a timeout, or after shutdown(SHUT_WR): a read that does not wait,
   * then a wait for the stream's pollable. (A host's blocking-read may never
   * return on a stream it ended itself, as preview2-shim's does after
   * shutdown(SHUT_WR), while the plain read reports the end at once.) */
  if (block && (s->rcvtimeo_ns >= 0 || s->shut_wr)) {
    int64_t deadline = s->rcvtimeo_ns >= 0 ? __wasip2_now() + s->rcvtimeo_ns : -1;
    bool woke = false;
    for (;;) {
      ssize_t n = stream_read(s, dst, len, false);
      if (n != 0)
        return n;
      if (woke)
        __wasip2_sleep_ns(1000000); /* the pollable said ready, but nothing came */
      int64_t left = deadline < 0 ? -1 : deadline - __wasip2_now();
      if ((deadline >= 0 && left <= 0) || __wasip2_wait(__wasip2_in_pollable(s), left) != 0)
        return -2;
      woke = true;
    }
  }
  wasip2_stream_result_bytes_t r;
  __wasip2_set_list_target(dst, len);
  if (block)
    __wasip2_input_blocking_read(s->in, len, &r);
  else
    __wasip2_input_read(s->in, len, &r);
  if (!r.is_err) {
    __wasip2_take_list(dst, r.u.ok.ptr, r.u.ok.len);
    return (ssize_t)r.u.ok.len;
  }
  __wasip2_set_list_target(NULL, 0);
  if (r.u.err.tag == WASIP2_STREAM_CLOSED) {
    s->eof = true;
  } else {
    __wasip2_drop_stream_error(&r.u.err);
    s->rerr = ECONNRESET;
  }
  return -1;
}

/* Reads ahead into s->rbuf until it holds at least `want` bytes (blocking) or
 * once (not blocking). Returns 0, or -2 when the receive timeout expired. */
static int fill(__wasip2_socket_t *s, bool block, size_t want) {
  if (!s->rbuf) {
    s->rbuf = malloc(READ_AHEAD);
    if (!s->rbuf) {
      errno = ENOMEM;
      return -1;
    }
    s->rbuf_cap = READ_AHEAD;
  }
  if (s->rbuf_off) {
    memmove(s->rbuf, s->rbuf + s->rbuf_off, s->rbuf_len - s->rbuf_off);
    s->rbuf_len -= s->rbuf_off;
    s->rbuf_off = 0;
  }
  if (want > s->rbuf_cap)
    want = s->rbuf_cap;
  while (s->rbuf_len < want && !s->eof && !s->rerr) {
    ssize_t n = stream_read(s, s->rbuf + s->rbuf_len, s->rbuf_cap - s->rbuf_len, block);
    if (n == -2)
      return -2;
    if (n > 0)
      s->rbuf_len += (size_t)n;
    else if (n == 0 && !block)
      break;
  }
  return 0;
}

int __wasilibc_tcp_fill(__wasip2_socket_t *s, bool block) { return fill(s, block, 1); }

ssize_t __wasilibc_tcp_recv(__wasip2_socket_t *s, void *buf, size_t len, int flags) {
  if (flags & ~(MSG_PEEK | MSG_WAITALL | MSG_DONTWAIT | MSG_NOSIGNAL | MSG_TRUNC)) {
    errno = EOPNOTSUPP;
    return -1;
  }
  if (s->state == SOCK_STATE_CONNECTING && __wasilibc_tcp_finish_connect(s, false) != 0) {
    if (errno == EINPROGRESS)
      errno = EAGAIN;
    return -1;
  }
  if (s->state != SOCK_STATE_CONNECTED) {
    errno = ENOTCONN;
    return -1;
  }
  bool nonblock = s->nonblock || (flags & MSG_DONTWAIT);
  if (flags & MSG_PEEK) {
    if (fill(s, !nonblock, (flags & MSG_WAITALL) ? len : 1) == -2) {
      errno = EAGAIN;
      return -1;
    }
    size_t avail = s->rbuf_len - s->rbuf_off;
    if (avail) {
      size_t n = avail < len ? avail : len;
      memcpy(buf, s->rbuf + s->rbuf_off, n);
      return (ssize_t)n;
    }
    if (s->rerr) {
      errno = s->rerr;
      return -1;
    }
    if (s->eof)
      return 0;
    errno = EAGAIN;
    return -1;
  }
  if (len == 0)
    return 0;

  bool waitall = (flags & MSG_WAITALL) && !nonblock;
  size_t got = 0;
  while (got < len) {
    size_t avail = s->rbuf_len - s->rbuf_off;
    if (avail) {
      size_t n = avail < len - got ? avail : len - got;
      memcpy((uint8_t *)buf + got, s->rbuf + s->rbuf_off, n);
      s->rbuf_off += n;
      got += n;
      if (!waitall)
        break;
      continue;
    }
    if (s->rerr) {
      if (got)
        break;
      errno = s->rerr;
      /* Reported once; afterwards the connection reads as ended. */
      s->rerr = 0;
      s->eof = true;
      return -1;
    }
    if (s->eof)
      break;
    bool block = !nonblock && (got == 0 || waitall);
    ssize_t n = stream_read(s, (uint8_t *)buf + got, len - got, block);
    if (n > 0) {
      got += (size_t)n;
      if (!waitall)
        break;
    } else if (n == 0 && !block) {
      if (got)
        break;
      errno = EAGAIN;
      return -1;
    } else if (n == -2) {
      if (got)
        break;
      errno = EAGAIN;
      return -1;
    }
  }
  return (ssize_t)got;
}

static void set_send_error(__wasip2_socket_t *s, const wasip2_stream_error_t *e) {
  __wasip2_drop_stream_error(e);
  s->werr = EPIPE;
}

ssize_t __wasilibc_tcp_send(__wasip2_socket_t *s, const void *buf, size_t len, int flags) {
  if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL)) {
    errno = EOPNOTSUPP;
    return -1;
  }
  bool nonblock = s->nonblock || (flags & MSG_DONTWAIT);
  if (s->state == SOCK_STATE_CONNECTING && __wasilibc_tcp_finish_connect(s, !nonblock) != 0) {
    if (errno == EINPROGRESS)
      errno = EAGAIN;
    return -1;
  }
  if (s->state != SOCK_STATE_CONNECTED) {
    errno = ENOTCONN;
    return -1;
  }
  /* No SIGPIPE on WASI: a broken connection is just EPIPE. */
  if (s->shut_wr || s->werr) {
    errno = EPIPE;
    return -1;
  }
  if (len == 0)
    return 0; /* as on Linux, whether or not the socket could take more */
  int64_t deadline = s->sndtimeo_ns >= 0 ? __wasip2_now() + s->sndtimeo_ns : -1;
  size_t sent = 0;
  while (sent < len) {
    wasip2_stream_result_u64_t cw;
    __wasip2_output_check_write(s->out, &cw);
    if (cw.is_err) {
      set_send_error(s, &cw.u.err);
      break;
    }
    if (cw.u.ok == 0) {
      if (nonblock)
        break;
      int64_t left = deadline < 0 ? -1 : deadline - __wasip2_now();
      if ((deadline >= 0 && left <= 0) || __wasip2_wait(__wasip2_out_pollable(s), left) != 0)
        break;
      continue;
    }
    size_t chunk = len - sent < cw.u.ok ? len - sent : (size_t)cw.u.ok;
    wasip2_stream_result_t w;
    __wasip2_output_write(s->out, (const uint8_t *)buf + sent, chunk, &w);
    if (w.is_err) {
      set_send_error(s, &w.err);
      break;
    }
    s->unflushed = true;
    sent += chunk;
  }
  /* No flush here: hosts start sending written bytes at once, and a flush
   * would hold back the next write until everything queued has left (on some
   * hosts `flush` even blocks). close() and shutdown() flush. */
  if (sent)
    return (ssize_t)sent;
  errno = s->werr ? s->werr : EAGAIN;
  return -1;
}

static void flush_output(__wasip2_socket_t *s) {
  if (!s->out || !s->unflushed || s->werr)
    return;
  wasip2_stream_result_t f;
  __wasip2_output_blocking_flush(s->out, &f);
  if (f.is_err)
    set_send_error(s, &f.err);
  s->unflushed = false;
}

int __wasilibc_tcp_shutdown(__wasip2_socket_t *s, int how) {
  if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR) {
    errno = EINVAL;
    return -1;
  }
  if (s->state != SOCK_STATE_CONNECTED) {
    errno = ENOTCONN;
    return -1;
  }
  if (how & SHUT_WR)
    flush_output(s);
  int32_t type = how == SHUT_RD   ? WASIP2_SHUTDOWN_RECEIVE
                 : how == SHUT_WR ? WASIP2_SHUTDOWN_SEND
                                  : WASIP2_SHUTDOWN_BOTH;
  wasip2_result_t r;
  __wasip2_tcp_shutdown(s->socket, type, &r);
  if (r.is_err) {
    errno = r.err == WASIP2_ERR_INVALID_STATE ? ENOTCONN : __wasip2_errno_from_error_code(r.err);
    return -1;
  }
  if (how & SHUT_WR)
    s->shut_wr = true;
  if (how & SHUT_RD) {
    s->eof = true;
    s->rbuf_off = s->rbuf_len = 0;
  }
  return 0;
}

void __wasilibc_tcp_close(__wasip2_socket_t *s) {
  /* Bytes already sent must not be lost because the socket goes away. */
  flush_output(s);
  __wasip2_drop_all(s);
  free(s->rbuf);
  s->rbuf = NULL;
}
