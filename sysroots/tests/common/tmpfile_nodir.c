// tmpfile and tmpnam without a preopened /tmp: a clear ENOENT (the base had neither function).
#include <stdio.h>
#include <stdlib.h>

#include "errname.h"

int main(void) {
  errno = 0;
  FILE *f = tmpfile();
  printf("tmpfile: %s %s\n", f ? "FILE" : "NULL", errname(errno));
  errno = 0;
  char *name = tmpnam(NULL);
  printf("tmpnam: %s %s\n", name ? name : "NULL", errname(errno));
  char tmpl[] = "/tmp/xXXXXXX";
  errno = 0;
  int fd = mkstemp(tmpl);
  printf("mkstemp: %d %s\n", fd, errname(errno));
  return 0;
}
