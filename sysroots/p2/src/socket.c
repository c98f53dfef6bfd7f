/* The BSD socket calls of wasm32-wasip2. */
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <wasi/api.h>

#include "descriptors.h"

static __wasip2_socket_t *get(int fd) {
  __wasip2_socket_t *s = __wasip2_socket_lookup(fd);
  if (!s) {
    /* A Preview 1 descriptor, or none at all. */
    __wasi_fdstat_t st;
    errno = __wasi_fd_fdstat_get(fd, &st) == 0 ? ENOTSOCK : EBADF;
  }
  return s;
}

int socket(int domain, int type, int protocol) {
  int flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC);
  type &= ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (domain != AF_INET && domain != AF_INET6) {
    errno = EAFNOSUPPORT;
    return -1;
  }
  if (type == SOCK_STREAM) {
    if (protocol != 0 && protocol != IPPROTO_TCP) {
      errno = EPROTONOSUPPORT;
      return -1;
    }
  } else if (type == SOCK_DGRAM) {
    if (protocol != 0 && protocol != IPPROTO_UDP) {
      errno = EPROTONOSUPPORT;
      return -1;
    }
  } else {
    errno = EPROTONOSUPPORT;
    return -1;
  }

  int32_t family = domain == AF_INET6 ? WASIP2_IPV6 : WASIP2_IPV4;
  wasip2_result_u32_t r;
  if (type == SOCK_STREAM)
    __wasip2_create_tcp_socket(family, &r);
  else
    __wasip2_create_udp_socket(family, &r);
  if (r.is_err) {
    errno = r.u.err == WASIP2_ERR_NOT_SUPPORTED ? EAFNOSUPPORT
                                                : __wasip2_errno_from_error_code(r.u.err);
    return -1;
  }
  __wasip2_socket_t *s = __wasip2_socket_new(type, domain);
  if (!s) {
    type == SOCK_STREAM ? __wasip2_tcp_drop((int32_t)r.u.ok) : __wasip2_udp_drop((int32_t)r.u.ok);
    return -1;
  }
  s->socket = (int32_t)r.u.ok;
  s->nonblock = (flags & SOCK_NONBLOCK) != 0;
  int fd = __wasip2_socket_add(s, (flags & SOCK_CLOEXEC) != 0);
  if (fd < 0) {
    int saved = errno;
    __wasip2_drop_all(s);
    free(s);
    errno = saved;
  }
  return fd;
}

int bind(int fd, const struct sockaddr *addr, socklen_t len) {
  __wasip2_socket_t *s = get(fd);
  if (!s)
    return -1;
  wasip2_flat_addr_t a;
  if (__wasip2_sockaddr_to_flat(s, addr, len, &a) != 0)
    return -1;
  return s->type == SOCK_STREAM ? __wasilibc_tcp_bind(s, &a) : __wasilibc_udp_bind(s, &a);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len) {
  __wasip2_socket_t *s = get(fd);
  if (!s)
    return -1;
  if (s->type == SOCK_DGRAM && addr && len >= sizeof(sa_family_t) && addr->sa_family == AF_UNSPEC)
    return __wasilibc_udp_disconnect(s);
  wasip2_flat_addr_t a;
  if (__wasip2_sockaddr_to_flat(s, addr, len, &a) != 0)
    return -1;
  return s->type == SOCK_STREAM ? __wasilibc_tcp_connect(s, &a) : __wasilibc_udp_connect(s, &a);
}

int listen(int fd, int backlog) {
  __wasip2_socket_t *s = get(fd);
  if (!s)
    return -1;
  if (s->type != SOCK_STREAM) {
    errno = EOPNOTSUPP;
    return -1;
  }
  return __wasilibc_tcp_listen(s, backlog);
}

int accept4(int fd, struct sockaddr *restrict addr, socklen_t *restrict addrlen, int flags) {
  if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) {
    errno = EINVAL;
    return -1;
  }
  __wasip2_socket_t *s = get(fd);
  if (!s)
    return -1;
  if (s->type != SOCK_STREAM) {
    errno = EOPNOTSUPP;
    return -1;
  }
  return __wasilibc_tcp_accept(s, addr, addrlen, flags);
}

int accept(int fd, struct sockaddr *restrict addr, socklen_t *restrict addrlen) {
  return accept4(fd, addr, addrlen, 0);
}

int shutdown(int fd, int how) {
  __wasip2_socket_t *s = get(fd);
  if (!s)
    return -1;
  if (s->type != SOCK_STREAM) {
    /* Nothing to shut down on a datagram socket but the promise to stop. */
    if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR) {
      errno = EINVAL;
      return -1;
    }
    if (s->state != SOCK_STATE_CONNECTED) {
      errno = ENOTCONN;
      return -1;
    }
    return 0;
  }
  return __wasilibc_tcp_shutdown(s, how);
}

static int name(int fd, struct sockaddr *restrict addr, socklen_t *restrict len, bool peer) {
  __wasip2_socket_t *s = get(fd);
  if (!s)
    return -1;
  if (!addr || !len) {
    errno = EINVAL;
    return -1;
  }
  struct sockaddr_storage ss;
  socklen_t sslen;
  bool connected = s->state == SOCK_STATE_CONNECTED;
  if (peer && !connected) {
    errno = ENOTCONN;
    return -1;
  }
  wasip2_result_addr_t r;
  r.is_err = 1;
  r.u.err = WASIP2_ERR_INVALID_STATE;
  if (s->state != SOCK_STATE_FRESH) {
    if (s->type == SOCK_STREAM)
      (peer ? __wasip2_tcp_remote_address : __wasip2_tcp_local_address)(s->socket, &r);
    else
      (peer ? __wasip2_udp_remote_address : __wasip2_udp_local_address)(s->socket, &r);
  }
  if (!r.is_err) {
    sslen = __wasip2_sockaddr_from_wasi(&r.u.ok, &ss);
  } else if (peer) {
    errno = r.u.err == WASIP2_ERR_INVALID_STATE ? ENOTCONN : __wasip2_errno_from_error_code(r.u.err);
    return -1;
  } else {
    /* Not bound yet: the unspecified address and port 0, as on Linux. */
    memset(&ss, 0, sizeof ss);
    ss.ss_family = s->family;
    sslen = s->family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
  }
  __wasip2_copy_sockaddr(&ss, sslen, addr, len);
  return 0;
}

int getsockname(int fd, struct sockaddr *restrict addr, socklen_t *restrict len) {
  return name(fd, addr, len, false);
}

int getpeername(int fd, struct sockaddr *restrict addr, socklen_t *restrict len) {
  return name(fd, addr, len, true);
}

ssize_t send(int fd, const void *buf, size_t len, int flags) {
  __wasip2_socket_t *s = get(fd);
  if (!s)
    return -1;
  return s->type == SOCK_STREAM ? __wasilibc_tcp_send(s, buf, len, flags)
                                : __wasilibc_udp_sendto(s, buf, len, flags, NULL);
}

ssize_t recv(int fd, void *buf, size_t len, int flags) {
  __wasip2_socket_t *s = get(fd);
  if (!s)
    return -1;
  return s->type == SOCK_STREAM ? __wasilibc_tcp_recv(s, buf, len, flags)
                                : __wasilibc_udp_recvfrom(s, buf, len, flags, NULL, NULL);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
               socklen_t tolen) {
  __wasip2_socket_t *s = get(fd);
  if (!s)
    return -1;
  if (s->type == SOCK_STREAM) {
    /* The address of a connection-mode socket is ignored (or rejected). */
    if (to && s->state == SOCK_STATE_CONNECTED) {
      errno = EISCONN;
      return -1;
    }
    return __wasilibc_tcp_send(s, buf, len, flags);
  }
  if (!to)
    return __wasilibc_udp_sendto(s, buf, len, flags, NULL);
  wasip2_flat_addr_t a;
  if (__wasip2_sockaddr_to_flat(s, to, tolen, &a) != 0)
    return -1;
  return __wasilibc_udp_sendto(s, buf, len, flags, &a);
}

ssize_t recvfrom(int fd, void *restrict buf, size_t len, int flags, struct sockaddr *restrict from,
                 socklen_t *restrict fromlen) {
  __wasip2_socket_t *s = get(fd);
  if (!s)
    return -1;
  if (s->type == SOCK_DGRAM)
    return __wasilibc_udp_recvfrom(s, buf, len, flags, from, fromlen);
  ssize_t n = __wasilibc_tcp_recv(s, buf, len, flags);
  if (n >= 0 && from && fromlen)
    name(fd, from, fromlen, true);
  return n;
}

/* A msghdr's buffers: EINVAL for a bad count or a total that overflows. */
static bool msg_valid(const struct msghdr *msg) {
  if (!msg || msg->msg_iovlen < 0 || msg->msg_iovlen > IOV_MAX ||
      (msg->msg_iovlen > 0 && !msg->msg_iov)) {
    errno = EINVAL;
    return false;
  }
  size_t total = 0;
  for (int i = 0; i < msg->msg_iovlen; i++) {
    if (msg->msg_iov[i].iov_len > SSIZE_MAX - total) {
      errno = EINVAL;
      return false;
    }
    total += msg->msg_iov[i].iov_len;
  }
  return true;
}

/* sendmsg/recvmsg gather into / scatter from one buffer: no ancillary data. */
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags) {
  if (!msg_valid(msg))
    return -1;
  size_t total = 0;
  for (int i = 0; i < msg->msg_iovlen; i++)
    total += msg->msg_iov[i].iov_len;
  uint8_t *buf = malloc(total ? total : 1);
  if (!buf) {
    errno = ENOMEM;
    return -1;
  }
  size_t off = 0;
  for (int i = 0; i < msg->msg_iovlen; i++) {
    memcpy(buf + off, msg->msg_iov[i].iov_base, msg->msg_iov[i].iov_len);
    off += msg->msg_iov[i].iov_len;
  }
  ssize_t n = sendto(fd, buf, total, flags, msg->msg_name, msg->msg_namelen);
  free(buf);
  return n;
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags) {
  if (!msg_valid(msg))
    return -1;
  size_t total = 0;
  for (int i = 0; i < msg->msg_iovlen; i++)
    total += msg->msg_iov[i].iov_len;
  uint8_t *buf = malloc(total ? total : 1);
  if (!buf) {
    errno = ENOMEM;
    return -1;
  }
  socklen_t namelen = msg->msg_namelen;
  ssize_t n = recvfrom(fd, buf, total, flags | MSG_TRUNC, msg->msg_name,
                       msg->msg_name ? &namelen : NULL);
  if (n >= 0) {
    msg->msg_flags = 0;
    size_t copied = (size_t)n < total ? (size_t)n : total;
    if ((size_t)n > total) {
      msg->msg_flags |= MSG_TRUNC;
    }
    if (!(flags & MSG_TRUNC))
      n = (ssize_t)copied;
    size_t off = 0;
    for (int i = 0; i < msg->msg_iovlen && off < copied; i++) {
      size_t k = msg->msg_iov[i].iov_len < copied - off ? msg->msg_iov[i].iov_len : copied - off;
      memcpy(msg->msg_iov[i].iov_base, buf + off, k);
      off += k;
    }
    if (msg->msg_name)
      msg->msg_namelen = namelen;
    msg->msg_controllen = 0;
  }
  free(buf);
  return n;
}

/* ---- socket options ----------------------------------------------------- */

static int get_int(const void *val, socklen_t len, int *out) {
  if (!val || len < sizeof(int)) {
    errno = EINVAL;
    return -1;
  }
  memcpy(out, val, sizeof(int));
  return 0;
}

static int put_int(void *val, socklen_t *len, int v) {
  if (!val || !len || *len < sizeof(int)) {
    errno = EINVAL;
    return -1;
  }
  memcpy(val, &v, sizeof v);
  *len = sizeof v;
  return 0;
}

static int get_timeout(const void *val, socklen_t len, int64_t *out) {
  struct timeval tv;
  if (!val || len < sizeof tv) {
    errno = EINVAL;
    return -1;
  }
  memcpy(&tv, val, sizeof tv);
  if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000) {
    errno = EDOM;
    return -1;
  }
  /* Zero means no timeout; so does one too long for 64-bit ns (it would
   * otherwise wrap into a short one). */
  if ((tv.tv_sec == 0 && tv.tv_usec == 0) || tv.tv_sec > INT64_MAX / 1000000000 - 1)
    *out = -1;
  else
    *out = (int64_t)tv.tv_sec * 1000000000 + tv.tv_usec * 1000;
  return 0;
}

static int put_timeout(void *val, socklen_t *len, int64_t ns) {
  struct timeval tv = {0, 0};
  if (!val || !len || *len < sizeof tv) {
    errno = EINVAL;
    return -1;
  }
  if (ns >= 0) {
    tv.tv_sec = ns / 1000000000;
    tv.tv_usec = (ns % 1000000000) / 1000;
  }
  memcpy(val, &tv, sizeof tv);
  *len = sizeof tv;
  return 0;
}

/* Result handling for the option getters and setters of the host. */
static int opt_error(uint8_t code) {
  errno = code == WASIP2_ERR_INVALID_STATE ? EINVAL : __wasip2_errno_from_error_code(code);
  return -1;
}

static int no_option(void) {
  errno = ENOPROTOOPT;
  return -1;
}

int getsockopt(int fd, int level, int optname, void *restrict val, socklen_t *restrict len) {
  __wasip2_socket_t *s = get(fd);
  if (!s)
    return -1;
  bool tcp = s->type == SOCK_STREAM;
  wasip2_result_u8_t r8;
  wasip2_result_u32_t r32;
  wasip2_result_u64_t r64;
  switch (level) {
  case SOL_SOCKET:
    switch (optname) {
    case SO_ERROR: {
      if (tcp && s->state == SOCK_STATE_CONNECTING && __wasilibc_tcp_finish_connect(s, false) != 0 &&
          errno != EINPROGRESS)
        s->so_error = errno;
      int e = s->so_error;
      if (put_int(val, len, e) != 0)
        return -1;
      s->so_error = 0;
      return 0;
    }
    case SO_TYPE:
      return put_int(val, len, s->type);
    case SO_DOMAIN:
      return put_int(val, len, s->family);
    case SO_PROTOCOL:
      return put_int(val, len, tcp ? IPPROTO_TCP : IPPROTO_UDP);
    case SO_ACCEPTCONN:
      return put_int(val, len, s->state == SOCK_STATE_LISTENING);
    case SO_REUSEADDR:
      return put_int(val, len, s->reuseaddr);
    case SO_KEEPALIVE:
      if (!tcp)
        return no_option();
      __wasip2_tcp_keep_alive_enabled(s->socket, &r8);
      return r8.is_err ? opt_error(r8.u.err) : put_int(val, len, r8.u.ok);
    case SO_RCVBUF:
    case SO_SNDBUF:
      if (tcp)
        (optname == SO_RCVBUF ? __wasip2_tcp_receive_buffer_size
                              : __wasip2_tcp_send_buffer_size)(s->socket, &r64);
      else
        (optname == SO_RCVBUF ? __wasip2_udp_receive_buffer_size
                              : __wasip2_udp_send_buffer_size)(s->socket, &r64);
      if (r64.is_err)
        return opt_error(r64.u.err);
      return put_int(val, len, r64.u.ok > INT32_MAX ? INT32_MAX : (int)r64.u.ok);
    case SO_RCVTIMEO:
      return put_timeout(val, len, s->rcvtimeo_ns);
    case SO_SNDTIMEO:
      return put_timeout(val, len, s->sndtimeo_ns);
    default:
      return no_option();
    }
  case IPPROTO_TCP:
    if (!tcp)
      return no_option();
    switch (optname) {
    case TCP_NODELAY:
      return put_int(val, len, s->nodelay);
    case TCP_KEEPIDLE:
    case TCP_KEEPINTVL:
      (optname == TCP_KEEPIDLE ? __wasip2_tcp_keep_alive_idle_time
                               : __wasip2_tcp_keep_alive_interval)(s->socket, &r64);
      return r64.is_err ? opt_error(r64.u.err) : put_int(val, len, (int)(r64.u.ok / 1000000000));
    case TCP_KEEPCNT:
      __wasip2_tcp_keep_alive_count(s->socket, &r32);
      return r32.is_err ? opt_error(r32.u.err) : put_int(val, len, (int)r32.u.ok);
    default:
      return no_option();
    }
  case IPPROTO_IP:
  case IPPROTO_IPV6:
    if (level == IPPROTO_IP ? optname != IP_TTL
                            : optname != IPV6_UNICAST_HOPS && optname != IPV6_V6ONLY)
      return no_option();
    if ((level == IPPROTO_IPV6) != (s->family == AF_INET6))
      return no_option();
    if (optname == IPV6_V6ONLY)
      /* WASI IPv6 sockets never carry IPv4 traffic. */
      return put_int(val, len, 1);
    if (tcp)
      __wasip2_tcp_hop_limit(s->socket, &r8);
    else
      __wasip2_udp_unicast_hop_limit(s->socket, &r8);
    return r8.is_err ? opt_error(r8.u.err) : put_int(val, len, r8.u.ok);
  default:
    return no_option();
  }
}

int setsockopt(int fd, int level, int optname, const void *val, socklen_t len) {
  __wasip2_socket_t *s = get(fd);
  if (!s)
    return -1;
  bool tcp = s->type == SOCK_STREAM;
  wasip2_result_t r;
  int v;
  switch (level) {
  case SOL_SOCKET:
    switch (optname) {
    case SO_RCVTIMEO:
      return get_timeout(val, len, &s->rcvtimeo_ns);
    case SO_SNDTIMEO:
      return get_timeout(val, len, &s->sndtimeo_ns);
    case SO_REUSEADDR:
      /* Hosts choose their own reuse policy (WASI asks for SO_REUSEADDR-like
       * binding by default); the value is only remembered. */
      if (get_int(val, len, &v) != 0)
        return -1;
      s->reuseaddr = v != 0;
      return 0;
    case SO_NOSIGPIPE:
      return get_int(val, len, &v);
    case SO_KEEPALIVE:
      if (!tcp)
        return no_option();
      if (get_int(val, len, &v) != 0)
        return -1;
      __wasip2_tcp_set_keep_alive_enabled(s->socket, v != 0, &r);
      return r.is_err ? opt_error(r.err) : 0;
    case SO_RCVBUF:
    case SO_SNDBUF:
      if (get_int(val, len, &v) != 0)
        return -1;
      if (v <= 0) {
        errno = EINVAL;
        return -1;
      }
      if (tcp)
        (optname == SO_RCVBUF ? __wasip2_tcp_set_receive_buffer_size
                              : __wasip2_tcp_set_send_buffer_size)(s->socket, v, &r);
      else
        (optname == SO_RCVBUF ? __wasip2_udp_set_receive_buffer_size
                              : __wasip2_udp_set_send_buffer_size)(s->socket, v, &r);
      return r.is_err ? opt_error(r.err) : 0;
    default:
      return no_option();
    }
  case IPPROTO_TCP:
    if (!tcp)
      return no_option();
    if (get_int(val, len, &v) != 0)
      return -1;
    switch (optname) {
    case TCP_NODELAY:
      /* wasi:sockets 0.2.0 has no Nagle switch; remembered only. */
      s->nodelay = v != 0;
      return 0;
    case TCP_KEEPIDLE:
    case TCP_KEEPINTVL:
      if (v < 1) {
        errno = EINVAL;
        return -1;
      }
      (optname == TCP_KEEPIDLE ? __wasip2_tcp_set_keep_alive_idle_time
                               : __wasip2_tcp_set_keep_alive_interval)(
          s->socket, (int64_t)v * 1000000000, &r);
      return r.is_err ? opt_error(r.err) : 0;
    case TCP_KEEPCNT:
      if (v < 1) {
        errno = EINVAL;
        return -1;
      }
      __wasip2_tcp_set_keep_alive_count(s->socket, v, &r);
      return r.is_err ? opt_error(r.err) : 0;
    default:
      return no_option();
    }
  case IPPROTO_IP:
  case IPPROTO_IPV6:
    if (level == IPPROTO_IP ? optname != IP_TTL
                            : optname != IPV6_UNICAST_HOPS && optname != IPV6_V6ONLY)
      return no_option();
    if ((level == IPPROTO_IPV6) != (s->family == AF_INET6))
      return no_option();
    if (get_int(val, len, &v) != 0)
      return -1;
    if (optname == IPV6_V6ONLY) {
      if (v)
        return 0;
      errno = EOPNOTSUPP;
      return -1;
    }
    if (v == -1)
      v = 64; /* the system default */
    if (v < 1 || v > 255) {
      errno = EINVAL;
      return -1;
    }
    if (tcp)
      __wasip2_tcp_set_hop_limit(s->socket, v, &r);
    else
      __wasip2_udp_set_unicast_hop_limit(s->socket, v, &r);
    return r.is_err ? opt_error(r.err) : 0;
  default:
    return no_option();
  }
}
