// preopen: /sandbox
// What SQLite's os_unix.c calls: the program runs as user and group 0 (WASI has no owners; every
// stat says 0 too), so, as for root on Linux, fchown and chown succeed once their target is
// checked, changing nothing. fchmod and F_GETLK answer as common/chmod.c and common/fcntl.c say.
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errname.h"

#define SHOW(call)                                                \
  do {                                                            \
    errno = 0;                                                    \
    long r_ = (long)(call);                                       \
    printf("%-52s %ld %s\n", #call, r_, errname(errno));          \
  } while (0)

int main(void) {
  int fd = open("/sandbox/db", O_RDWR | O_CREAT, 0644);
  symlink("db", "/sandbox/link");
  struct stat st;
  fstat(fd, &st);
  SHOW(getuid());
  SHOW(geteuid());
  SHOW(getgid());
  SHOW(getegid());
  SHOW(getgroups(0, NULL));
  printf("owner of a file: %d %d\n", (int)st.st_uid, (int)st.st_gid);
  SHOW(fchown(fd, st.st_uid, st.st_gid));
  SHOW(fchown(fd, 1000, 1000));
  SHOW(fchown(-1, 0, 0));
  SHOW(fchown(77, 0, 0));
  SHOW(chown("/sandbox/db", 0, 0));
  SHOW(chown("/sandbox/missing", 0, 0));
  SHOW(lchown("/sandbox/link", 0, 0));
  SHOW(fchownat(AT_FDCWD, "/sandbox/db", 0, 0, 0));
  SHOW(fchownat(AT_FDCWD, "/sandbox/db", 0, 0, 0x4000));
  SHOW(fchmod(fd, 0600));
  SHOW(fchmod(-1, 0600));
  struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
  SHOW(fcntl(fd, F_GETLK, &fl));
  printf("F_GETLK says unlocked: %d\n", fl.l_type == F_UNLCK);
  fl.l_type = F_WRLCK;
  SHOW(fcntl(fd, F_SETLK, &fl));
  return 0;
}
