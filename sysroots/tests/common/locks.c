// preopen: /sandbox
// Record locks (F_GETLK, F_SETLK, F_SETLKW) and flock with the POSIX constants. A WASI program
// is one process: locks are granted once their arguments are checked, F_GETLK finds no
// conflicting lock, bad arguments fail as on Linux.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static void report(const char *what, int r) {
  printf("%-32s -> %d%s%s\n", what, r, r < 0 ? ", " : "", r < 0 ? strerror(errno) : "");
}

int main(void) {
  int fd = open("/sandbox/lock.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  int ro = open("/sandbox/lock.txt", O_RDONLY);
  CHECK(fd >= 0 && ro >= 0);
  struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};

  int r = fcntl(fd, F_SETLK, &fl);
  report("F_SETLK F_WRLCK", r);
  CHECK(r == 0);
  r = fcntl(fd, F_SETLKW, &fl);
  report("F_SETLKW F_WRLCK", r);
  CHECK(r == 0);
  fl.l_type = F_RDLCK;
  r = fcntl(fd, F_GETLK, &fl);
  report("F_GETLK", r);
  printf("F_GETLK l_type is F_UNLCK: %s\n", fl.l_type == F_UNLCK ? "yes" : "no");
  CHECK(r == 0 && fl.l_type == F_UNLCK);
  fl.l_type = F_UNLCK;
  CHECK(fcntl(fd, F_SETLK, &fl) == 0);

  errno = 0;
  fl.l_type = F_WRLCK;
  r = fcntl(ro, F_SETLK, &fl);
  report("F_SETLK F_WRLCK on O_RDONLY", r);
  CHECK(r == -1 && errno == EBADF);
  fl.l_type = 99;
  errno = 0;
  r = fcntl(fd, F_SETLK, &fl);
  report("F_SETLK bad l_type", r);
  CHECK(r == -1 && errno == EINVAL);
  errno = 0;
  r = fcntl(999, F_SETLK, &fl);
  report("F_SETLK on a closed number", r);
  CHECK(r == -1 && errno == EBADF);

  r = flock(fd, LOCK_EX);
  report("flock LOCK_EX", r);
  CHECK(r == 0);
  CHECK(flock(ro, LOCK_SH | LOCK_NB) == 0);
  CHECK(flock(fd, LOCK_UN) == 0);
  errno = 0;
  r = flock(fd, 0);
  report("flock 0", r);
  CHECK(r == -1 && errno == EINVAL);
  errno = 0;
  r = flock(999, LOCK_EX);
  report("flock on a closed number", r);
  CHECK(r == -1 && errno == EBADF);
  printf("constants: F_GETLK %d F_SETLK %d F_SETLKW %d F_RDLCK %d F_WRLCK %d F_UNLCK %d LOCK_SH %d LOCK_EX %d LOCK_NB %d LOCK_UN %d\n",
         F_GETLK, F_SETLK, F_SETLKW, F_RDLCK, F_WRLCK, F_UNLCK, LOCK_SH, LOCK_EX, LOCK_NB, LOCK_UN);

  close(ro);
  close(fd);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
