// shutdown(), and ppoll() with a timespec.
#define _GNU_SOURCE
#include <poll.h>
#include <time.h>

#include "p2-test.h"

int main(void) {
  int port;
  int lfd = bound_socket(AF_INET, SOCK_STREAM, &port);
  int c = connected_socket(AF_INET, port);
  int s = accept(lfd, NULL, NULL);
  CHECK(s >= 0);

  /* Sent data is delivered before the end of the stream. */
  SHOW("send", send(c, "last words", 10, 0));
  SHOW("shutdown SHUT_WR", shutdown(c, SHUT_WR));
  SHOW("send after SHUT_WR", send(c, "more", 4, MSG_NOSIGNAL));
  char buf[32] = {0};
  recv_all(s, buf, 10);
  printf("server got: %s\n", buf);
  struct pollfd p = {.fd = s, .events = POLLIN};
  struct timespec ts = {5, 0};
  SHOW("ppoll", ppoll(&p, 1, &ts, NULL));
  printf("revents POLLIN: %d\n", (p.revents & POLLIN) != 0);
  SHOW("recv at end", recv(s, buf, sizeof buf, 0));

  /* SHUT_RD: reads report the end at once. */
  SHOW("shutdown SHUT_RD", shutdown(s, SHUT_RD));
  SHOW("recv after SHUT_RD", recv(s, buf, sizeof buf, 0));

  /* ppoll with a zero timeout and nothing ready. */
  int c2 = connected_socket(AF_INET, port);
  int s2 = accept(lfd, NULL, NULL);
  p = (struct pollfd){.fd = s2, .events = POLLIN};
  ts = (struct timespec){0, 0};
  SHOW("ppoll, nothing ready", ppoll(&p, 1, &ts, NULL));
  ts = (struct timespec){0, 2000000000L};
  SHOW("ppoll, bad timespec", ppoll(&p, 1, &ts, NULL));

  close(c2);
  close(s2);
  close(c);
  close(s);
  close(lfd);
  return 0;
}
