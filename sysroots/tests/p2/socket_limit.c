// The descriptor limit holds for sockets as for files: 1,024 numbers, sockets past the
// adapter's own table (which held 125) included, then EMFILE from socket() and accept(); a
// freed number is the next one handed out; sockets numbered above 1,000 carry data.
#include "p2-test.h"

int main(void) {
  int port;
  int lfd = bound_socket(AF_INET, SOCK_STREAM, &port);
  int c = connected_socket(AF_INET, port);
  static int fds[1024];
  int n = 0, last = -1;
  for (;;) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
      break;
    fds[n++] = fd;
    last = fd;
  }
  int err = errno;
  printf("sockets until it fails: last %d, then %s\n", last, errname(err));
  CHECK(err == EMFILE && last == 1023);
  SHOW("accept at the limit", accept(lfd, NULL, NULL));

  // Free one number in the middle: it is the next one.
  CHECK(close(fds[500]) == 0);
  int again = socket(AF_INET, SOCK_STREAM, 0);
  printf("after close(%d): socket() gives %d\n", fds[500], again);
  CHECK(again == fds[500]);

  // Free the top number: the pending connection is accepted there, and carries data.
  CHECK(close(fds[n - 1]) == 0);
  int s = accept(lfd, NULL, NULL);
  printf("accepted as %d\n", s);
  CHECK(s == 1023);
  send_all(c, "high", 4);
  char buf[8] = {0};
  SHOW("recv on 1023", recv(s, buf, sizeof buf, 0));
  printf("got: %s\n", buf);
  puts("done");
  return 0;
}
