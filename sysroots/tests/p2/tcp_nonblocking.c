// Non-blocking connect and accept driven by poll(); O_NONBLOCK, FIONBIO, FIONREAD.
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>

#include "p2-test.h"

static int wait_for(int fd, short events) {
  struct pollfd p = {.fd = fd, .events = events};
  int n = poll(&p, 1, 10000);
  CHECK(n == 1);
  return p.revents;
}

int main(void) {
  int port;
  int lfd = bound_socket(AF_INET, SOCK_STREAM, &port);
  CHECK(fcntl(lfd, F_SETFL, fcntl(lfd, F_GETFL) | O_NONBLOCK) == 0);
  printf("listener O_NONBLOCK: %d\n", (fcntl(lfd, F_GETFL) & O_NONBLOCK) != 0);
  SHOW("accept with nothing pending", accept(lfd, NULL, NULL));

  struct pollfd p = {.fd = lfd, .events = POLLIN};
  SHOW("poll listener, 0 ms", poll(&p, 1, 0));

  int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  CHECK(c >= 0);
  printf("client O_NONBLOCK: %d\n", (fcntl(c, F_GETFL) & O_NONBLOCK) != 0);
  struct sockaddr_storage ss;
  socklen_t len = loopback(AF_INET, port, &ss);
  SHOW("connect", connect(c, (struct sockaddr *)&ss, len));

  int re = wait_for(c, POLLOUT);
  printf("client revents: %s\n", re == POLLOUT ? "POLLOUT" : "other");
  int err = -1;
  socklen_t elen = sizeof err;
  CHECK(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &elen) == 0);
  printf("SO_ERROR: %s\n", errname(err));
  SHOW("connect again", connect(c, (struct sockaddr *)&ss, len));

  re = wait_for(lfd, POLLIN);
  printf("listener revents: %s\n", re == POLLIN ? "POLLIN" : "other");
  int s = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
  CHECK(s >= 0);
  printf("accepted O_NONBLOCK: %d\n", (fcntl(s, F_GETFL) & O_NONBLOCK) != 0);
  SHOW("accept again", accept(lfd, NULL, NULL));

  char buf[64];
  SHOW("recv on empty", recv(s, buf, sizeof buf, 0));
  p = (struct pollfd){.fd = s, .events = POLLIN | POLLOUT};
  CHECK(poll(&p, 1, 10000) == 1);
  printf("idle connection revents: %s\n", p.revents == POLLOUT ? "POLLOUT" : "other");

  SHOW("send", send(c, "hello", 5, 0));
  re = wait_for(s, POLLIN);
  printf("after send revents: %s\n", re & POLLIN ? "POLLIN" : "other");
  int avail = -1;
  CHECK(ioctl(s, FIONREAD, &avail) == 0);
  printf("FIONREAD: %d\n", avail);
  SHOW("recv", recv(s, buf, sizeof buf, 0));
  SHOW("recv again", recv(s, buf, sizeof buf, 0));

  /* FIONBIO back to blocking: recv waits for the data. */
  int off = 0;
  CHECK(ioctl(s, FIONBIO, &off) == 0);
  printf("O_NONBLOCK after FIONBIO 0: %d\n", (fcntl(s, F_GETFL) & O_NONBLOCK) != 0);
  SHOW("send 2", send(c, "world", 5, 0));
  memset(buf, 0, sizeof buf);
  SHOW("blocking recv", recv(s, buf, 5, MSG_WAITALL));
  printf("data: %s\n", buf);
  /* MSG_DONTWAIT on a blocking socket. */
  SHOW("recv MSG_DONTWAIT", recv(s, buf, sizeof buf, MSG_DONTWAIT));

  /* A non-blocking sender eventually fills the connection: EAGAIN, and
   * POLLOUT comes back once the peer reads. */
  static char chunk[65536];
  memset(chunk, 'x', sizeof chunk);
  long total = 0;
  for (int i = 0; i < 100000; i++) {
    ssize_t n = send(c, chunk, sizeof chunk, 0);
    if (n < 0) {
      printf("filled the connection: %s\n", errname(errno));
      break;
    }
    total += n;
  }
  long drained = 0;
  static char sink[65536];
  while (drained < total) {
    ssize_t n = recv(s, sink, sizeof sink, 0);
    CHECK(n > 0);
    drained += n;
  }
  re = wait_for(c, POLLOUT);
  printf("writable again: %s\n", re & POLLOUT ? "POLLOUT" : "other");

  close(c);
  re = wait_for(s, POLLIN);
  printf("peer closed revents has POLLIN: %d\n", (re & POLLIN) != 0);
  SHOW("recv at end", recv(s, buf, sizeof buf, 0));
  close(s);
  close(lfd);

  /* An invalid descriptor in a poll set. */
  struct pollfd bad = {.fd = 12345, .events = POLLIN};
  SHOW("poll bad fd", poll(&bad, 1, 0));
  printf("revents: %s\n", bad.revents == POLLNVAL ? "POLLNVAL" : "other");
  return 0;
}
