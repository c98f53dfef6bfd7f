/*
 * posix_fadvise and posix_fallocate with Linux's error returns (they return
 * the error number; errno is unchanged).
 *
 * posix_fadvise: EBADF for a closed number, ESPIPE for a pipe, EINVAL for a
 * negative length or unknown advice; otherwise the advice is taken (0), also
 * where the host refuses advice for the descriptor (node:wasi: directories).
 *
 * posix_fallocate: EBADF for a closed number or one not open for writing,
 * EINVAL for a negative offset or a length that is not positive, EFBIG past
 * the largest offset, ESPIPE for a pipe, ENODEV for a socket. A host without
 * fd_allocate (wasm32-wasip2's adapter: wasi:filesystem has none) gets the
 * file extended to offset + len instead, as the file then reads.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <wasi/api.h>

#include "fd-table.h"

int posix_fadvise(int fd, off_t offset, off_t len, int advice) {
  __wasilibc_fd_desc_t *d = __wasilibc_fd_get(fd);
  if (!d)
    return EBADF;
  if (d->kind == __WASILIBC_FD_PIPE)
    return ESPIPE;
  if (len < 0)
    return EINVAL;
  switch (advice) {
  case POSIX_FADV_NORMAL:
  case POSIX_FADV_SEQUENTIAL:
  case POSIX_FADV_RANDOM:
  case POSIX_FADV_WILLNEED:
  case POSIX_FADV_DONTNEED:
  case POSIX_FADV_NOREUSE:
    break;
  default:
    return EINVAL;
  }
  if (d->kind != __WASILIBC_FD_HOST || offset < 0)
    return 0;
  __wasi_errno_t e = __wasi_fd_advise(fd, (__wasi_filesize_t)offset, (__wasi_filesize_t)len,
                                      (__wasi_advice_t)advice);
  return e == __WASI_ERRNO_SPIPE ? ESPIPE : 0;
}

int posix_fallocate(int fd, off_t offset, off_t len) {
  __wasilibc_fd_desc_t *d = __wasilibc_fd_get(fd);
  if (!d)
    return EBADF;
  if (offset < 0 || len <= 0)
    return EINVAL;
  if (offset > INT64_MAX - len)
    return EFBIG;
  __wasi_fdstat_t st;
  __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &st);
  if (e)
    return e;
  if (!(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE))
    return EBADF;
  if (d->kind == __WASILIBC_FD_PIPE)
    return ESPIPE;
  if (d->kind == __WASILIBC_FD_SOCKET || st.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM ||
      st.fs_filetype == __WASI_FILETYPE_SOCKET_DGRAM)
    return ENODEV;
  if (st.fs_filetype == __WASI_FILETYPE_DIRECTORY)
    return EISDIR;
  if (st.fs_filetype != __WASI_FILETYPE_REGULAR_FILE)
    return ENODEV;
  e = __wasi_fd_allocate(fd, (__wasi_filesize_t)offset, (__wasi_filesize_t)len);
  if (e != __WASI_ERRNO_NOTSUP && e != __WASI_ERRNO_NOSYS)
    return e;
  __wasi_filestat_t fst;
  e = __wasi_fd_filestat_get(fd, &fst);
  if (e)
    return e;
  if (fst.size >= (__wasi_filesize_t)(offset + len))
    return 0;
  return __wasi_fd_filestat_set_size(fd, (__wasi_filesize_t)(offset + len));
}
