// preopen: /sandbox
// copy_file_range between regular files: with and without offset pointers (which advance
// the pointer or the file position, never both), short copies at end of file, and the errors
// Linux gives (bad flags, a directory, append mode, overlap within one file, a bad fd).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static const char *name(int e) {
  switch (e) {
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EISDIR: return "EISDIR";
    default: return strerror(e);
  }
}

static void fails(const char *what, ssize_t r) {
  printf("%s: %zd %s\n", what, r, r < 0 ? name(errno) : "");
  errno = 0;
}

int main(void) {
  enum { SIZE = 200000 };
  static char data[SIZE], back[SIZE];
  for (int i = 0; i < SIZE; i++) data[i] = (char)(i * 7 + i / 251);
  int in = open("/sandbox/in", O_RDWR | O_CREAT | O_TRUNC, 0644);
  int out = open("/sandbox/out", O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(in >= 0 && out >= 0);
  CHECK(write(in, data, SIZE) == SIZE);
  CHECK(lseek(in, 0, SEEK_SET) == 0);

  // The whole file through the file positions, asking for more than there is.
  ssize_t n = copy_file_range(in, NULL, out, NULL, SIZE + 1000, 0);
  printf("copy by positions: %zd, positions %lld %lld\n", n, (long long)lseek(in, 0, SEEK_CUR),
         (long long)lseek(out, 0, SEEK_CUR));
  CHECK(pread(out, back, SIZE, 0) == SIZE && memcmp(back, data, SIZE) == 0);
  printf("at end of file: %zd\n", copy_file_range(in, NULL, out, NULL, 10, 0));

  // With offsets: the offsets advance, the positions stay where they are.
  off_t from = 1000, to = 10;
  CHECK(lseek(in, 5, SEEK_SET) == 5 && lseek(out, 7, SEEK_SET) == 7);
  n = copy_file_range(in, &from, out, &to, 100, 0);
  printf("copy by offsets: %zd, offsets %lld %lld, positions %lld %lld\n", n, (long long)from,
         (long long)to, (long long)lseek(in, 0, SEEK_CUR), (long long)lseek(out, 0, SEEK_CUR));
  CHECK(pread(out, back, 100, 10) == 100 && memcmp(back, data + 1000, 100) == 0);
  printf("zero bytes: %zd\n", copy_file_range(in, &from, out, &to, 0, 0));

  // Within one file, ranges that do not overlap work; overlapping ones are EINVAL.
  from = 0, to = 150000;
  printf("same file, apart: %zd\n", copy_file_range(in, &from, in, &to, 1000, 0));
  from = 0, to = 500;
  fails("same file, overlapping", copy_file_range(in, &from, in, &to, 1000, 0));

  fails("flags 1", copy_file_range(in, NULL, out, NULL, 10, 1));
  fails("bad input fd", copy_file_range(-1, NULL, out, NULL, 10, 0));
  fails("bad output fd", copy_file_range(in, NULL, 99, NULL, 10, 0));
  int dir = open("/sandbox", O_RDONLY | O_DIRECTORY);
  CHECK(dir >= 0);
  fails("directory input", copy_file_range(dir, NULL, out, NULL, 10, 0));
  int app = open("/sandbox/out", O_WRONLY | O_APPEND);
  CHECK(app >= 0);
  fails("append-mode output", copy_file_range(in, NULL, app, NULL, 10, 0));
  // A write-only input is EBADF too; on p2 that case is in copy_file_range_wronly.c, because
  // preview2-shim 0.26.1 dies on a read of a write-only file (uncaught EBADF in the host).

  CHECK(close(app) == 0 && close(dir) == 0);
  CHECK(close(in) == 0 && close(out) == 0);
  CHECK(unlink("/sandbox/in") == 0 && unlink("/sandbox/out") == 0);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
