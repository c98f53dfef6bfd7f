// preopen: /sandbox
// File times: utimes(path, NULL), futimens(fd, NULL) and utimensat(..., NULL, ...) set both
// times to now; UTIME_NOW and UTIME_OMIT in either slot; explicit times;
// utime(path, NULL) and utimes with microseconds; bad arguments (EINVAL, EBADF, ENOENT).
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static const char *path = "/sandbox/times.txt";

// Seconds between 2001-09-09 and 2033-05-18: far from both the epoch and today.
#define OLD_ATIME 1000000000
#define OLD_MTIME 1100000000

static struct stat stat_of(void) {
  struct stat st = {0};
  CHECK(stat(path, &st) == 0);
  return st;
}

// Puts both times back to known old values.
static void reset(void) {
  struct timespec old[2] = {{OLD_ATIME, 0}, {OLD_MTIME, 0}};
  CHECK(utimensat(AT_FDCWD, path, old, 0) == 0);
  struct stat st = stat_of();
  CHECK(st.st_atim.tv_sec == OLD_ATIME && st.st_mtim.tv_sec == OLD_MTIME);
}

// "now" within a minute of the wall clock (hosts round to ms or s; clocks of host and guest
// may differ a little).
static int is_now(time_t t) {
  time_t wall = time(NULL);
  return t > wall - 60 && t < wall + 60;
}

int main(void) {
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK(write(fd, "x", 1) == 1);

  // Explicit times. (Sub-second parts are not checked: node:wasi keeps whole seconds.)
  struct timespec exact[2] = {{OLD_ATIME, 250000000}, {OLD_MTIME, 500000000}};
  CHECK(utimensat(AT_FDCWD, path, exact, 0) == 0);
  struct stat st = stat_of();
  printf("explicit: atime %lld mtime %lld\n", (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec);

  // NULL means now, for every entry point.
  reset();
  CHECK(utimes(path, NULL) == 0);
  st = stat_of();
  printf("utimes NULL: atime now %d, mtime now %d\n", is_now(st.st_atime), is_now(st.st_mtime));

  reset();
  CHECK(futimens(fd, NULL) == 0);
  st = stat_of();
  printf("futimens NULL: atime now %d, mtime now %d\n", is_now(st.st_atime), is_now(st.st_mtime));

  reset();
  CHECK(utimensat(AT_FDCWD, path, NULL, 0) == 0);
  st = stat_of();
  printf("utimensat NULL: atime now %d, mtime now %d\n", is_now(st.st_atime), is_now(st.st_mtime));

  reset();
  CHECK(utime(path, NULL) == 0);
  st = stat_of();
  printf("utime NULL: atime now %d, mtime now %d\n", is_now(st.st_atime), is_now(st.st_mtime));

  // UTIME_NOW and UTIME_OMIT, each slot on its own.
  reset();
  struct timespec now_omit[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
  CHECK(utimensat(AT_FDCWD, path, now_omit, 0) == 0);
  st = stat_of();
  printf("NOW/OMIT: atime now %d, mtime kept %d\n", is_now(st.st_atime), st.st_mtime == OLD_MTIME);

  reset();
  struct timespec omit_now[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
  CHECK(futimens(fd, omit_now) == 0);
  st = stat_of();
  printf("OMIT/NOW: atime kept %d, mtime now %d\n", st.st_atime == OLD_ATIME, is_now(st.st_mtime));

  reset();
  struct timespec omit_set[2] = {{0, UTIME_OMIT}, {OLD_ATIME, 0}};
  CHECK(futimens(fd, omit_set) == 0);
  st = stat_of();
  printf("OMIT/set: atime kept %d, mtime set %d\n", st.st_atime == OLD_ATIME, st.st_mtime == OLD_ATIME);

  reset();
  struct timespec omit_omit[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
  CHECK(utimensat(AT_FDCWD, path, omit_omit, 0) == 0);
  st = stat_of();
  printf("OMIT/OMIT: both kept %d\n", st.st_atime == OLD_ATIME && st.st_mtime == OLD_MTIME);

  // utimes with microseconds.
  reset();
  struct timeval tv[2] = {{OLD_MTIME, 0}, {OLD_ATIME, 750000}};
  CHECK(utimes(path, tv) == 0);
  st = stat_of();
  printf("utimes: swapped %d\n", st.st_atime == OLD_MTIME && st.st_mtime == OLD_ATIME);

  // Errors.
  struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
  errno = 0;
  printf("tv_nsec 1e9: %d errno %s\n", utimensat(AT_FDCWD, path, bad, 0), errno == EINVAL ? "EINVAL" : "other");
  struct timespec negative[2] = {{0, -5}, {0, 0}};
  errno = 0;
  printf("tv_nsec -5: %d errno %s\n", futimens(fd, negative), errno == EINVAL ? "EINVAL" : "other");
  errno = 0;
  printf("futimens(-1): %d errno %s\n", futimens(-1, NULL), errno == EBADF ? "EBADF" : "other");
  errno = 0;
  printf("futimens(-1, UTIME_NOW): %d errno %s\n", futimens(-1, now_omit), errno == EBADF ? "EBADF" : "other");
  errno = 0;
  printf("futimens(closed): %d errno %s\n", futimens(999, NULL), errno == EBADF ? "EBADF" : "other");
  errno = 0;
  printf("utimes(missing): %d errno %s\n", utimes("/sandbox/missing", NULL), errno == ENOENT ? "ENOENT" : "other");

  CHECK(close(fd) == 0);
  CHECK(unlink(path) == 0);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
