/*
 * The socket half of the descriptor table: adding sockets, the network
 * handle, waiting and error codes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "descriptors.h"

/* Defined next to the component-type custom section (component-type.c):
 * referencing it links that section into every program using sockets. */
void __wasi_sysroots_component_type_anchor(void);

static int32_t network_handle;

int32_t __wasip2_network(void) {
  if (!network_handle) {
    __wasi_sysroots_component_type_anchor();
    network_handle = __wasip2_instance_network();
  }
  return network_handle;
}

int64_t __wasip2_now(void) { return __wasip2_monotonic_now(); }

int __wasip2_errno_from_error_code(uint8_t code) {
  switch (code) {
  case WASIP2_ERR_ACCESS_DENIED: return EACCES;
  case WASIP2_ERR_NOT_SUPPORTED: return EOPNOTSUPP;
  case WASIP2_ERR_INVALID_ARGUMENT: return EINVAL;
  case WASIP2_ERR_OUT_OF_MEMORY: return ENOMEM;
  case WASIP2_ERR_TIMEOUT: return ETIMEDOUT;
  case WASIP2_ERR_CONCURRENCY_CONFLICT: return EALREADY;
  case WASIP2_ERR_NOT_IN_PROGRESS: return EINVAL;
  case WASIP2_ERR_WOULD_BLOCK: return EWOULDBLOCK;
  case WASIP2_ERR_INVALID_STATE: return EINVAL;
  case WASIP2_ERR_NEW_SOCKET_LIMIT: return EMFILE;
  case WASIP2_ERR_ADDRESS_NOT_BINDABLE: return EADDRNOTAVAIL;
  case WASIP2_ERR_ADDRESS_IN_USE: return EADDRINUSE;
  case WASIP2_ERR_REMOTE_UNREACHABLE: return EHOSTUNREACH;
  case WASIP2_ERR_CONNECTION_REFUSED: return ECONNREFUSED;
  case WASIP2_ERR_CONNECTION_RESET: return ECONNRESET;
  case WASIP2_ERR_CONNECTION_ABORTED: return ECONNABORTED;
  case WASIP2_ERR_DATAGRAM_TOO_LARGE: return EMSGSIZE;
  case WASIP2_ERR_NAME_UNRESOLVABLE: return ENOENT;
  case WASIP2_ERR_TEMPORARY_RESOLVER_FAILURE: return EAGAIN;
  case WASIP2_ERR_PERMANENT_RESOLVER_FAILURE: return EIO;
  default: return EIO;
  }
}

void __wasip2_drop_stream_error(const wasip2_stream_error_t *e) {
  if (e->tag == WASIP2_STREAM_LAST_OPERATION_FAILED)
    __wasip2_error_drop(e->error);
}

/* ---- waiting ------------------------------------------------------------ */

int __wasip2_wait(int32_t pollable, int64_t timeout_ns) {
  if (timeout_ns < 0) {
    __wasip2_pollable_block(pollable);
    return 0;
  }
  if (__wasip2_pollable_ready(pollable))
    return 0;
  if (timeout_ns == 0)
    return ETIMEDOUT;
  int32_t list[2] = {pollable, __wasip2_monotonic_subscribe_duration(timeout_ns)};
  wasip2_u32_list_t ready;
  __wasip2_poll(list, 2, &ready);
  bool ok = false;
  for (size_t i = 0; i < ready.len; i++)
    ok |= ready.ptr[i] == 0;
  free(ready.ptr);
  __wasip2_pollable_drop(list[1]);
  return ok ? 0 : ETIMEDOUT;
}

void __wasip2_sleep_ns(int64_t ns) {
  int32_t timer = __wasip2_monotonic_subscribe_duration(ns);
  __wasip2_pollable_block(timer);
  __wasip2_pollable_drop(timer);
}

int32_t __wasip2_socket_pollable(__wasip2_socket_t *s) {
  if (!s->socket_poll)
    s->socket_poll = s->type == SOCK_STREAM ? __wasip2_tcp_subscribe(s->socket)
                                            : __wasip2_udp_subscribe(s->socket);
  return s->socket_poll;
}

int32_t __wasip2_in_pollable(__wasip2_socket_t *s) {
  if (!s->in_poll)
    s->in_poll = s->type == SOCK_STREAM ? __wasip2_input_subscribe(s->in)
                                        : __wasip2_incoming_datagram_stream_subscribe(s->in);
  return s->in_poll;
}

int32_t __wasip2_out_pollable(__wasip2_socket_t *s) {
  if (!s->out_poll)
    s->out_poll = s->type == SOCK_STREAM ? __wasip2_output_subscribe(s->out)
                                         : __wasip2_outgoing_datagram_stream_subscribe(s->out);
  return s->out_poll;
}

/* Pollables go before the resources they watch, streams before their
 * socket. */
void __wasip2_drop_streams(__wasip2_socket_t *s) {
  if (s->in_poll)
    __wasip2_pollable_drop(s->in_poll);
  if (s->out_poll)
    __wasip2_pollable_drop(s->out_poll);
  s->in_poll = s->out_poll = 0;
  if (s->type == SOCK_STREAM) {
    if (s->in)
      __wasip2_input_drop(s->in);
    if (s->out)
      __wasip2_output_drop(s->out);
  } else {
    if (s->in)
      __wasip2_incoming_datagram_stream_drop(s->in);
    if (s->out)
      __wasip2_outgoing_datagram_stream_drop(s->out);
  }
  s->in = s->out = 0;
}

void __wasip2_drop_all(__wasip2_socket_t *s) {
  /* The socket's own pollable first: on some hosts it shares its readiness
   * with the input stream of an accepted connection. */
  if (s->socket_poll)
    __wasip2_pollable_drop(s->socket_poll);
  s->socket_poll = 0;
  __wasip2_drop_streams(s);
  if (s->socket) {
    if (s->type == SOCK_STREAM)
      __wasip2_tcp_drop(s->socket);
    else
      __wasip2_udp_drop(s->socket);
  }
  s->socket = 0;
}

/* ---- the table ---------------------------------------------------------- */

static ssize_t ops_recv(__wasip2_socket_t *s, void *buf, size_t len, int flags) {
  if (s->type == SOCK_STREAM)
    return __wasilibc_tcp_recv(s, buf, len, flags);
  return __wasilibc_udp_recvfrom(s, buf, len, flags, NULL, NULL);
}

static ssize_t ops_send(__wasip2_socket_t *s, const void *buf, size_t len, int flags) {
  if (s->type == SOCK_STREAM)
    return __wasilibc_tcp_send(s, buf, len, flags);
  return __wasilibc_udp_sendto(s, buf, len, flags, NULL);
}

static int ops_close(__wasip2_socket_t *s) {
  if (s->type == SOCK_STREAM)
    __wasilibc_tcp_close(s);
  else
    __wasilibc_udp_close(s);
  free(s);
  return 0;
}

static int ops_fcntl(__wasip2_socket_t *s, int cmd, int arg) {
  switch (cmd) {
  case F_GETFL:
    return O_RDWR | (s->nonblock ? O_NONBLOCK : 0);
  case F_SETFL:
    s->nonblock = (arg & O_NONBLOCK) != 0;
    return 0;
  default:
    errno = EINVAL;
    return -1;
  }
}

static int ops_ioctl(__wasip2_socket_t *s, int request, void *arg) {
  switch (request) {
  case FIONBIO:
    s->nonblock = *(const int *)arg != 0;
    return 0;
  case FIONREAD: {
    int *count = arg;
    if (s->type == SOCK_STREAM) {
      *count = 0;
      if (s->state != SOCK_STATE_CONNECTED)
        return 0;
      __wasilibc_tcp_fill(s, false);
      *count = (int)(s->rbuf_len - s->rbuf_off);
    } else {
      __wasilibc_udp_fill(s);
      *count = s->have_dgram ? (int)s->dgram.len : 0;
    }
    return 0;
  }
  default:
    errno = ENOTTY;
    return -1;
  }
}

static const struct __wasip2_socket_ops ops = {
    .recv = ops_recv,
    .send = ops_send,
    .close = ops_close,
    .fcntl = ops_fcntl,
    .ioctl = ops_ioctl,
    .poll = __wasip2_poll_mixed,
};

__wasip2_socket_t *__wasip2_socket_new(int type, int family) {
  __wasip2_socket_t *s = calloc(1, sizeof *s);
  if (!s) {
    errno = ENOMEM;
    return NULL;
  }
  s->type = type;
  s->family = family;
  s->state = SOCK_STATE_FRESH;
  s->rcvtimeo_ns = -1;
  s->sndtimeo_ns = -1;
  return s;
}

/* The socket as a description of libc's descriptor table. */
static __wasi_errno_t kind_close(__wasilibc_fd_desc_t *d) {
  ops_close(d->obj);
  return 0;
}

static int kind_fcntl(__wasilibc_fd_desc_t *d, int cmd, int arg) {
  return ops_fcntl(d->obj, cmd, arg);
}

static const struct __wasilibc_fd_kind_ops kind_ops = {
    .close = kind_close,
    .fcntl = kind_fcntl,
};

int __wasip2_socket_add(__wasip2_socket_t *s, bool cloexec) {
  __wasip2_socket_ops = &ops;
  __wasilibc_socket_kind_ops = &kind_ops;
  return __wasilibc_fd_add(__WASILIBC_FD_SOCKET, s, 0, cloexec, 0);
}
