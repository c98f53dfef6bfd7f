// preopen: /sandbox
// posix_fadvise and posix_fallocate return Linux's error numbers (node:wasi refused advice on a
// directory, took a zero length, and gave ENOTCAPABLE for a file not open for writing; the
// wasm32-wasip2 adapter has no fd_allocate at all). sysroots/common/advise.c.
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errname.h"

#define SHOW(call) printf("%-52s %s\n", #call, errname(call))

int main(void) {
  int rw = open("/sandbox/rw", O_RDWR | O_CREAT | O_TRUNC, 0644);
  int ro = open("/sandbox/rw", O_RDONLY);
  int dir = open("/sandbox", O_RDONLY | O_DIRECTORY);
  int p[2];
  if (rw < 0 || ro < 0 || dir < 0 || pipe(p) != 0) {
    perror("setup");
    return 1;
  }
  SHOW(posix_fadvise(rw, 0, 100, POSIX_FADV_SEQUENTIAL));
  SHOW(posix_fadvise(ro, 0, 0, POSIX_FADV_DONTNEED));
  SHOW(posix_fadvise(dir, 0, 0, POSIX_FADV_NORMAL));
  SHOW(posix_fadvise(rw, 0, -1, POSIX_FADV_NORMAL));
  SHOW(posix_fadvise(rw, 0, 10, 99));
  SHOW(posix_fadvise(p[0], 0, 10, POSIX_FADV_NORMAL));
  SHOW(posix_fadvise(-1, 0, 10, POSIX_FADV_NORMAL));
  SHOW(posix_fadvise(77, 0, 10, POSIX_FADV_NORMAL));

  SHOW(posix_fallocate(rw, 0, 4096));
  struct stat st;
  fstat(rw, &st);
  printf("size after allocating 4096: %lld\n", (long long)st.st_size);
  SHOW(posix_fallocate(rw, 100, 10));
  fstat(rw, &st);
  printf("size after allocating inside: %lld\n", (long long)st.st_size);
  SHOW(posix_fallocate(rw, 0, 0));
  SHOW(posix_fallocate(rw, 0, -5));
  SHOW(posix_fallocate(rw, -1, 10));
  SHOW(posix_fallocate(rw, 0x7fffffffffffffffLL, 10));
  SHOW(posix_fallocate(ro, 0, 10));
  SHOW(posix_fallocate(dir, 0, 10));
  SHOW(posix_fallocate(p[1], 0, 10));
  SHOW(posix_fallocate(p[0], 0, 10));
  SHOW(posix_fallocate(-1, 0, 10));
  SHOW(posix_fallocate(77, 0, 10));
  return 0;
}
