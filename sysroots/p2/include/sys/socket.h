/*
 * <sys/socket.h> for wasm32-wasip2 (wasi-sysroots).
 *
 * Sockets are IPv4/IPv6 TCP and UDP, implemented by libc over wasi:sockets
 * 0.2.0. The numeric values of AF_*, SOCK_* and SOL_SOCKET are the ones the
 * WASI libc headers have always used (the structures come from the base
 * headers); the SO_* values follow Linux.
 */
#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H

#include <features.h>

#define __NEED_size_t
#define __NEED_ssize_t
#define __NEED_struct_iovec
#include <bits/alltypes.h>

#include <__typedef_socklen_t.h>
#include <__typedef_sa_family_t.h>
#include <__struct_msghdr.h>
#include <__struct_sockaddr.h>
#include <__struct_sockaddr_storage.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Socket types (the WASI file types of socket descriptors). */
#define SOCK_DGRAM     5
#define SOCK_STREAM    6
/* Flags that socket() and accept4() take along with the type. */
#define SOCK_NONBLOCK  0x00004000
#define SOCK_CLOEXEC   0x00002000

/* Address and protocol families. */
#define AF_UNSPEC 0
#define AF_INET   1
#define AF_INET6  2
#define AF_UNIX   3
#define AF_LOCAL  AF_UNIX
#define PF_UNSPEC AF_UNSPEC
#define PF_INET   AF_INET
#define PF_INET6  AF_INET6
#define PF_UNIX   AF_UNIX
#define PF_LOCAL  AF_LOCAL

/* shutdown() */
#define SHUT_RD   1
#define SHUT_WR   2
#define SHUT_RDWR 3

/* Option levels: SOL_SOCKET keeps the WASI value; the protocol levels are
 * the protocol numbers, as on Linux. */
#define SOL_SOCKET 0x7fffffff
#define SOL_IP     0
#define SOL_TCP    6
#define SOL_UDP    17
#define SOL_IPV6   41

#define SO_REUSEADDR  2
#define SO_TYPE       3
#define SO_ERROR      4
#define SO_BROADCAST  6
#define SO_SNDBUF     7
#define SO_RCVBUF     8
#define SO_KEEPALIVE  9
#define SO_LINGER     13
#define SO_REUSEPORT  15
#define SO_RCVLOWAT   18
#define SO_SNDLOWAT   19
#define SO_RCVTIMEO   66
#define SO_SNDTIMEO   67
#define SO_ACCEPTCONN 30
#define SO_PROTOCOL   38
#define SO_DOMAIN     39
/* BSD's: nothing raises SIGPIPE on WASI, so setsockopt accepts it and
 * changes nothing (a write to a closed connection fails with EPIPE). */
#define SO_NOSIGPIPE  0x1022

#define SOMAXCONN 128

/* Flags of send() and recv(). MSG_PEEK and MSG_WAITALL keep the values of
 * the WASI receive flags; the others follow Linux. */
#define MSG_PEEK     0x0001
#define MSG_WAITALL  0x0002
#define MSG_TRUNC    0x0020
#define MSG_DONTWAIT 0x0040
#define MSG_NOSIGNAL 0x4000

struct linger {
	int l_onoff;
	int l_linger;
};

int socket(int, int, int);
int bind(int, const struct sockaddr *, socklen_t);
int connect(int, const struct sockaddr *, socklen_t);
int listen(int, int);
int accept(int, struct sockaddr *__restrict, socklen_t *__restrict);
int accept4(int, struct sockaddr *__restrict, socklen_t *__restrict, int);
int shutdown(int, int);

int getsockname(int, struct sockaddr *__restrict, socklen_t *__restrict);
int getpeername(int, struct sockaddr *__restrict, socklen_t *__restrict);

ssize_t send(int, const void *, size_t, int);
ssize_t recv(int, void *, size_t, int);
ssize_t sendto(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
ssize_t recvfrom(int, void *__restrict, size_t, int, struct sockaddr *__restrict, socklen_t *__restrict);
ssize_t sendmsg(int, const struct msghdr *, int);
ssize_t recvmsg(int, struct msghdr *, int);

int getsockopt(int, int, int, void *__restrict, socklen_t *__restrict);
int setsockopt(int, int, int, const void *, socklen_t);

#ifdef __cplusplus
}
#endif

#endif
