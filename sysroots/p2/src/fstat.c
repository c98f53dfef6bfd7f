/* fstat for wasm32-wasip2: sockets are S_IFSOCK; everything else is asked of
 * Preview 1 and converted by the base's own helper. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <wasi/api.h>

#include "descriptors.h"
#include "stat_impl.h" /* the base's to_public_stat() */

int fstat(int fd, struct stat *buf) {
  if (__wasip2_socket_lookup(fd)) {
    memset(buf, 0, sizeof *buf);
    buf->st_mode = S_IFSOCK | 0777;
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
