// preopen: /sandbox
// WASI file names are UTF-8: a name that is not fails with EILSEQ before it reaches the host
// (node:wasi created such files; Linux would take any bytes). Valid UTF-8 names of every length work.
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errname.h"

#define SHOW(call)                                           \
  do {                                                       \
    errno = 0;                                               \
    long r_ = (long)(call);                                  \
    printf("%-52s %s\n", #call, r_ >= 0 ? "ok" : errname(errno)); \
  } while (0)

int main(void) {
  struct stat st;
  SHOW(open("/sandbox/\xff\xfe", O_CREAT | O_WRONLY, 0644));
  SHOW(open("/sandbox/\xc0\xaf", O_CREAT | O_WRONLY, 0644));      /* overlong "/" */
  SHOW(open("/sandbox/\xed\xa0\x80", O_CREAT | O_WRONLY, 0644));  /* a surrogate */
  SHOW(open("/sandbox/\xf4\x90\x80\x80", O_CREAT | O_WRONLY, 0644)); /* past U+10FFFF */
  SHOW(open("/sandbox/caf\xc3", O_CREAT | O_WRONLY, 0644));       /* cut short */
  SHOW(mkdir("/sandbox/\x80", 0755));
  SHOW(stat("/sandbox/\xfe", &st));
  SHOW(open("/sandbox/caf\xc3\xa9", O_CREAT | O_WRONLY, 0644));   /* café */
  SHOW(open("/sandbox/\xe2\x82\xac\xf0\x9f\x98\x80", O_CREAT | O_WRONLY, 0644)); /* €😀 */
  SHOW(rename("/sandbox/caf\xc3\xa9", "/sandbox/\xff"));
  SHOW(link("/sandbox/caf\xc3\xa9", "/sandbox/\xff"));
  SHOW(symlink("\xff", "/sandbox/l"));
  SHOW(unlink("/sandbox/\xff"));
  SHOW(stat("/sandbox/caf\xc3\xa9", &st));
  return 0;
}
