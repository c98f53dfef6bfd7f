// preopen: /sandbox
// A path under no preopened directory, absolute or relative to the current directory, is a file
// that is not there (ENOENT), as Linux says of a missing one; the base said ENOTCAPABLE, which no
// POSIX program expects. Relative paths under a preopen work from a current directory there. (A path
// that climbs out of a preopen with ".." is refused by the host, each with its own errno: README.)
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errname.h"

#define SHOW(call)                                                 \
  do {                                                             \
    errno = 0;                                                     \
    long r_ = (long)(call);                                        \
    printf("%-44s %s\n", #call, r_ >= 0 ? "ok" : errname(errno)); \
  } while (0)

int main(void) {
  struct stat st;
  SHOW(open("/elsewhere/file", O_RDONLY));
  SHOW(open("/elsewhere/file", O_CREAT | O_WRONLY, 0644));
  SHOW(stat("/etc", &st));
  SHOW(access("/elsewhere", F_OK));
  SHOW(mkdir("/elsewhere", 0755));
  SHOW(unlink("/elsewhere/file"));
  SHOW(opendir("/elsewhere") ? 0 : -1);
  SHOW(open("relative", O_RDONLY));
  SHOW(open("../relative", O_RDONLY));
  SHOW(rename("/sandbox/x", "/elsewhere/x"));
  SHOW(fstatat(AT_FDCWD, "/elsewhere", &st, 0));
  SHOW(chdir("/sandbox"));
  SHOW(open("here", O_CREAT | O_WRONLY, 0644));
  SHOW(stat("here", &st));
  SHOW(stat("./here", &st));
  SHOW(mkdir("sub", 0755));
  SHOW(chdir("sub"));
  SHOW(stat("../here", &st));
  return 0;
}
