// UDP: unconnected and connected round trips, IPv4 and IPv6, MSG_PEEK,
// MSG_TRUNC, poll, FIONREAD, non-blocking receive.
#include <poll.h>
#include <sys/ioctl.h>

#include "p2-test.h"

static int port_in(const struct sockaddr_storage *ss) {
  return ntohs(ss->ss_family == AF_INET6 ? ((const struct sockaddr_in6 *)ss)->sin6_port
                                         : ((const struct sockaddr_in *)ss)->sin_port);
}

static void run(int family) {
  printf("== %s\n", family == AF_INET ? "ipv4" : "ipv6");
  int pa, pb;
  int a = bound_socket(family, SOCK_DGRAM, &pa);
  int b = bound_socket(family, SOCK_DGRAM, &pb);
  struct sockaddr_storage to, from;
  socklen_t tolen = loopback(family, pb, &to), fromlen;

  /* Unconnected: sendto / recvfrom, and the sender's address. */
  SHOW("sendto", sendto(a, "datagram one", 12, 0, (struct sockaddr *)&to, tolen));
  char buf[64] = {0};
  fromlen = sizeof from;
  SHOW("recvfrom", recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen));
  printf("got: %s, from the sender's port: %d, family ok: %d\n", buf, port_in(&from) == pa,
         from.ss_family == family);
  SHOW("reply", sendto(b, "reply", 5, 0, (struct sockaddr *)&from, fromlen));
  memset(buf, 0, sizeof buf);
  SHOW("recv reply", recv(a, buf, sizeof buf, 0));
  printf("got: %s\n", buf);

  /* Nothing waiting: non-blocking receive and poll. */
  SHOW("recv MSG_DONTWAIT", recv(b, buf, sizeof buf, MSG_DONTWAIT));
  struct pollfd p = {.fd = b, .events = POLLIN};
  SHOW("poll empty", poll(&p, 1, 0));

  /* Connected: send / recv without addresses, getpeername. */
  CHECK(connect(a, (struct sockaddr *)&to, tolen) == 0);
  struct sockaddr_storage peer;
  socklen_t plen = sizeof peer;
  CHECK(getpeername(a, (struct sockaddr *)&peer, &plen) == 0);
  printf("peer port: %d\n", port_in(&peer) == pb);
  SHOW("send connected", send(a, "connected!", 10, 0));
  p.revents = 0;
  SHOW("poll", poll(&p, 1, 5000));
  printf("revents POLLIN: %d\n", (p.revents & POLLIN) != 0);
  int avail = -1;
  CHECK(ioctl(b, FIONREAD, &avail) == 0);
  printf("FIONREAD: %d\n", avail);
  memset(buf, 0, sizeof buf);
  SHOW("peek", recv(b, buf, 4, MSG_PEEK));
  printf("peeked: %s\n", buf);
  memset(buf, 0, sizeof buf);
  SHOW("truncated read with MSG_TRUNC", recv(b, buf, 3, MSG_TRUNC));
  printf("kept: %s\n", buf);

  /* Datagram boundaries are kept. */
  SHOW("send 1", send(a, "first", 5, 0));
  SHOW("send 2", send(a, "second", 6, 0));
  memset(buf, 0, sizeof buf);
  SHOW("recv 1", recv(b, buf, sizeof buf, 0));
  printf("got: %s\n", buf);
  memset(buf, 0, sizeof buf);
  SHOW("recv 2", read(b, buf, sizeof buf));
  printf("got: %s\n", buf);

  /* A connected socket's send needs no address; an unconnected one does. */
  SHOW("send unconnected", send(b, "x", 1, 0));
  /* Disconnect with AF_UNSPEC. */
  struct sockaddr unspec = {.sa_family = AF_UNSPEC};
  SHOW("disconnect", connect(a, &unspec, sizeof unspec));
  SHOW("send after disconnect", send(a, "x", 1, 0));
  SHOW("sendto after disconnect", sendto(a, "again", 5, 0, (struct sockaddr *)&to, tolen));
  memset(buf, 0, sizeof buf);
  SHOW("recv", recv(b, buf, sizeof buf, 0));
  printf("got: %s\n", buf);
  close(a);
  close(b);

  /* The first sendto binds an unbound socket to an ephemeral port. */
  int pc;
  int c = bound_socket(family, SOCK_DGRAM, &pc);
  int d = socket(family, SOCK_DGRAM, 0);
  CHECK(d >= 0);
  struct sockaddr_storage dname;
  socklen_t dlen = sizeof dname;
  CHECK(getsockname(d, (struct sockaddr *)&dname, &dlen) == 0);
  printf("unbound port: %d\n", port_in(&dname));
  tolen = loopback(family, pc, &to);
  SHOW("sendto from unbound", sendto(d, "auto", 4, 0, (struct sockaddr *)&to, tolen));
  dlen = sizeof dname;
  CHECK(getsockname(d, (struct sockaddr *)&dname, &dlen) == 0);
  memset(buf, 0, sizeof buf);
  fromlen = sizeof from;
  SHOW("recvfrom", recvfrom(c, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen));
  printf("got: %s, port assigned and matching: %d\n", buf,
         port_in(&dname) != 0 && port_in(&dname) == port_in(&from));
  close(c);
  close(d);
}

int main(void) {
  run(AF_INET);
  run(AF_INET6);
  return 0;
}
