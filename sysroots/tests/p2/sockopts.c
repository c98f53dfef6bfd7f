// getsockopt / setsockopt.
#include <netinet/tcp.h>
#include <sys/time.h>

#include "p2-test.h"

static int get(int fd, int level, int name) {
  int v = -12345;
  socklen_t len = sizeof v;
  if (getsockopt(fd, level, name, &v, &len) != 0)
    return -1000 - errno;
  CHECK(len == sizeof v);
  return v;
}

static void set(const char *what, int fd, int level, int name, int v) {
  SHOW(what, setsockopt(fd, level, name, &v, sizeof v));
}

int main(void) {
  int t = socket(AF_INET, SOCK_STREAM, 0);
  int u = socket(AF_INET6, SOCK_DGRAM, 0);
  printf("SO_TYPE: %d %d\n", get(t, SOL_SOCKET, SO_TYPE) == SOCK_STREAM,
         get(u, SOL_SOCKET, SO_TYPE) == SOCK_DGRAM);
  printf("SO_DOMAIN: %d %d\n", get(t, SOL_SOCKET, SO_DOMAIN) == AF_INET,
         get(u, SOL_SOCKET, SO_DOMAIN) == AF_INET6);
  printf("SO_PROTOCOL: %d %d\n", get(t, SOL_SOCKET, SO_PROTOCOL) == IPPROTO_TCP,
         get(u, SOL_SOCKET, SO_PROTOCOL) == IPPROTO_UDP);
  printf("SO_ERROR: %d\n", get(t, SOL_SOCKET, SO_ERROR));

  printf("SO_REUSEADDR: %d\n", get(t, SOL_SOCKET, SO_REUSEADDR));
  set("set SO_REUSEADDR", t, SOL_SOCKET, SO_REUSEADDR, 1);
  printf("SO_REUSEADDR: %d\n", get(t, SOL_SOCKET, SO_REUSEADDR));

  printf("SO_KEEPALIVE: %d\n", get(t, SOL_SOCKET, SO_KEEPALIVE));
  set("set SO_KEEPALIVE", t, SOL_SOCKET, SO_KEEPALIVE, 1);
  printf("SO_KEEPALIVE: %d\n", get(t, SOL_SOCKET, SO_KEEPALIVE));
  set("set TCP_KEEPIDLE", t, IPPROTO_TCP, TCP_KEEPIDLE, 30);
  printf("TCP_KEEPIDLE: %d\n", get(t, IPPROTO_TCP, TCP_KEEPIDLE));
  set("set TCP_KEEPCNT", t, IPPROTO_TCP, TCP_KEEPCNT, 5);
  printf("TCP_KEEPCNT: %d\n", get(t, IPPROTO_TCP, TCP_KEEPCNT));

  printf("TCP_NODELAY: %d\n", get(t, IPPROTO_TCP, TCP_NODELAY));
  set("set TCP_NODELAY", t, IPPROTO_TCP, TCP_NODELAY, 1);
  printf("TCP_NODELAY: %d\n", get(t, IPPROTO_TCP, TCP_NODELAY));

  printf("SO_RCVBUF positive: %d\n", get(t, SOL_SOCKET, SO_RCVBUF) > 0);
  printf("SO_SNDBUF positive: %d\n", get(t, SOL_SOCKET, SO_SNDBUF) > 0);
  set("set SO_RCVBUF", t, SOL_SOCKET, SO_RCVBUF, 65536);
  set("set SO_SNDBUF", t, SOL_SOCKET, SO_SNDBUF, 65536);
  printf("SO_RCVBUF set: %d\n", get(t, SOL_SOCKET, SO_RCVBUF) >= 65536);
  set("set SO_SNDBUF 0", t, SOL_SOCKET, SO_SNDBUF, 0);

  set("set IP_TTL", t, IPPROTO_IP, IP_TTL, 33);
  printf("IP_TTL: %d\n", get(t, IPPROTO_IP, IP_TTL));
  set("set IP_TTL 0", t, IPPROTO_IP, IP_TTL, 0);
  set("set IP_TTL on udp v6", u, IPPROTO_IP, IP_TTL, 5);
  set("set IPV6_UNICAST_HOPS", u, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 7);
  printf("IPV6_UNICAST_HOPS: %d\n", get(u, IPPROTO_IPV6, IPV6_UNICAST_HOPS));
  printf("IPV6_V6ONLY: %d\n", get(u, IPPROTO_IPV6, IPV6_V6ONLY));
  set("set IPV6_V6ONLY 1", u, IPPROTO_IPV6, IPV6_V6ONLY, 1);
  set("set IPV6_V6ONLY 0", u, IPPROTO_IPV6, IPV6_V6ONLY, 0);
  set("set IPV6_V6ONLY on v4", t, IPPROTO_IPV6, IPV6_V6ONLY, 1);

  /* Receive timeout: recv gives up with EAGAIN. */
  struct timeval tv = {0, 0};
  socklen_t len = sizeof tv;
  CHECK(getsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, &len) == 0);
  printf("SO_RCVTIMEO: %lld.%06ld\n", (long long)tv.tv_sec, (long)tv.tv_usec);
  tv.tv_sec = 0;
  tv.tv_usec = 100000;
  CHECK(setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0);
  CHECK(getsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, &len) == 0);
  printf("SO_RCVTIMEO: %lld.%06ld\n", (long long)tv.tv_sec, (long)tv.tv_usec);
  struct sockaddr_storage ss;
  socklen_t sl = loopback(AF_INET6, 0, &ss);
  CHECK(bind(u, (struct sockaddr *)&ss, sl) == 0);
  char buf[8];
  SHOW("udp recv with timeout", recv(u, buf, sizeof buf, 0));

  int port;
  int lfd = bound_socket(AF_INET, SOCK_STREAM, &port);
  printf("SO_ACCEPTCONN: %d %d\n", get(lfd, SOL_SOCKET, SO_ACCEPTCONN), get(t, SOL_SOCKET, SO_ACCEPTCONN));
  CHECK(setsockopt(lfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0);
  SHOW("accept with timeout", accept(lfd, NULL, NULL));
  int c = connected_socket(AF_INET, port);
  CHECK(setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0);
  SHOW("tcp recv with timeout", recv(c, buf, sizeof buf, 0));
  tv.tv_usec = 0;
  tv.tv_sec = 1;
  CHECK(setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) == 0);
  CHECK(getsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, &len) == 0);
  printf("SO_SNDTIMEO: %lld.%06ld\n", (long long)tv.tv_sec, (long)tv.tv_usec);
  tv.tv_usec = 2000000;
  SHOW("bad timeval", setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
  int small = 0;
  socklen_t slen = 1;
  SHOW("short optlen", getsockopt(c, SOL_SOCKET, SO_TYPE, &small, &slen));
  close(c);
  close(lfd);
  close(t);
  close(u);
  return 0;
}
