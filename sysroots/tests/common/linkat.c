// preopen: /sandbox
// linkat and link with two absolute names, and with two names relative to the current
// directory: the new name gets the old file's contents (the base resolved both names into
// one buffer, so the host received the new name twice and the call failed).
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static void show(const char *path) {
  char buf[32] = {0};
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("%s: %s\n", path, strerror(errno));
    return;
  }
  CHECK(read(fd, buf, sizeof buf - 1) >= 0);
  close(fd);
  struct stat st;
  CHECK(stat(path, &st) == 0);
  printf("%s: \"%s\", %d links\n", path, buf, (int)st.st_nlink);
}

int main(void) {
  int fd = open("/sandbox/old", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0 && write(fd, "contents", 8) == 8 && close(fd) == 0);
  errno = 0;
  printf("linkat absolute: %d %s\n", linkat(AT_FDCWD, "/sandbox/old", AT_FDCWD, "/sandbox/new1", 0),
         errno ? strerror(errno) : "");
  show("/sandbox/new1");
  CHECK(chdir("/sandbox") == 0);
  errno = 0;
  printf("linkat relative: %d %s\n", linkat(AT_FDCWD, "old", AT_FDCWD, "new2", 0), errno ? strerror(errno) : "");
  show("/sandbox/new2");
  errno = 0;
  printf("link relative: %d %s\n", link("new2", "new3"), errno ? strerror(errno) : "");
  show("/sandbox/new3");
  errno = 0;
  printf("linkat onto an existing name: %d %s\n", linkat(AT_FDCWD, "old", AT_FDCWD, "new1", 0),
         errno == EEXIST ? "EEXIST" : strerror(errno));
  CHECK(unlink("new1") == 0 && unlink("new2") == 0 && unlink("new3") == 0 && unlink("old") == 0);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
