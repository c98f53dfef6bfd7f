/* dup, dup2 and dup3 over libc's descriptor table (fd-table.h). */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "fd-table.h"

__WASILIBC_FD_LINK_ALLOCATOR

int dup(int fd) { return __wasilibc_fd_dup(fd, -1, 0, false); }

int dup2(int fd, int newfd) {
  if (fd == newfd)
    return __wasilibc_fd_get(fd) ? fd : -1;
  if (newfd < 0 || newfd >= __WASILIBC_FD_MAX) {
    errno = EBADF;
    return -1;
  }
  return __wasilibc_fd_dup(fd, newfd, 0, false);
}

int dup3(int fd, int newfd, int flags) {
  if (fd == newfd || (flags & ~O_CLOEXEC)) {
    errno = EINVAL;
    return -1;
  }
  if (newfd < 0 || newfd >= __WASILIBC_FD_MAX) {
    errno = EBADF;
    return -1;
  }
  return __wasilibc_fd_dup(fd, newfd, 0, O_CLOEXEC && (flags & O_CLOEXEC));
}
