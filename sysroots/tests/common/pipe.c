// triples: wasm32-wasip1 wasm32-wasip2
// pipe and pipe2: read/write, readv/writev, poll and select readiness, F_GETFL/F_SETFL with
// O_NONBLOCK, fstat, EOF once the writer is gone, EPIPE (no signal) once the reader is gone,
// the self-pipe trick of event loops, and what a blocking read of an empty pipe does in a
// single-threaded program (EDEADLK instead of hanging).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static short revents(int fd, short events) {
  struct pollfd p = {.fd = fd, .events = events};
  int n = poll(&p, 1, 0);
  return n < 0 ? -1 : p.revents;
}

int main(void) {
  int p[2];
  CHECK(pipe(p) == 0);
  printf("pipe: %d %d\n", p[0], p[1]);

  struct stat st;
  CHECK(fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode));
  CHECK((fcntl(p[0], F_GETFL) & O_ACCMODE) == O_RDONLY);
  CHECK((fcntl(p[1], F_GETFL) & O_ACCMODE) == O_WRONLY);
  CHECK(fcntl(p[0], F_GETFD) == 0);

  // Nothing to read yet; the write end is writable.
  printf("empty: read end revents %#x, write end %#x\n", revents(p[0], POLLIN),
         revents(p[1], POLLOUT));
  CHECK(write(p[1], "hello", 5) == 5);
  printf("after write: read end revents %#x\n", revents(p[0], POLLIN));
  char buf[64] = {0};
  CHECK(read(p[0], buf, 2) == 2);
  CHECK(read(p[0], buf + 2, sizeof buf) == 3);
  printf("read back: %s\n", buf);

  // readv/writev across buffers.
  struct iovec out[2] = {{"ab", 2}, {"cde", 3}};
  CHECK(writev(p[1], out, 2) == 5);
  char x[3] = {0}, y[8] = {0};
  struct iovec in[2] = {{x, 2}, {y, 7}};
  CHECK(readv(p[0], in, 2) == 5);
  printf("readv: %s + %s\n", x, y);

  // A blocking read of an empty pipe whose writer is this very program would never end.
  errno = 0;
  ssize_t r = read(p[0], buf, 1);
  printf("blocking read of an empty pipe: %zd, %s\n", r, errno == EDEADLK ? "EDEADLK" : strerror(errno));
  CHECK(r == -1 && errno == EDEADLK);

  // O_NONBLOCK through fcntl: EAGAIN when empty.
  CHECK(fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK) == 0);
  CHECK(fcntl(p[0], F_GETFL) & O_NONBLOCK);
  errno = 0;
  CHECK(read(p[0], buf, 1) == -1 && errno == EAGAIN);

  // select sees the same readiness.
  fd_set rs, ws;
  FD_ZERO(&rs);
  FD_ZERO(&ws);
  FD_SET(p[0], &rs);
  FD_SET(p[1], &ws);
  struct timeval tv = {0, 0};
  int n = select(p[1] + 1, &rs, &ws, NULL, &tv);
  printf("select on empty pipe: %d ready, read end %d, write end %d\n", n, FD_ISSET(p[0], &rs),
         FD_ISSET(p[1], &ws));
  CHECK(n == 1 && !FD_ISSET(p[0], &rs) && FD_ISSET(p[1], &ws));

  // Writer gone: the rest, then end of file; poll says POLLHUP.
  CHECK(write(p[1], "bye", 3) == 3);
  CHECK(close(p[1]) == 0);
  printf("writer closed with data left: revents %#x\n", revents(p[0], POLLIN));
  memset(buf, 0, sizeof buf);
  CHECK(read(p[0], buf, sizeof buf) == 3);
  CHECK(read(p[0], buf, sizeof buf) == 0);
  printf("then: %s, EOF, revents %#x\n", buf, revents(p[0], POLLIN));
  CHECK(close(p[0]) == 0);

  // Reader gone: EPIPE, and the program carries on.
  CHECK(pipe2(p, O_CLOEXEC) == 0);
  CHECK(fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC);
  CHECK(close(p[0]) == 0);
  errno = 0;
  r = write(p[1], "x", 1);
  printf("write with the reader gone: %zd, %s; revents %#x\n", r, errno == EPIPE ? "EPIPE" : strerror(errno),
         revents(p[1], POLLOUT));
  CHECK(r == -1 && errno == EPIPE);
  CHECK(close(p[1]) == 0);

  // The self-pipe trick: a non-blocking pipe written until full wakes a poll loop.
  CHECK(pipe2(p, O_NONBLOCK) == 0);
  long total = 0;
  for (;;) {
    ssize_t w = write(p[1], buf, sizeof buf);
    if (w < 0) break;
    total += w;
  }
  printf("non-blocking writes until %s: %ld bytes buffered\n", errno == EAGAIN ? "EAGAIN" : strerror(errno), total);
  CHECK(errno == EAGAIN && total == 65536);
  struct pollfd pf[2] = {{.fd = p[0], .events = POLLIN}, {.fd = p[1], .events = POLLOUT}};
  n = poll(pf, 2, -1);
  printf("poll: %d ready, read end %#x, write end %#x\n", n, pf[0].revents, pf[1].revents);
  long drained = 0;
  while ((r = read(p[0], buf, sizeof buf)) > 0) drained += r;
  printf("drained %ld, then %s\n", drained, errno == EAGAIN ? "EAGAIN" : strerror(errno));
  CHECK(drained == total);

  // A dup of the write end keeps the pipe open.
  int w2 = dup(p[1]);
  CHECK(close(p[1]) == 0);
  CHECK(write(w2, "!", 1) == 1);
  CHECK(close(w2) == 0);
  CHECK(read(p[0], buf, sizeof buf) == 1);
  CHECK(read(p[0], buf, sizeof buf) == 0);
  CHECK(close(p[0]) == 0);

  errno = 0;
  CHECK(pipe2(p, 0x1234) == -1 && errno == EINVAL);
  errno = 0;
  CHECK(lseek(p[0], 0, SEEK_SET) == -1 && errno == EBADF);

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
