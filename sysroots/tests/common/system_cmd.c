// system(): WASI has no processes, so there is no command processor: system(NULL) is 0 and a
// command fails with -1 and ENOSYS (it was not defined: Lua's os.execute failed to link).
#include <stdio.h>
#include <stdlib.h>

#include "errname.h"

int main(void) {
  printf("system(NULL): %d\n", system(NULL));
  errno = 0;
  int r = system("echo hello");
  printf("system(\"echo hello\"): %d %s\n", r, errno == ENOSYS ? "ENOSYS" : errname(errno));
  return 0;
}
