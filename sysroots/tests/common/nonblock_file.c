// preopen: /sandbox
// O_NONBLOCK on a regular file changes nothing (POSIX): reads return the data, then 0 at end
// of file, never EAGAIN; F_GETFL still shows the flag, and F_SETFL can clear and set it.
// (libc++'s std::filesystem::copy_file opens its source this way.)
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

int main(void) {
  int w = open("/sandbox/f.txt", O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK, 0644);
  CHECK(w >= 0);
  CHECK(write(w, "alpha\n", 6) == 6);
  CHECK(close(w) == 0);
  int r = open("/sandbox/f.txt", O_RDONLY | O_NONBLOCK);
  CHECK(r >= 0);
  CHECK((fcntl(r, F_GETFL) & O_NONBLOCK) != 0);
  char buf[16];
  ssize_t n = read(r, buf, sizeof buf);
  printf("read %zd: %.*s", n, (int)(n > 0 ? n : 0), buf);
  n = read(r, buf, sizeof buf);
  printf("at end of file: %zd\n", n);
  CHECK(fcntl(r, F_SETFL, 0) == 0);
  CHECK((fcntl(r, F_GETFL) & O_NONBLOCK) == 0);
  CHECK(fcntl(r, F_SETFL, O_NONBLOCK) == 0);
  CHECK((fcntl(r, F_GETFL) & O_NONBLOCK) != 0);
  CHECK(lseek(r, 0, SEEK_SET) == 0);
  n = read(r, buf, 3);
  printf("again: %zd\n", n);
  // A duplicate shares the open file description, and so the flag.
  int d = dup(r);
  CHECK(d >= 0 && (fcntl(d, F_GETFL) & O_NONBLOCK) != 0);
  CHECK(close(d) == 0 && close(r) == 0);
  printf("%d failures\n", failures);
  return failures != 0;
}
