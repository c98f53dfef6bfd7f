/*
 * Sockets in the descriptor table of wasm32-wasip2 libc.
 *
 * Files, stdio, clocks and the rest go through the host layer (host/host.h).
 * Sockets use wasi:sockets directly: a socket is a description of libc's
 * descriptor table (common/fd-table.h) pointing to the socket's Preview 2
 * resources. In a mixed link its number holds a placeholder in the adapter,
 * so Preview 1 calls on it fail with EBADF (see "Mixed links" in ../README.md).
 *
 * The functions taking descriptors (read, write, poll, ioctl, ...) look here
 * first. They only reference the table and the `ops` pointer, so a program
 * that never creates a socket links none of the socket code and imports
 * nothing from Preview 2.
 */
#ifndef __wasi_sysroots_descriptors_h
#define __wasi_sysroots_descriptors_h

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "fd-table.h"
#include "wasip2.h"
#include "lists.h"

typedef enum {
  SOCK_STATE_FRESH,       /* created, not bound */
  SOCK_STATE_BOUND,       /* bound (UDP: with datagram streams) */
  SOCK_STATE_LISTENING,   /* TCP listener */
  SOCK_STATE_CONNECTING,  /* TCP connect started, not finished */
  SOCK_STATE_CONNECTED,   /* TCP connection / UDP socket with a fixed peer */
  SOCK_STATE_FAILED,      /* TCP connect failed; the socket is unusable */
} __wasip2_sock_state_t;

/* One received datagram kept back by poll, FIONREAD or MSG_PEEK. */
typedef struct {
  uint8_t *data;
  size_t len;
  struct sockaddr_storage from;
  socklen_t fromlen;
} __wasip2_datagram_t;

typedef struct __wasip2_socket {
  int type;    /* SOCK_STREAM or SOCK_DGRAM */
  int family;  /* AF_INET or AF_INET6 */
  __wasip2_sock_state_t state;
  bool nonblock;

  /* Resources; 0 means none. Children are dropped before parents, and
   * pollables before the resource they watch. */
  int32_t socket;      /* tcp-socket or udp-socket */
  int32_t in;          /* input-stream or incoming-datagram-stream */
  int32_t out;         /* output-stream or outgoing-datagram-stream */
  int32_t socket_poll; /* pollable of `socket` */
  int32_t in_poll;     /* pollable of `in` */
  int32_t out_poll;    /* pollable of `out` */

  /* TCP receive side: bytes read ahead (FIONREAD, MSG_PEEK). */
  uint8_t *rbuf;
  size_t rbuf_off, rbuf_len, rbuf_cap;
  bool eof;            /* the peer finished sending */
  int rerr;            /* pending receive error (errno) */
  /* TCP send side. */
  bool shut_wr;        /* shutdown(SHUT_WR) done */
  bool unflushed;      /* bytes written since the last flush */
  int werr;            /* pending send error (errno) */
  /* UDP: a datagram read ahead. */
  bool have_dgram;
  __wasip2_datagram_t dgram;

  int so_error;        /* SO_ERROR */
  /* Options the host has no setting for; kept so that getsockopt answers
   * what setsockopt stored. */
  bool reuseaddr;
  bool nodelay;
  int64_t rcvtimeo_ns; /* -1: none */
  int64_t sndtimeo_ns; /* -1: none */
} __wasip2_socket_t;

/* Implemented by the socket code; installed when the first socket is made. */
struct __wasip2_socket_ops {
  ssize_t (*recv)(__wasip2_socket_t *, void *, size_t, int flags);
  ssize_t (*send)(__wasip2_socket_t *, const void *, size_t, int flags);
  int (*close)(__wasip2_socket_t *);
  int (*fcntl)(__wasip2_socket_t *, int cmd, int arg);
  int (*ioctl)(__wasip2_socket_t *, int request, void *arg);
  /* poll() over any mix of sockets and other descriptors; timeout in ns,
   * negative for none. */
  int (*poll)(struct pollfd *, nfds_t, int64_t timeout_ns);
};

/* Defined next to read() and write(), which every program has. */
extern const struct __wasip2_socket_ops *__wasip2_socket_ops;

static inline __wasip2_socket_t *__wasip2_socket_lookup(int fd) {
  return __wasilibc_fd_object(fd, __WASILIBC_FD_SOCKET);
}
/* poll() with the timeout in ns (negative: none); select() uses it too. */
int __wasip2_poll_ns(struct pollfd *, nfds_t, int64_t timeout_ns);

/* ---- used only inside the socket code ---------------------------------- */

/* The table, the network and errors. */
int __wasip2_socket_add(__wasip2_socket_t *, bool cloexec); /* returns fd or -1 */
__wasip2_socket_t *__wasip2_socket_new(int type, int family);
int32_t __wasip2_network(void);
int __wasip2_errno_from_error_code(uint8_t code);
int64_t __wasip2_now(void);
/* Waits for one pollable; timeout in ns (negative: none). 0 or ETIMEDOUT. */
int __wasip2_wait(int32_t pollable, int64_t timeout_ns);
int32_t __wasip2_socket_pollable(__wasip2_socket_t *);
int32_t __wasip2_in_pollable(__wasip2_socket_t *);
int32_t __wasip2_out_pollable(__wasip2_socket_t *);
void __wasip2_drop_streams(__wasip2_socket_t *);
void __wasip2_drop_all(__wasip2_socket_t *);
/* Sleeps; used where a host reports readiness that turns out to be stale. */
void __wasip2_sleep_ns(int64_t ns);
/* poll() over sockets and Preview 1 descriptors. */
int __wasip2_poll_mixed(struct pollfd *, nfds_t, int64_t timeout_ns);
/* Drops the error of a failed stream operation. */
void __wasip2_drop_stream_error(const wasip2_stream_error_t *);

/* Address conversions. */
int __wasip2_sockaddr_to_flat(const __wasip2_socket_t *, const struct sockaddr *, socklen_t,
                              wasip2_flat_addr_t *);
void __wasip2_flat_wildcard(int family, wasip2_flat_addr_t *);
socklen_t __wasip2_sockaddr_from_wasi(const wasip2_ip_socket_address_t *, struct sockaddr_storage *);
void __wasip2_copy_sockaddr(const struct sockaddr_storage *, socklen_t, struct sockaddr *, socklen_t *);

/* TCP and UDP halves of the BSD calls. */
int __wasilibc_tcp_bind(__wasip2_socket_t *, const wasip2_flat_addr_t *);
int __wasilibc_tcp_connect(__wasip2_socket_t *, const wasip2_flat_addr_t *);
int __wasilibc_tcp_finish_connect(__wasip2_socket_t *, bool block);
int __wasilibc_tcp_listen(__wasip2_socket_t *, int backlog);
int __wasilibc_tcp_accept(__wasip2_socket_t *, struct sockaddr *, socklen_t *, int flags);
ssize_t __wasilibc_tcp_recv(__wasip2_socket_t *, void *, size_t, int flags);
ssize_t __wasilibc_tcp_send(__wasip2_socket_t *, const void *, size_t, int flags);
int __wasilibc_tcp_shutdown(__wasip2_socket_t *, int how);
int __wasilibc_tcp_fill(__wasip2_socket_t *, bool block);
void __wasilibc_tcp_close(__wasip2_socket_t *);
int __wasilibc_udp_bind(__wasip2_socket_t *, const wasip2_flat_addr_t *);
int __wasilibc_udp_connect(__wasip2_socket_t *, const wasip2_flat_addr_t *);
int __wasilibc_udp_disconnect(__wasip2_socket_t *);
ssize_t __wasilibc_udp_recvfrom(__wasip2_socket_t *, void *, size_t, int flags, struct sockaddr *,
                              socklen_t *);
ssize_t __wasilibc_udp_sendto(__wasip2_socket_t *, const void *, size_t, int flags,
                            const wasip2_flat_addr_t *);
int __wasilibc_udp_fill(__wasip2_socket_t *);
int __wasilibc_udp_ensure_bound(__wasip2_socket_t *);
void __wasilibc_udp_close(__wasip2_socket_t *);

#endif
