/* fstat: pipes are S_IFIFO and (wasm32-wasip2) sockets S_IFSOCK; everything
 * else is asked of the host and converted by the base's own helper. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <wasi/api.h>

#include "fd-table.h"
#include "stat_impl.h" /* the base's to_public_stat() */

int fstat(int fd, struct stat *buf) {
  __wasilibc_fd_desc_t *d = __wasilibc_fd_get(fd);
  if (!d)
    return -1;
  if (d->kind != __WASILIBC_FD_HOST) {
    memset(buf, 0, sizeof *buf);
    buf->st_mode = (d->kind == __WASILIBC_FD_PIPE ? S_IFIFO | 0600 : S_IFSOCK | 0777);
    buf->st_nlink = 1;
    buf->st_blksize = 4096;
    return 0;
  }
  __wasi_filestat_t st;
  __wasi_errno_t error = __wasi_fd_filestat_get(fd, &st);
  if (error != 0) {
    errno = error;
    return -1;
  }
  to_public_stat(&st, buf);
  return 0;
}
