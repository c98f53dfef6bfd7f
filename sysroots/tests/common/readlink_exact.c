// preopen: /sandbox
// readlink truncates a target that does not fit and returns the bytes it stored; a target that
// exactly fills the buffer is returned whole (node:wasi said ENOBUFS). common/fd-table.c.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "errname.h"

static void show(const char *path, size_t size) {
  char buf[16];
  memset(buf, '#', sizeof buf);
  errno = 0;
  ssize_t n = readlink(path, buf, size);
  printf("readlink(%s, %zu): %zd %s \"%.*s\" next byte %c\n", path, size, n, errname(errno),
         n > 0 ? (int)n : 0, buf, n >= 0 ? buf[n] : '-');
}

int main(void) {
  if (symlink("abcd", "/sandbox/link") != 0 || close(open("/sandbox/file", O_CREAT | O_WRONLY, 0644)) != 0) {
    perror("setup");
    return 1;
  }
  show("/sandbox/link", 4);
  show("/sandbox/link", 3);
  show("/sandbox/link", 1);
  show("/sandbox/link", 5);
  show("/sandbox/link", 16);
  show("/sandbox/file", 16);
  show("/sandbox/missing", 16);
  char buf[8];
  errno = 0;
  ssize_t n = readlinkat(open("/sandbox", O_RDONLY | O_DIRECTORY), "link", buf, 4);
  printf("readlinkat(dir, link, 4): %zd %s \"%.*s\"\n", n, errname(errno), n > 0 ? (int)n : 0, buf);
  return 0;
}
