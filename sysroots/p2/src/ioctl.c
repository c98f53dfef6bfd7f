/* ioctl for wasm32-wasip2: FIONREAD and FIONBIO, on sockets and on
 * Preview 1 descriptors. */
#include <errno.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <wasi/api.h>

#include "descriptors.h"

int ioctl(int fd, int request, ...) {
  va_list ap;
  va_start(ap, request);
  void *arg = va_arg(ap, void *);
  va_end(ap);

  __wasip2_socket_t *s = __wasip2_socket_lookup(fd);
  if (s)
    return __wasip2_socket_ops->ioctl(s, request, arg);

  switch (request) {
  case FIONREAD: {
    /* How much a read would return now: ask poll_oneoff, without waiting. */
    __wasi_subscription_t subs[2] = {
        {.u.tag = __WASI_EVENTTYPE_FD_READ, .u.u.fd_read.file_descriptor = fd},
        {.u.tag = __WASI_EVENTTYPE_CLOCK, .u.u.clock.id = __WASI_CLOCKID_MONOTONIC},
    };
    __wasi_event_t events[2];
    size_t nevents;
    __wasi_errno_t error = __wasi_poll_oneoff(subs, events, 2, &nevents);
    if (error != 0) {
      errno = error;
      return -1;
    }
    int *result = arg;
    *result = 0;
    for (size_t i = 0; i < nevents; i++) {
      if (events[i].type != __WASI_EVENTTYPE_FD_READ)
        continue;
      if (events[i].error != 0) {
        errno = events[i].error;
        return -1;
      }
      *result = (int)events[i].fd_readwrite.nbytes;
    }
    return 0;
  }
  case FIONBIO: {
    __wasi_fdstat_t st;
    __wasi_errno_t error = __wasi_fd_fdstat_get(fd, &st);
    if (error == 0) {
      if (*(const int *)arg)
        st.fs_flags |= __WASI_FDFLAGS_NONBLOCK;
      else
        st.fs_flags &= ~__WASI_FDFLAGS_NONBLOCK;
      error = __wasi_fd_fdstat_set_flags(fd, st.fs_flags);
    }
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
