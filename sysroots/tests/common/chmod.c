// preopen: /sandbox
// chmod, fchmod and fchmodat (libc++'s filesystem::permissions and copy_file use them): WASI
// has no permission bits, so they check their target as Linux does and succeed, changing
// nothing (sysroots/common/chmod.c).
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static const char *name(int e) {
  switch (e) {
    case 0: return "ok";
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    default: return strerror(e);
  }
}

static void show(const char *what, int r) {
  printf("%s: %s\n", what, r == 0 ? "ok" : name(errno));
  errno = 0;
}

int main(void) {
  int fd = open("/sandbox/file", O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  struct stat before, after;
  CHECK(stat("/sandbox/file", &before) == 0);
  show("chmod file 0600", chmod("/sandbox/file", 0600));
  show("chmod directory 0700", chmod("/sandbox", 0700));
  show("fchmod 0444", fchmod(fd, 0444));
  show("fchmodat 0640", fchmodat(AT_FDCWD, "/sandbox/file", 0640, 0));
  CHECK(stat("/sandbox/file", &after) == 0);
  printf("mode unchanged: %s\n", before.st_mode == after.st_mode ? "yes" : "no");
  show("chmod missing", chmod("/sandbox/missing", 0600));
  show("chmod below a file", chmod("/sandbox/file/x", 0600));
  show("fchmod -1", fchmod(-1, 0600));
  show("fchmodat bad flag", fchmodat(AT_FDCWD, "/sandbox/file", 0600, 0x4000));
  show("fchmodat NOFOLLOW file", fchmodat(AT_FDCWD, "/sandbox/file", 0600, AT_SYMLINK_NOFOLLOW));
  CHECK(close(fd) == 0);
  CHECK(unlink("/sandbox/file") == 0);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
