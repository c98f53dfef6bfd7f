/*
 * poll over sockets for wasm32-wasip2: once a socket exists the socket
 * code's poll, which handles mixed sets, takes over from the Preview 1 one
 * (common/poll.c, which defines poll and ppoll on top of this).
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>

#include "descriptors.h"

int __wasip2_poll_ns(struct pollfd *fds, nfds_t nfds, int64_t timeout_ns) {
  if (nfds > INT32_MAX / 4) {
    errno = EINVAL;
    return -1;
  }
  if (__wasip2_socket_ops)
    return __wasip2_socket_ops->poll(fds, nfds, timeout_ns);
  return __wasilibc_poll_host(fds, nfds, timeout_ns);
}

