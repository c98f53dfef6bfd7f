/* Helpers shared by the wasm32-wasip2 socket tests. */
#ifndef P2_TEST_H
#define P2_TEST_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static inline const char *errname(int e) {
  switch (e) {
  case 0: return "0";
  case EAGAIN: return "EAGAIN";
  case EINPROGRESS: return "EINPROGRESS";
  case EALREADY: return "EALREADY";
  case EISCONN: return "EISCONN";
  case ENOTCONN: return "ENOTCONN";
  case ECONNREFUSED: return "ECONNREFUSED";
  case ECONNRESET: return "ECONNRESET";
  case ECONNABORTED: return "ECONNABORTED";
  case EPIPE: return "EPIPE";
  case EADDRINUSE: return "EADDRINUSE";
  case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
  case EAFNOSUPPORT: return "EAFNOSUPPORT";
  case EOPNOTSUPP: return "EOPNOTSUPP";
  case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
  case ENOPROTOOPT: return "ENOPROTOOPT";
  case ENOTSOCK: return "ENOTSOCK";
  case EBADF: return "EBADF";
  case EINVAL: return "EINVAL";
  case ETIMEDOUT: return "ETIMEDOUT";
  case EDESTADDRREQ: return "EDESTADDRREQ";
  case EMSGSIZE: return "EMSGSIZE";
  case EDOM: return "EDOM";
  case ENOENT: return "ENOENT";
  case EHOSTUNREACH: return "EHOSTUNREACH";
  case EMFILE: return "EMFILE";
  case EDEADLK: return "EDEADLK";
  case ENOMEM: return "ENOMEM";
  default: return "E?";
  }
}

#define CHECK(expr)                                                                    \
  do {                                                                                 \
    if (!(expr)) {                                                                     \
      printf("FAIL line %d: %s (errno %s)\n", __LINE__, #expr, errname(errno));        \
      exit(1);                                                                         \
    }                                                                                  \
  } while (0)

/* Prints "<what>: -1 <ERRNO>" or "<what>: <value>". */
#define SHOW(what, expr)                                                               \
  do {                                                                                 \
    errno = 0;                                                                         \
    long v_ = (long)(expr);                                                            \
    if (v_ < 0)                                                                        \
      printf("%s: %ld %s\n", what, v_, errname(errno));                                \
    else                                                                               \
      printf("%s: %ld\n", what, v_);                                                   \
  } while (0)

static inline socklen_t loopback(int family, int port, struct sockaddr_storage *ss) {
  memset(ss, 0, sizeof *ss);
  if (family == AF_INET6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons((unsigned short)port);
    a->sin6_addr = in6addr_loopback;
    return sizeof *a;
  }
  struct sockaddr_in *a = (struct sockaddr_in *)ss;
  a->sin_family = AF_INET;
  a->sin_port = htons((unsigned short)port);
  a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return sizeof *a;
}

static inline int port_of(int fd) {
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  CHECK(getsockname(fd, (struct sockaddr *)&ss, &len) == 0);
  if (ss.ss_family == AF_INET6)
    return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
  return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* A socket bound to the loopback address and port 0 (listening if TCP). */
static inline int bound_socket(int family, int type, int *port) {
  int fd = socket(family, type, 0);
  CHECK(fd >= 0);
  struct sockaddr_storage ss;
  socklen_t len = loopback(family, 0, &ss);
  CHECK(bind(fd, (struct sockaddr *)&ss, len) == 0);
  if (type == SOCK_STREAM)
    CHECK(listen(fd, 16) == 0);
  *port = port_of(fd);
  CHECK(*port > 0);
  return fd;
}

static inline int connected_socket(int family, int port) {
  int fd = socket(family, SOCK_STREAM, 0);
  CHECK(fd >= 0);
  struct sockaddr_storage ss;
  socklen_t len = loopback(family, port, &ss);
  CHECK(connect(fd, (struct sockaddr *)&ss, len) == 0);
  return fd;
}

/* Sends or receives exactly len bytes. */
static inline void send_all(int fd, const void *buf, size_t len) {
  const char *p = buf;
  while (len) {
    ssize_t n = send(fd, p, len, 0);
    CHECK(n > 0);
    p += n;
    len -= (size_t)n;
  }
}

static inline void recv_all(int fd, void *buf, size_t len) {
  char *p = buf;
  while (len) {
    ssize_t n = recv(fd, p, len, 0);
    CHECK(n > 0);
    p += n;
    len -= (size_t)n;
  }
}

#endif
