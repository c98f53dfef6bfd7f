// TCP client and server in one program, blocking calls, IPv4 and IPv6.
#include <poll.h>
#include <sys/uio.h>

#include "p2-test.h"

static void run(int family) {
  printf("== %s\n", family == AF_INET ? "ipv4" : "ipv6");
  int port;
  int lfd = bound_socket(family, SOCK_STREAM, &port);
  int c = connected_socket(family, port);

  struct sockaddr_storage peer;
  socklen_t plen = sizeof peer;
  int s = accept(lfd, (struct sockaddr *)&peer, &plen);
  CHECK(s >= 0);
  printf("accepted family ok: %d\n", peer.ss_family == family);
  printf("peer port is the client's: %d\n",
         ntohs(family == AF_INET ? ((struct sockaddr_in *)&peer)->sin_port
                                 : ((struct sockaddr_in6 *)&peer)->sin6_port) == port_of(c));
  char text[64];
  inet_ntop(family,
            family == AF_INET ? (void *)&((struct sockaddr_in *)&peer)->sin_addr
                              : (void *)&((struct sockaddr_in6 *)&peer)->sin6_addr,
            text, sizeof text);
  printf("peer address: %s\n", text);

  struct sockaddr_storage name;
  socklen_t nlen = sizeof name;
  CHECK(getpeername(c, (struct sockaddr *)&name, &nlen) == 0);
  printf("client's peer port is the listener's: %d\n",
         ntohs(family == AF_INET ? ((struct sockaddr_in *)&name)->sin_port
                                 : ((struct sockaddr_in6 *)&name)->sin6_port) == port);

  SHOW("send", send(c, "ping", 4, 0));
  char buf[64] = {0};
  recv_all(s, buf, 4);
  printf("server got: %.4s\n", buf);
  SHOW("write", write(s, "pong!", 5));
  memset(buf, 0, sizeof buf);
  recv_all(c, buf, 5);
  printf("client got: %.5s\n", buf);

  struct iovec iov[3] = {{"ab", 2}, {"", 0}, {"cdef", 4}};
  SHOW("writev", writev(c, iov, 3));
  char x[3] = {0}, y[3] = {0};
  struct iovec riov[2] = {{x, 3}, {y, 3}};
  recv_all(s, x, 1);
  riov[0].iov_base = x + 1;
  riov[0].iov_len = 2;
  /* The rest (5 bytes) may have to be waited for; readv returns what there is. */
  size_t got = 1;
  while (got < 6) {
    ssize_t n = readv(s, riov, 2);
    CHECK(n > 0);
    got += (size_t)n;
    size_t used = (size_t)n;
    for (int i = 0; i < 2; i++) {
      size_t k = used < riov[i].iov_len ? used : riov[i].iov_len;
      riov[i].iov_base = (char *)riov[i].iov_base + k;
      riov[i].iov_len -= k;
      used -= k;
    }
  }
  printf("readv: %.3s|%.3s\n", x, y);

  /* MSG_WAITALL waits for all of it. */
  SHOW("send 1", send(c, "1", 1, 0));
  SHOW("send 23", send(c, "23", 2, 0));
  memset(buf, 0, sizeof buf);
  SHOW("recv waitall", recv(s, buf, 3, MSG_WAITALL));
  printf("waitall got: %s\n", buf);

  /* MSG_PEEK leaves the bytes in place. */
  SHOW("send peek", send(c, "peekaboo", 8, 0));
  memset(buf, 0, sizeof buf);
  SHOW("recv peek", recv(s, buf, 4, MSG_PEEK | MSG_WAITALL));
  printf("peeked: %s\n", buf);
  memset(buf, 0, sizeof buf);
  recv_all(s, buf, 8);
  printf("then read: %s\n", buf);

  /* The client hangs up: the server reads the end of the stream. */
  CHECK(close(c) == 0);
  SHOW("recv after peer close", recv(s, buf, sizeof buf, 0));
  SHOW("recv again", recv(s, buf, sizeof buf, 0));
  SHOW("read after peer close", read(s, buf, sizeof buf));
  CHECK(close(s) == 0);
  CHECK(close(lfd) == 0);
  SHOW("close again", close(lfd));
}

int main(void) {
  run(AF_INET);
  run(AF_INET6);
  return 0;
}
