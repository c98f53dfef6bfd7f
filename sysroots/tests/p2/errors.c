// Error cases: refused connections, addresses in use, wrong states and
// families, descriptors that are not sockets.
#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>

#include "p2-test.h"

/* A loopback port nobody listens on: bound once, then released. */
static int free_port(int family) {
  int port;
  int fd = bound_socket(family, SOCK_DGRAM, &port);
  close(fd);
  int t = socket(family, SOCK_STREAM, 0);
  struct sockaddr_storage ss;
  socklen_t len = loopback(family, 0, &ss);
  CHECK(bind(t, (struct sockaddr *)&ss, len) == 0);
  port = port_of(t);
  close(t);
  return port;
}

int main(void) {
  struct sockaddr_storage ss;
  socklen_t len;

  /* Blocking connect to a closed port. */
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  len = loopback(AF_INET, free_port(AF_INET), &ss);
  SHOW("connect to a closed port", connect(fd, (struct sockaddr *)&ss, len));
  close(fd);
  fd = socket(AF_INET6, SOCK_STREAM, 0);
  len = loopback(AF_INET6, free_port(AF_INET6), &ss);
  SHOW("connect to a closed port (ipv6)", connect(fd, (struct sockaddr *)&ss, len));
  close(fd);

  /* Non-blocking: the refusal comes through poll and SO_ERROR. */
  fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  len = loopback(AF_INET, free_port(AF_INET), &ss);
  SHOW("non-blocking connect", connect(fd, (struct sockaddr *)&ss, len));
  struct pollfd p = {.fd = fd, .events = POLLOUT};
  CHECK(poll(&p, 1, 10000) == 1);
  printf("revents has POLLERR: %d\n", (p.revents & POLLERR) != 0);
  int err = -1;
  socklen_t elen = sizeof err;
  CHECK(getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) == 0);
  printf("SO_ERROR: %s\n", errname(err));
  CHECK(getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) == 0);
  printf("SO_ERROR again: %s\n", errname(err));
  close(fd);

  /* A second bind to a port in use. */
  int port;
  int lfd = bound_socket(AF_INET, SOCK_STREAM, &port);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  len = loopback(AF_INET, port, &ss);
  SHOW("bind to a listening port", bind(fd, (struct sockaddr *)&ss, len));
  len = loopback(AF_INET, 0, &ss);
  SHOW("bind again, port 0", bind(fd, (struct sockaddr *)&ss, len));
  SHOW("bind a bound socket", bind(fd, (struct sockaddr *)&ss, len));
  close(fd);
  int ufd = bound_socket(AF_INET, SOCK_DGRAM, &port);
  fd = socket(AF_INET, SOCK_DGRAM, 0);
  len = loopback(AF_INET, port, &ss);
  SHOW("udp bind to a port in use", bind(fd, (struct sockaddr *)&ss, len));
  close(fd);
  close(ufd);

  /* Wrong states. */
  fd = socket(AF_INET, SOCK_STREAM, 0);
  char buf[8];
  SHOW("send unconnected", send(fd, "x", 1, 0));
  SHOW("recv unconnected", recv(fd, buf, sizeof buf, 0));
  struct sockaddr_storage name;
  socklen_t nlen = sizeof name;
  SHOW("getpeername unconnected", getpeername(fd, (struct sockaddr *)&name, &nlen));
  SHOW("accept unlistened", accept(fd, NULL, NULL));
  SHOW("shutdown unconnected", shutdown(fd, SHUT_RDWR));
  close(fd);
  int c = connected_socket(AF_INET, port_of(lfd));
  len = loopback(AF_INET, port_of(lfd), &ss);
  SHOW("connect twice", connect(c, (struct sockaddr *)&ss, len));
  SHOW("listen on connected", listen(c, 1));
  SHOW("shutdown bad how", shutdown(c, 42));
  SHOW("send with MSG_OOB-like flag", send(c, "x", 1, 0x1000));
  close(c);
  close(lfd);

  /* Families, types and protocols. */
  SHOW("AF_UNIX socket", socket(AF_UNIX, SOCK_STREAM, 0));
  SHOW("AF_INET with UDP protocol for a stream", socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
  fd = socket(AF_INET, SOCK_STREAM, 0);
  len = loopback(AF_INET6, 0, &ss);
  SHOW("bind ipv6 address to ipv4 socket", bind(fd, (struct sockaddr *)&ss, len));
  SHOW("connect with short address", connect(fd, (struct sockaddr *)&ss, 4));
  int one = 1;
  SHOW("unknown option", setsockopt(fd, SOL_SOCKET, 9999, &one, sizeof one));
  SHOW("unknown level", setsockopt(fd, 12345, 1, &one, sizeof one));
  close(fd);
  fd = socket(AF_INET, SOCK_DGRAM, 0);
  SHOW("listen on udp", listen(fd, 1));
  SHOW("TCP_NODELAY on udp", setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
  close(fd);

  /* Not sockets at all. */
  SHOW("recv on stdout", recv(1, buf, sizeof buf, 0));
  SHOW("getsockname on stdout", getsockname(1, (struct sockaddr *)&name, &nlen));
  SHOW("send on a bad fd", send(999, "x", 1, 0));
  SHOW("close a bad fd", close(999));
  fflush(stdout);
  return 0;
}
