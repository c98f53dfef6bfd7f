/*
 * fcntl and flock over libc's descriptor table (fd-table.h).
 *
 * FD_CLOEXEC is kept per descriptor number (there is no exec, so it changes
 * nothing else). Record locks and flock always succeed once their arguments
 * are checked: a WASI program is one process, and a process never conflicts
 * with its own record locks. F_GETLK therefore answers F_UNLCK.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/file.h>
#include <unistd.h>
#include <wasi/api.h>

#include "fd-table.h"

__WASILIBC_FD_LINK_ALLOCATOR

/* Built against musl's own bits/fcntl.h of wasm32, which lacks these. */
#ifndef F_DUPFD
#include "include/bits/fcntl.h"
#endif

static int getfl(int fd) {
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

static int record_lock(int fd, int cmd, struct flock *fl) {
  if (!fl) {
    errno = EFAULT;
    return -1;
  }
  if ((fl->l_type != F_RDLCK && fl->l_type != F_WRLCK && fl->l_type != F_UNLCK) ||
      (fl->l_whence != SEEK_SET && fl->l_whence != SEEK_CUR && fl->l_whence != SEEK_END)) {
    errno = EINVAL;
    return -1;
  }
  if (cmd == F_GETLK) {
    fl->l_type = F_UNLCK;
    return 0;
  }
  /* As on Linux: a read lock needs a readable descriptor, a write lock a
   * writable one. */
  int flags = getfl(fd);
  if (flags < 0)
    return -1;
  int mode = flags & O_ACCMODE;
  if ((fl->l_type == F_RDLCK && mode != O_RDONLY && mode != O_RDWR) ||
      (fl->l_type == F_WRLCK && mode != O_WRONLY && mode != O_RDWR)) {
    errno = EBADF;
    return -1;
  }
  return 0;
}

int fcntl(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  int arg = 0;
  struct flock *fl = NULL;
  if (cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW)
    fl = va_arg(ap, struct flock *);
  else if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_SETFD || cmd == F_SETFL)
    arg = va_arg(ap, int);
  va_end(ap);

  __wasilibc_fd_desc_t *d = __wasilibc_fd_get(fd);
  if (!d)
    return -1;
  switch (cmd) {
  case F_DUPFD:
  case F_DUPFD_CLOEXEC:
    if (arg < 0 || arg >= __WASILIBC_FD_MAX) {
      errno = EINVAL;
      return -1;
    }
    return __wasilibc_fd_dup(fd, -1, arg, cmd == F_DUPFD_CLOEXEC);
  case F_GETFD:
    return __wasilibc_fd_slots[fd].cloexec ? FD_CLOEXEC : 0;
  case F_SETFD:
    return __wasilibc_fd_set_cloexec(fd, (arg & FD_CLOEXEC) != 0);
  case F_GETFL:
  case F_SETFL:
    if (d->kind == __WASILIBC_FD_SOCKET && __wasilibc_socket_kind_ops->fcntl)
      return __wasilibc_socket_kind_ops->fcntl(d, cmd, arg);
    if (cmd == F_GETFL)
      return getfl(fd);
    {
      __wasi_errno_t error = __wasi_fd_fdstat_set_flags(fd, (__wasi_fdflags_t)(arg & 0xfff));
      if (error != 0) {
        errno = error;
        return -1;
      }
    }
    return 0;
  case F_GETLK:
  case F_SETLK:
  case F_SETLKW:
    return record_lock(fd, cmd, fl);
  default:
    errno = EINVAL;
    return -1;
  }
}

/* open and openat reach the base's openat through this name. */
int __wasilibc_base_openat_nomode(int dirfd, const char *path, int oflag);
int __wasilibc_nocwd_openat_nomode(int dirfd, const char *path, int oflag) {
  int fd = __wasilibc_base_openat_nomode(dirfd, path, oflag & ~O_CLOEXEC);
  if (fd >= 0 && (oflag & O_CLOEXEC))
    __wasilibc_fd_set_cloexec(fd, true);
  return fd;
}

int flock(int fd, int op) {
  if (!__wasilibc_fd_get(fd))
    return -1;
  switch (op & ~LOCK_NB) {
  case LOCK_SH:
  case LOCK_EX:
  case LOCK_UN:
    return 0;
  default:
    errno = EINVAL;
    return -1;
  }
}
