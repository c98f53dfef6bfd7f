// preopen: /sandbox
// triples: wasm32-wasip1 wasm32-wasip1-threads
// copy_file_range from a write-only descriptor is EBADF, as on Linux (the host says "not
// capable"). Not on p2: preview2-shim 0.26.1 dies on a read of a write-only file.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

int main(void) {
  int in = open("/sandbox/in", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int out = open("/sandbox/out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK(in >= 0 && out >= 0);
  CHECK(write(in, "0123456789", 10) == 10);
  off_t from = 0;
  errno = 0;
  ssize_t r = copy_file_range(in, &from, out, NULL, 10, 0);
  printf("write-only input: %zd %s\n", r, errno == EBADF ? "EBADF" : strerror(errno));
  CHECK(close(in) == 0 && close(out) == 0);
  CHECK(unlink("/sandbox/in") == 0 && unlink("/sandbox/out") == 0);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
