// musl's sysconf (conf/sysconf.c). Built threaded it counts processors with a system call
// without including the header that declares system calls. The call answers -ENOSYS here
// (syscall_arch.h): WASI cannot tell, so the count is one.
#include "syscall.h"
#include "conf/sysconf.c"
