// isatty() on stdin, stdout and stderr that are pipes (as the test hosts run every program): 0
// with ENOTTY. (preview2-shim's terminal-* interfaces said "a terminal" for every stream.)
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
  for (int fd = 0; fd <= 2; fd++) {
    errno = 0;
    int r = isatty(fd);
    printf("isatty(%d): %d %s\n", fd, r, errno == ENOTTY ? "ENOTTY" : errno ? "other errno" : "no errno");
  }
  return 0;
}
