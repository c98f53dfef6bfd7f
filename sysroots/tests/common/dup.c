// preopen: /sandbox
// dup, dup2, dup3 and fcntl(F_DUPFD, F_DUPFD_CLOEXEC) over libc's descriptor table: lowest free
// number, a shared file offset, FD_CLOEXEC per descriptor, EBADF/EINVAL as on Linux, EMFILE at
// the limit, stdout redirected with dup2 and put back.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

// Runs `call` with errno cleared; it must fail with `want`.
#define FAILS(call, want)                                                            \
  do {                                                                               \
    errno = 0;                                                                       \
    long r_ = (long)(call);                                                          \
    int e_ = errno;                                                                  \
    printf("%-40s -> %ld, %s\n", #call, r_, e_ == (want) ? #want : strerror(e_));    \
    if (r_ != -1 || e_ != (want)) failures++;                                        \
  } while (0)

int main(void) {
  int fd = open("/sandbox/f.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  printf("open: %d\n", fd);

  // The lowest free number, shared offset.
  int d = dup(fd);
  printf("dup: %d\n", d);
  CHECK(d == fd + 1);
  CHECK(write(fd, "abc", 3) == 3);
  CHECK(write(d, "def", 3) == 3);
  CHECK(lseek(fd, 0, SEEK_CUR) == 6);
  CHECK(lseek(d, 0, SEEK_SET) == 0);
  char buf[16] = {0};
  CHECK(read(fd, buf, sizeof buf - 1) == 6);
  printf("both wrote through one offset: %s\n", buf);

  // Closing the original keeps the file open through the copy; its number is free again.
  CHECK(close(fd) == 0);
  CHECK(pread(d, buf, 3, 3) == 3 && memcmp(buf, "def", 3) == 0);
  int again = dup(d);
  printf("dup after close reuses: %d\n", again);
  CHECK(again == fd);
  CHECK(close(again) == 0);

  // dup2 onto a chosen number, closing what was there.
  int other = open("/sandbox/g.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(other == fd);
  CHECK(dup2(d, 10) == 10);
  CHECK(dup2(d, other) == other);
  CHECK(lseek(other, 0, SEEK_END) == 6);  // now the first file
  CHECK(dup2(d, d) == d);
  printf("dup2: 10 and %d refer to the first file\n", other);

  // FD_CLOEXEC belongs to the number, not to the file.
  CHECK(fcntl(d, F_GETFD) == 0);
  CHECK(fcntl(d, F_SETFD, FD_CLOEXEC) == 0);
  CHECK(fcntl(d, F_GETFD) == FD_CLOEXEC);
  CHECK(fcntl(10, F_GETFD) == 0);
  int c = fcntl(d, F_DUPFD_CLOEXEC, 20);
  int n = fcntl(d, F_DUPFD, 20);
  printf("F_DUPFD_CLOEXEC from 20: %d (cloexec %d), F_DUPFD from 20: %d (cloexec %d)\n", c,
         fcntl(c, F_GETFD), n, fcntl(n, F_GETFD));
  CHECK(c == 20 && n == 21 && fcntl(c, F_GETFD) == FD_CLOEXEC && fcntl(n, F_GETFD) == 0);
  int c3 = dup3(d, 30, O_CLOEXEC);
  printf("dup3(O_CLOEXEC): %d, F_GETFD %d\n", c3, fcntl(c3, F_GETFD));
  CHECK(c3 == 30);
  CHECK(dup(d) >= 0 && fcntl(d, F_GETFD) == FD_CLOEXEC);  // dup keeps the original's flag
  int oc = open("/sandbox/f.txt", O_RDONLY | O_CLOEXEC);
  printf("open(O_CLOEXEC): F_GETFD %d; without: %d\n", fcntl(oc, F_GETFD), fcntl(10, F_GETFD));
  CHECK(fcntl(oc, F_GETFD) == FD_CLOEXEC);
  CHECK(close(oc) == 0);

  // Errors, as on Linux.
  FAILS(dup(-1), EBADF);
  FAILS(dup(999), EBADF);
  FAILS(dup2(999, 5), EBADF);
  FAILS(dup2(999, 999), EBADF);
  FAILS(dup2(d, -1), EBADF);
  FAILS(dup2(d, 1 << 20), EBADF);
  FAILS(dup3(d, d, 0), EINVAL);
  FAILS(dup3(d, 40, 12345), EINVAL);
  FAILS(fcntl(d, F_DUPFD, -1), EINVAL);
  FAILS(fcntl(999, F_DUPFD, 0), EBADF);
  FAILS(fcntl(999, F_GETFD), EBADF);
  FAILS(fcntl(999, F_SETFD, FD_CLOEXEC), EBADF);
  FAILS(close(999), EBADF);

  // EMFILE at the limit; then the freed number is the next one.
  int last = -1, count = 0;
  for (;;) {
    int x = dup(d);
    if (x < 0) break;
    last = x;
    count++;
  }
  int err = errno;
  printf("dup until it fails: last %d, then %s\n", last, err == EMFILE ? "EMFILE" : strerror(err));
  CHECK(err == EMFILE && last == 1023);
  CHECK(close(500) == 0);
  CHECK(dup(d) == 500);
  for (int i = 31; i <= last; i++) close(i);
  CHECK(count > 900);

  // stdout redirected into a file with dup2, then put back.
  fflush(stdout);
  int saved = dup(1);
  int out = open("/sandbox/out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK(dup2(out, 1) == 1);
  CHECK(close(out) == 0);
  printf("into the file\n");
  fflush(stdout);
  CHECK(dup2(saved, 1) == 1);
  CHECK(close(saved) == 0);
  int in = open("/sandbox/out.txt", O_RDONLY);
  memset(buf, 0, sizeof buf);
  CHECK(read(in, buf, sizeof buf - 1) == 14);
  close(in);
  printf("the file holds: %s", buf);

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
