// preopen: /sandbox
// poll on regular files is always ready (node:wasi alone fails it with EPERM); a closed number
// gives POLLNVAL, also when listed before a valid descriptor (node:wasi alone crashes on that);
// ppoll and pselect with timeouts; the POLLPRI/POLLRDNORM/POLLWRNORM constants.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

int main(void) {
  int fd = open("/sandbox/p.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  struct pollfd p[3] = {{.fd = 77, .events = POLLIN}, {.fd = fd, .events = POLLIN | POLLOUT},
                        {.fd = -1, .events = POLLIN}};
  int n = poll(p, 3, -1);
  printf("poll(closed, file, -1): %d; revents %#x %#x %#x\n", n, p[0].revents, p[1].revents, p[2].revents);
  CHECK(n == 2 && p[0].revents == POLLNVAL && p[1].revents == (POLLIN | POLLOUT) && p[2].revents == 0);

  struct timespec ts = {0, 1000000};
  struct pollfd q = {.fd = 77, .events = POLLIN};
  n = ppoll(&q, 1, &ts, NULL);
  printf("ppoll(closed): %d, revents %#x\n", n, q.revents);
  CHECK(n == 1 && q.revents == POLLNVAL);
  struct pollfd f = {.fd = fd, .events = POLLRDNORM | POLLWRNORM | POLLPRI};
  n = ppoll(&f, 1, &ts, NULL);
  printf("ppoll(file, POLLRDNORM|POLLWRNORM|POLLPRI): %d, revents %#x\n", n, f.revents);
  CHECK(n == 1 && f.revents == (POLLRDNORM | POLLWRNORM));
  printf("POLLPRI %#x differs from POLLIN %#x and POLLOUT %#x\n", POLLPRI, POLLIN, POLLOUT);
  CHECK(POLLPRI != POLLIN && POLLPRI != POLLOUT && POLLRDNORM == POLLIN && POLLWRNORM == POLLOUT);

  fd_set rs;
  FD_ZERO(&rs);
  FD_SET(fd, &rs);
  n = pselect(fd + 1, &rs, NULL, NULL, &ts, NULL);
  printf("pselect(file): %d, set %d\n", n, FD_ISSET(fd, &rs));
  CHECK(n == 1 && FD_ISSET(fd, &rs));
  FD_ZERO(&rs);
  FD_SET(77, &rs);
  errno = 0;
  n = pselect(78, &rs, NULL, NULL, &ts, NULL);
  printf("pselect(closed): %d, %s\n", n, errno == EBADF ? "EBADF" : strerror(errno));
  CHECK(n == -1 && errno == EBADF);
  struct timespec zero = {0, 0};
  n = pselect(0, NULL, NULL, NULL, &zero, NULL);
  printf("pselect(nothing, 0 s): %d\n", n);
  CHECK(n == 0);

  close(fd);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
