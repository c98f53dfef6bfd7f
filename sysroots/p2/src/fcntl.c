/* fcntl for wasm32-wasip2: sockets keep their flags in the descriptor table. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <wasi/api.h>

#include "descriptors.h"

int fcntl(int fd, int cmd, ...) {
  int arg = 0;
  if (cmd == F_SETFL || cmd == F_SETFD) {
    va_list ap;
    va_start(ap, cmd);
    arg = va_arg(ap, int);
    va_end(ap);
  }
  __wasip2_socket_t *s = __wasip2_socket_lookup(fd);
  if (s)
    return __wasip2_socket_ops->fcntl(s, cmd, arg);

  switch (cmd) {
  case F_GETFD:
    /* There is no exec: descriptors behave as if close-on-exec were set. */
    return FD_CLOEXEC;
  case F_SETFD:
    return 0;
  case F_GETFL: {
    __wasi_fdstat_t st;
    __wasi_errno_t error = __wasi_fd_fdstat_get(fd, &st);
    if (error != 0) {
      errno = error;
      return -1;
    }
    /* The access mode is approximated from the rights. */
    int flags = st.fs_flags;
    bool readable = (st.fs_rights_base & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_READDIR)) != 0;
    bool writable = (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0;
    if (readable && writable)
      flags |= O_RDWR;
    else if (readable)
      flags |= O_RDONLY;
    else if (writable)
      flags |= O_WRONLY;
    else
      flags |= O_SEARCH;
    return flags;
  }
  case F_SETFL: {
    __wasi_errno_t error = __wasi_fd_fdstat_set_flags(fd, (__wasi_fdflags_t)(arg & 0xfff));
    if (error != 0) {
      errno = error;
      return -1;
    }
    return 0;
  }
  default:
    errno = EINVAL;
    return -1;
  }
}
