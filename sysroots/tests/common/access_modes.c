// preopen: /sandbox
// access and faccessat: WASI has no permission bits (chmod changes nothing), so, as for root on
// Linux, R_OK and W_OK succeed on any file that exists, a file made "read-only" with chmod
// included; a missing file is ENOENT and an unknown mode or flag EINVAL.
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errname.h"

#define SHOW(call)                                                 \
  do {                                                             \
    errno = 0;                                                     \
    int r_ = (call);                                               \
    printf("%-58s %d %s\n", #call, r_, errname(errno));            \
  } while (0)

int main(void) {
  close(open("/sandbox/ro", O_CREAT | O_WRONLY, 0444));
  chmod("/sandbox/ro", 0444);
  SHOW(access("/sandbox/ro", F_OK));
  SHOW(access("/sandbox/ro", R_OK));
  SHOW(access("/sandbox/ro", W_OK));
  SHOW(access("/sandbox/ro", R_OK | W_OK));
  SHOW(faccessat(AT_FDCWD, "/sandbox/ro", W_OK, 0));
  SHOW(faccessat(AT_FDCWD, "/sandbox/ro", W_OK, AT_EACCESS));
  SHOW(access("/sandbox", W_OK));
  SHOW(access("/sandbox/missing", W_OK));
  SHOW(access("/sandbox/ro/x", F_OK));
  SHOW(access("/sandbox/ro", 0x40));
  SHOW(faccessat(AT_FDCWD, "/sandbox/ro", F_OK, 0x4000));
  // And the file really is writable.
  int fd = open("/sandbox/ro", O_WRONLY);
  printf("open O_WRONLY: %s\n", fd >= 0 ? "ok" : errname(errno));
  return 0;
}
