// shutdown() closes one direction only: after shutdown(SHUT_WR) the peer reads the data, then the
// end, and can still answer; a blocking recv() gets that answer and then 0. After SHUT_RD, the
// socket still sends. (preview2-shim destroyed the whole connection; our host half-closes it.)
#include "p2-test.h"

/* Reads until the end of the stream; prints what came and how the last recv ended. */
static void recv_to_end(const char *who, int fd) {
  char buf[64] = {0};
  size_t got = 0;
  ssize_t n;
  while ((n = recv(fd, buf + got, sizeof buf - 1 - got, 0)) > 0)
    got += (size_t)n;
  printf("%s got \"%s\", then %zd%s%s\n", who, buf, n, n < 0 ? " " : "", n < 0 ? errname(errno) : "");
}

int main(void) {
  int port;
  int lfd = bound_socket(AF_INET, SOCK_STREAM, &port);
  int c = connected_socket(AF_INET, port);
  int s = accept(lfd, NULL, NULL);
  CHECK(s >= 0);

  SHOW("client send", send(c, "question", 8, 0));
  SHOW("client shutdown SHUT_WR", shutdown(c, SHUT_WR));
  recv_to_end("server", s);
  SHOW("server send after the client's SHUT_WR", send(s, "answer", 6, 0));
  SHOW("server shutdown SHUT_WR", shutdown(s, SHUT_WR));
  recv_to_end("client", c);
  close(c);
  close(s);

  /* SHUT_RD on one side: it reads the end at once, and what it sends still arrives. */
  c = connected_socket(AF_INET, port);
  s = accept(lfd, NULL, NULL);
  CHECK(s >= 0);
  SHOW("server shutdown SHUT_RD", shutdown(s, SHUT_RD));
  SHOW("server recv after SHUT_RD", recv(s, (char[8]){0}, 8, 0));
  SHOW("server send after SHUT_RD", send(s, "still here", 10, 0));
  SHOW("server shutdown SHUT_WR", shutdown(s, SHUT_WR));
  recv_to_end("client", c);
  close(c);
  close(s);

  /* SHUT_RDWR: the peer reads the end. */
  c = connected_socket(AF_INET, port);
  s = accept(lfd, NULL, NULL);
  CHECK(s >= 0);
  SHOW("client send", send(c, "bye", 3, 0));
  SHOW("client shutdown SHUT_RDWR", shutdown(c, SHUT_RDWR));
  recv_to_end("server", s);
  close(c);
  close(s);
  close(lfd);
  return 0;
}
