// A non-blocking client and server in one program driven by select(), with a
// regular file in the same sets.
// preopen: /sandbox
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/select.h>

#include "p2-test.h"

static int sel(int nfds, fd_set *r, fd_set *w, int ms) {
  struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
  return select(nfds, r, w, NULL, &tv);
}

int main(void) {
  int file = open("/sandbox/data.txt", O_CREAT | O_RDWR, 0644);
  CHECK(file >= 0);
  CHECK(write(file, "file data", 9) == 9);

  int port;
  int lfd = bound_socket(AF_INET6, SOCK_STREAM, &port);
  int on = 1;
  CHECK(ioctl(lfd, FIONBIO, &on) == 0);

  fd_set r, w;
  FD_ZERO(&r);
  FD_SET(lfd, &r);
  SHOW("select idle listener", sel(lfd + 1, &r, NULL, 0));
  printf("listener readable: %d\n", FD_ISSET(lfd, &r));

  int c = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, 0);
  CHECK(c >= 0);
  struct sockaddr_storage ss;
  socklen_t len = loopback(AF_INET6, port, &ss);
  SHOW("connect", connect(c, (struct sockaddr *)&ss, len));

  /* Wait for both: the connection to complete and the listener to have it. */
  int connected = 0, accepted = -1;
  for (int round = 0; round < 100 && (!connected || accepted < 0); round++) {
    FD_ZERO(&r);
    FD_ZERO(&w);
    if (accepted < 0)
      FD_SET(lfd, &r);
    if (!connected)
      FD_SET(c, &w);
    int n = sel((c > lfd ? c : lfd) + 1, &r, &w, 5000);
    CHECK(n > 0);
    if (FD_ISSET(c, &w)) {
      int err = -1;
      socklen_t elen = sizeof err;
      CHECK(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &elen) == 0);
      printf("connect finished: %s\n", errname(err));
      connected = 1;
    }
    if (FD_ISSET(lfd, &r)) {
      accepted = accept(lfd, NULL, NULL);
      CHECK(accepted >= 0);
      printf("accepted\n");
    }
  }
  CHECK(connected && accepted >= 0);

  /* Nothing to read yet; the file is always ready. */
  FD_ZERO(&r);
  FD_SET(accepted, &r);
  FD_SET(file, &r);
  int max = accepted > file ? accepted : file;
  SHOW("select socket+file", sel(max + 1, &r, NULL, 0));
  printf("socket readable: %d, file readable: %d\n", FD_ISSET(accepted, &r), FD_ISSET(file, &r));

  SHOW("send", send(c, "over select", 11, 0));
  FD_ZERO(&r);
  FD_SET(accepted, &r);
  SHOW("select socket", sel(accepted + 1, &r, NULL, 5000));
  printf("socket readable: %d\n", FD_ISSET(accepted, &r));
  char buf[32] = {0};
  SHOW("recv", recv(accepted, buf, sizeof buf - 1, 0));
  printf("got: %s\n", buf);

  /* The socket's write side and the file, in the write set. */
  FD_ZERO(&w);
  FD_SET(accepted, &w);
  FD_SET(file, &w);
  SHOW("select writable", sel(max + 1, NULL, &w, 5000));
  printf("socket writable: %d, file writable: %d\n", FD_ISSET(accepted, &w), FD_ISSET(file, &w));

  /* A timeout with nothing ready. */
  FD_ZERO(&r);
  FD_SET(c, &r);
  SHOW("select timeout", sel(c + 1, &r, NULL, 50));
  printf("client readable: %d\n", FD_ISSET(c, &r));

  /* A closed descriptor is an error for select. */
  int gone = socket(AF_INET, SOCK_STREAM, 0);
  CHECK(close(gone) == 0);
  FD_ZERO(&r);
  FD_SET(gone, &r);
  SHOW("select closed fd", sel(gone + 1, &r, NULL, 0));

  CHECK(lseek(file, 0, SEEK_SET) == 0);
  memset(buf, 0, sizeof buf);
  SHOW("file read", read(file, buf, sizeof buf - 1));
  printf("file: %s\n", buf);
  close(file);
  close(c);
  close(accepted);
  close(lfd);
  return 0;
}
