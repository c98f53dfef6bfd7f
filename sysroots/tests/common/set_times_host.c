// preopen: /sandbox
// The host sets file times in seconds: explicit times (by descriptor and by path), "now", and
// times left as they are. Raw WASI calls for "now" and "leave as is", which reach every host
// whatever libc makes of UTIME_NOW. (preview2-shim set 1e9 s as 15032385535 s by descriptor,
// "now" by path as January 1970, and "leave as is" by path from the directory's times.)
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

#define NS 1000000000ull

static void show(const char *what, int fd) {
  struct stat st;
  CHECK(fstat(fd, &st) == 0);
  printf("%s: atime %lld mtime %lld\n", what, (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec);
}

/* Whether both times are within 5 s of `now` (the host's clock, read just before). */
static void show_now(const char *what, int fd, time_t now) {
  struct stat st;
  CHECK(fstat(fd, &st) == 0);
  long long a = st.st_atim.tv_sec - now, m = st.st_mtim.tv_sec - now;
  printf("%s: atime is now %d, mtime is now %d\n", what, a >= 0 && a <= 5, m >= 0 && m <= 5);
}

int main(void) {
  int fd = open("/sandbox/file", O_CREAT | O_RDWR, 0644);
  CHECK(fd >= 0);
  int dir = open("/sandbox", O_RDONLY | O_DIRECTORY);
  CHECK(dir >= 0);

  struct timespec times[2] = {{1000000000, 0}, {1000000001, 0}};
  CHECK(futimens(fd, times) == 0);
  show("futimens", fd);
  CHECK(__wasi_fd_filestat_set_times(fd, 0, 1300000000 * NS, __WASI_FSTFLAGS_MTIM) == 0);
  show("by descriptor, mtime only", fd);

  struct timespec path_times[2] = {{1100000000, 0}, {1200000000, 0}};
  CHECK(utimensat(AT_FDCWD, "/sandbox/file", path_times, 0) == 0);
  show("utimensat", fd);
  CHECK(__wasi_path_filestat_set_times(dir, 0, "file", 1400000000 * NS, 0, __WASI_FSTFLAGS_ATIM) == 0);
  show("by path, atime only", fd);

  time_t now = time(NULL);
  CHECK(__wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW) == 0);
  show_now("by descriptor, now", fd, now);
  CHECK(futimens(fd, times) == 0);
  now = time(NULL);
  CHECK(__wasi_path_filestat_set_times(dir, 0, "file", 0, 0, __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW) == 0);
  show_now("by path, now", fd, now);

  close(fd);
  close(dir);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures != 0;
}
