// system: WASI has no processes and so no command processor. As POSIX allows, system(NULL) says
// there is none (0), and a command fails to start: -1 with errno ENOSYS (Lua's os.execute then
// reports the error instead of the program failing to link).
#include <errno.h>
#include <stdlib.h>

int system(const char *command) {
  if (!command)
    return 0;
  errno = ENOSYS;
  return -1;
}
