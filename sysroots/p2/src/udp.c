/* UDP sockets over wasi:sockets/udp. */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "descriptors.h"

/* Makes the datagram streams, with or without a fixed remote address. The
 * streams are made as soon as the socket is bound: some hosts only start
 * listening for datagrams when they exist. */
static int make_streams(__wasip2_socket_t *s, const wasip2_flat_addr_t *remote) {
  __wasip2_drop_streams(s);
  if (s->have_dgram) {
    free(s->dgram.data);
    s->have_dgram = false;
  }
  wasip2_flat_addr_t none;
  memset(&none, 0, sizeof none);
  wasip2_result_pair_t r;
  __wasip2_udp_stream(s->socket, remote != NULL, WASIP2_ADDR_ARGS(remote ? *remote : none), &r);
  if (r.is_err) {
    errno = r.u.err == WASIP2_ERR_INVALID_STATE ? EINVAL : __wasip2_errno_from_error_code(r.u.err);
    return -1;
  }
  s->in = r.u.ok.a;
  s->out = r.u.ok.b;
  s->state = remote ? SOCK_STATE_CONNECTED : SOCK_STATE_BOUND;
  return 0;
}

int __wasilibc_udp_bind(__wasip2_socket_t *s, const wasip2_flat_addr_t *addr) {
  if (s->state != SOCK_STATE_FRESH) {
    errno = EINVAL;
    return -1;
  }
  wasip2_result_t r;
  __wasip2_udp_start_bind(s->socket, __wasip2_network(), WASIP2_ADDR_ARGS(*addr), &r);
  while (!r.is_err) {
    __wasip2_udp_finish_bind(s->socket, &r);
    if (!r.is_err)
      return make_streams(s, NULL);
    if (r.err != WASIP2_ERR_WOULD_BLOCK)
      break;
    __wasip2_wait(__wasip2_socket_pollable(s), -1);
    r.is_err = 0;
  }
  errno = r.err == WASIP2_ERR_INVALID_STATE || r.err == WASIP2_ERR_INVALID_ARGUMENT
              ? EINVAL
              : __wasip2_errno_from_error_code(r.err);
  return -1;
}

int __wasilibc_udp_ensure_bound(__wasip2_socket_t *s) {
  if (s->state != SOCK_STATE_FRESH)
    return 0;
  wasip2_flat_addr_t any;
  __wasip2_flat_wildcard(s->family, &any);
  return __wasilibc_udp_bind(s, &any);
}

int __wasilibc_udp_connect(__wasip2_socket_t *s, const wasip2_flat_addr_t *addr) {
  if (__wasilibc_udp_ensure_bound(s) != 0)
    return -1;
  return make_streams(s, addr);
}

int __wasilibc_udp_disconnect(__wasip2_socket_t *s) {
  if (s->state != SOCK_STATE_CONNECTED)
    return 0;
  return make_streams(s, NULL);
}

static int send_errno(uint8_t code, bool connected) {
  switch (code) {
  case WASIP2_ERR_INVALID_ARGUMENT: return connected ? EISCONN : EINVAL;
  case WASIP2_ERR_INVALID_STATE: return connected ? EISCONN : EDESTADDRREQ;
  default: return __wasip2_errno_from_error_code(code);
  }
}

ssize_t __wasilibc_udp_sendto(__wasip2_socket_t *s, const void *buf, size_t len, int flags,
                              const wasip2_flat_addr_t *to) {
  if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL)) {
    errno = EOPNOTSUPP;
    return -1;
  }
  if (!to && s->state != SOCK_STATE_CONNECTED) {
    errno = EDESTADDRREQ;
    return -1;
  }
  if (__wasilibc_udp_ensure_bound(s) != 0)
    return -1;
  bool nonblock = s->nonblock || (flags & MSG_DONTWAIT);
  int64_t deadline = s->sndtimeo_ns >= 0 ? __wasip2_now() + s->sndtimeo_ns : -1;

  wasip2_outgoing_datagram_t dg;
  memset(&dg, 0, sizeof dg);
  dg.data.ptr = (uint8_t *)buf;
  dg.data.len = len;
  if (to) {
    /* Memory form of the flat address. */
    dg.remote_address.is_some = 1;
    wasip2_ip_socket_address_t *a = &dg.remote_address.addr;
    a->tag = (uint8_t)to->v[0];
    if (a->tag == WASIP2_IPV4) {
      a->u.v4.port = (uint16_t)to->v[1];
      for (int i = 0; i < 4; i++)
        a->u.v4.addr[i] = (uint8_t)to->v[2 + i];
    } else {
      a->u.v6.port = (uint16_t)to->v[1];
      a->u.v6.flow_info = (uint32_t)to->v[2];
      for (int i = 0; i < 8; i++)
        a->u.v6.addr[i] = (uint16_t)to->v[3 + i];
      a->u.v6.scope_id = (uint32_t)to->v[11];
    }
  }
  for (;;) {
    wasip2_result_u64_t r;
    __wasip2_outgoing_datagram_stream_check_send(s->out, &r);
    if (!r.is_err && r.u.ok > 0) {
      __wasip2_outgoing_datagram_stream_send(s->out, &dg, 1, &r);
      if (!r.is_err && r.u.ok == 1)
        return (ssize_t)len;
    }
    if (r.is_err) {
      errno = send_errno(r.u.err, s->state == SOCK_STATE_CONNECTED);
      return -1;
    }
    int64_t left = deadline < 0 ? -1 : deadline - __wasip2_now();
    if (nonblock || (deadline >= 0 && left <= 0) ||
        __wasip2_wait(__wasip2_out_pollable(s), left) != 0) {
      errno = EAGAIN;
      return -1;
    }
  }
}

/* Takes one datagram that has already arrived into s->dgram.
 * 1: got one, 0: none yet, -1: error (errno). */
static int receive_one(__wasip2_socket_t *s) {
  wasip2_result_datagrams_t r;
  __wasip2_incoming_datagram_stream_receive(s->in, 1, &r);
  if (r.is_err) {
    errno = __wasip2_errno_from_error_code(r.u.err);
    return -1;
  }
  if (r.u.ok.len == 0) {
    free(r.u.ok.ptr);
    return 0;
  }
  wasip2_incoming_datagram_t *d = &r.u.ok.ptr[0];
  s->dgram.data = d->data.ptr;
  s->dgram.len = d->data.len;
  s->dgram.fromlen = __wasip2_sockaddr_from_wasi(&d->remote_address, &s->dgram.from);
  s->have_dgram = true;
  for (size_t i = 1; i < r.u.ok.len; i++)
    free(r.u.ok.ptr[i].data.ptr);
  free(r.u.ok.ptr);
  return 1;
}

int __wasilibc_udp_fill(__wasip2_socket_t *s) {
  if (s->have_dgram || !s->in)
    return s->have_dgram;
  return receive_one(s);
}

ssize_t __wasilibc_udp_recvfrom(__wasip2_socket_t *s, void *buf, size_t len, int flags,
                                struct sockaddr *from, socklen_t *fromlen) {
  if (flags & ~(MSG_PEEK | MSG_DONTWAIT | MSG_TRUNC | MSG_WAITALL | MSG_NOSIGNAL)) {
    errno = EOPNOTSUPP;
    return -1;
  }
  bool nonblock = s->nonblock || (flags & MSG_DONTWAIT);
  if (s->state == SOCK_STATE_FRESH) {
    if (nonblock) {
      errno = EAGAIN;
      return -1;
    }
    /* Nothing can arrive before a bind; bind to an ephemeral port like the
     * first send would. */
    if (__wasilibc_udp_ensure_bound(s) != 0)
      return -1;
  }
  int64_t deadline = s->rcvtimeo_ns >= 0 ? __wasip2_now() + s->rcvtimeo_ns : -1;
  bool stale = false;
  while (!s->have_dgram) {
    int got = receive_one(s);
    if (got < 0)
      return -1;
    if (got > 0)
      break;
    int64_t left = deadline < 0 ? -1 : deadline - __wasip2_now();
    if (nonblock || (deadline >= 0 && left <= 0)) {
      errno = EAGAIN;
      return -1;
    }
    if (stale) {
      /* The pollable said ready but nothing came: some hosts keep it ready
       * once a datagram has arrived, so fall back to polling the stream. */
      __wasip2_sleep_ns(left >= 0 && left < 1000000 ? left : 1000000);
      continue;
    }
    if (__wasip2_wait(__wasip2_in_pollable(s), left) != 0) {
      errno = EAGAIN;
      return -1;
    }
    stale = true;
  }
  size_t n = s->dgram.len < len ? s->dgram.len : len;
  memcpy(buf, s->dgram.data, n);
  size_t full = s->dgram.len;
  __wasip2_copy_sockaddr(&s->dgram.from, s->dgram.fromlen, from, fromlen);
  if (!(flags & MSG_PEEK)) {
    free(s->dgram.data);
    s->have_dgram = false;
  }
  return (ssize_t)((flags & MSG_TRUNC) ? full : n);
}

void __wasilibc_udp_close(__wasip2_socket_t *s) {
  __wasip2_drop_all(s);
  if (s->have_dgram)
    free(s->dgram.data);
  s->have_dgram = false;
}
