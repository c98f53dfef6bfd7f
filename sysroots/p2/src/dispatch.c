/*
 * read, write, readv, writev and close for wasm32-wasip2: socket descriptors
 * go to the socket code, everything else to Preview 1 (the adapter) through
 * libc's descriptor table.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/uio.h>
#include <unistd.h>
#include <wasi/api.h>

#include "descriptors.h"

const struct __wasip2_socket_ops *__wasip2_socket_ops;

static ssize_t p1_result(__wasi_errno_t error, size_t n) {
  if (error != 0) {
    errno = error == __WASI_ERRNO_NOTCAPABLE ? EBADF : error;
    return -1;
  }
  return (ssize_t)n;
}

ssize_t read(int fd, void *buf, size_t len) {
  __wasip2_socket_t *s = __wasip2_socket_lookup(fd);
  if (s)
    return __wasip2_socket_ops->recv(s, buf, len, 0);
  __wasi_iovec_t iov = {.buf = buf, .buf_len = len};
  size_t n;
  return p1_result(__wasi_fd_read(fd, &iov, 1, &n), n);
}

ssize_t write(int fd, const void *buf, size_t len) {
  __wasip2_socket_t *s = __wasip2_socket_lookup(fd);
  if (s)
    return __wasip2_socket_ops->send(s, buf, len, 0);
  __wasi_ciovec_t iov = {.buf = buf, .buf_len = len};
  size_t n;
  return p1_result(__wasi_fd_write(fd, &iov, 1, &n), n);
}

static bool iov_valid(const struct iovec *iov, int iovcnt) {
  if (iovcnt < 0 || iovcnt > IOV_MAX)
    return false;
  size_t total = 0;
  for (int i = 0; i < iovcnt; i++) {
    if (iov[i].iov_len > SSIZE_MAX - total)
      return false;
    total += iov[i].iov_len;
  }
  return true;
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt) {
  if (!iov_valid(iov, iovcnt)) {
    errno = EINVAL;
    return -1;
  }
  __wasip2_socket_t *s = __wasip2_socket_lookup(fd);
  if (!s) {
    size_t n;
    return p1_result(__wasi_fd_read(fd, (const __wasi_iovec_t *)iov, iovcnt, &n), n);
  }
  /* The first non-empty buffer waits like recv(); later ones only take what
   * has already arrived. */
  ssize_t total = 0;
  for (int i = 0; i < iovcnt; i++) {
    if (iov[i].iov_len == 0)
      continue;
    ssize_t n = __wasip2_socket_ops->recv(s, iov[i].iov_base, iov[i].iov_len,
                                          total ? MSG_DONTWAIT : 0);
    if (n < 0)
      return total ? total : -1;
    total += n;
    if ((size_t)n < iov[i].iov_len)
      break;
  }
  return total;
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt) {
  if (!iov_valid(iov, iovcnt)) {
    errno = EINVAL;
    return -1;
  }
  __wasip2_socket_t *s = __wasip2_socket_lookup(fd);
  if (!s) {
    size_t n;
    return p1_result(__wasi_fd_write(fd, (const __wasi_ciovec_t *)iov, iovcnt, &n), n);
  }
  ssize_t total = 0;
  for (int i = 0; i < iovcnt; i++) {
    if (iov[i].iov_len == 0)
      continue;
    ssize_t n = __wasip2_socket_ops->send(s, iov[i].iov_base, iov[i].iov_len, 0);
    if (n < 0)
      return total ? total : -1;
    total += n;
    if ((size_t)n < iov[i].iov_len)
      break;
  }
  return total;
}

/* A socket's last descriptor closes it (the table calls the socket code). */
int close(int fd) {
  __wasi_errno_t error = __wasi_fd_close(fd);
  if (error != 0) {
    errno = error;
    return -1;
  }
  return 0;
}
