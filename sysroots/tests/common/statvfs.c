// preopen: /sandbox
// statvfs and fstatvfs (libc++'s filesystem::space uses them): they succeed for what stat
// succeeds for, with the values sysroots/common/statvfs.c documents, and fail as stat does.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static void show(const char *what, const struct statvfs *v) {
  printf("%s: bsize %lu frsize %lu blocks %llu bfree %llu bavail %llu files %llu namemax %lu flag %lu\n",
         what, v->f_bsize, v->f_frsize, (unsigned long long)v->f_blocks,
         (unsigned long long)v->f_bfree, (unsigned long long)v->f_bavail,
         (unsigned long long)v->f_files, v->f_namemax, v->f_flag);
}

int main(void) {
  struct statvfs v;
  memset(&v, 0xff, sizeof v);
  CHECK(statvfs("/sandbox", &v) == 0);
  show("statvfs /sandbox", &v);
  struct stat st;
  CHECK(stat("/sandbox", &st) == 0);
  CHECK(v.f_fsid == (unsigned long)st.st_dev);

  int fd = open("/sandbox/file", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  memset(&v, 0xff, sizeof v);
  CHECK(fstatvfs(fd, &v) == 0);
  show("fstatvfs file", &v);
  CHECK(close(fd) == 0);

  errno = 0;
  int r = statvfs("/sandbox/missing", &v);
  printf("statvfs missing: %d %s\n", r, errno == ENOENT ? "ENOENT" : strerror(errno));
  errno = 0;
  r = statvfs("/sandbox/file/below", &v);
  printf("statvfs below a file: %d %s\n", r, errno == ENOTDIR ? "ENOTDIR" : strerror(errno));
  errno = 0;
  r = fstatvfs(-1, &v);
  printf("fstatvfs -1: %d %s\n", r, errno == EBADF ? "EBADF" : strerror(errno));
  CHECK(unlink("/sandbox/file") == 0);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
