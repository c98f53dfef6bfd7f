// preopen: /sandbox
// realpath resolves ".", ".." and symbolic links (relative and absolute, chained), from the
// current directory for relative paths, and fails as Linux does.
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static const char *name(int e) {
  switch (e) {
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case EINVAL: return "EINVAL";
    default: return strerror(e);
  }
}

static void show(const char *path) {
  char buf[PATH_MAX];
  errno = 0;
  char *r = realpath(path, buf);
  if (r) printf("realpath(\"%s\") = %s\n", path, r);
  else printf("realpath(\"%s\") fails: %s\n", path, name(errno));
}

int main(void) {
  CHECK(mkdir("/sandbox/a", 0755) == 0);
  CHECK(mkdir("/sandbox/a/b", 0755) == 0);
  int fd = open("/sandbox/a/b/f", O_WRONLY | O_CREAT, 0644);
  CHECK(fd >= 0);
  CHECK(close(fd) == 0);
  CHECK(symlink("a/b", "/sandbox/rel") == 0);
  CHECK(symlink("rel/f", "/sandbox/hop") == 0);
  CHECK(symlink("loop", "/sandbox/loop") == 0);
  CHECK(symlink("nowhere", "/sandbox/dangling") == 0);

  show("/sandbox");
  show("/sandbox/a/b/f");
  show("/sandbox//a/./b/../b/f");
  show("/sandbox/rel");
  show("/sandbox/rel/f");
  show("/sandbox/hop");
  show("/sandbox/rel/../b");
  show("/sandbox/missing");
  show("/sandbox/a/b/f/x");
  show("/sandbox/a/b/f/");
  show("/sandbox/loop");
  show("/sandbox/dangling");
  show("");
  CHECK(chdir("/sandbox/a") == 0);
  show(".");
  show("..");
  show("b/f");
  show("../hop");

  // With no buffer, the result is allocated.
  char *p = realpath("b", NULL);
  CHECK(p != NULL && strcmp(p, "/sandbox/a/b") == 0);
  free(p);
  errno = 0;
  CHECK(realpath(NULL, NULL) == NULL && errno == EINVAL);

  CHECK(unlink("/sandbox/dangling") == 0 && unlink("/sandbox/loop") == 0);
  CHECK(unlink("/sandbox/hop") == 0 && unlink("/sandbox/rel") == 0);
  CHECK(unlink("/sandbox/a/b/f") == 0 && rmdir("/sandbox/a/b") == 0 && rmdir("/sandbox/a") == 0);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
