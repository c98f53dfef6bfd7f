/* select and pselect, on top of poll (common/poll.c). */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/select.h>
#include <time.h>

#include "fd-table.h"

/* Seconds and nanoseconds as ns; a timeout too long for that is forever. */
static int64_t timeout_ns_of(int64_t sec, int64_t nsec) {
  if (sec > INT64_MAX / 1000000000 - 1)
    return -1;
  return sec * 1000000000 + nsec;
}

static void add(struct pollfd *pfds, size_t *n, int fd, short events) {
  for (size_t i = 0; i < *n; i++) {
    if (pfds[i].fd == fd) {
      pfds[i].events |= events;
      return;
    }
  }
  pfds[(*n)++] = (struct pollfd){.fd = fd, .events = events};
}

static int select_ns(int nfds, fd_set *readfds, fd_set *writefds, fd_set *errorfds,
                     int64_t timeout_ns) {
  if (nfds < 0 || nfds > FD_SETSIZE) {
    errno = EINVAL;
    return -1;
  }
  size_t max = (readfds ? readfds->__nfds : 0) + (writefds ? writefds->__nfds : 0) +
               (errorfds ? errorfds->__nfds : 0);
  struct pollfd *pfds = calloc(max ? max : 1, sizeof *pfds);
  if (!pfds) {
    errno = ENOMEM;
    return -1;
  }
  size_t n = 0;
  fd_set *sets[3] = {readfds, writefds, errorfds};
  const short wanted[3] = {POLLIN, POLLOUT, 0};
  for (int k = 0; k < 3; k++) {
    if (!sets[k])
      continue;
    for (size_t i = 0; i < sets[k]->__nfds; i++) {
      int fd = sets[k]->__fds[i];
      if (fd < 0 || fd >= nfds)
        continue;
      add(pfds, &n, fd, wanted[k]);
    }
  }

  int r = POLL_NS(pfds, n, timeout_ns);
  if (r < 0) {
    free(pfds);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    if (pfds[i].revents & POLLNVAL) {
      free(pfds);
      errno = EBADF;
      return -1;
    }
  }

  fd_set out[3];
  for (int k = 0; k < 3; k++)
    FD_ZERO(&out[k]);
  int count = 0;
  for (size_t i = 0; i < n; i++) {
    short re = pfds[i].revents;
    int fd = pfds[i].fd;
    if (readfds && FD_ISSET(fd, readfds) && (re & (POLLIN | POLLHUP | POLLERR))) {
      FD_SET(fd, &out[0]);
      count++;
    }
    if (writefds && FD_ISSET(fd, writefds) && (re & (POLLOUT | POLLHUP | POLLERR))) {
      FD_SET(fd, &out[1]);
      count++;
    }
    if (errorfds && FD_ISSET(fd, errorfds) && (re & POLLERR)) {
      FD_SET(fd, &out[2]);
      count++;
    }
  }
  for (int k = 0; k < 3; k++)
    if (sets[k])
      *sets[k] = out[k];
  free(pfds);
  return count;
}

int select(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
           fd_set *restrict errorfds, struct timeval *restrict timeout) {
  int64_t ns = -1;
  if (timeout) {
    if (timeout->tv_sec < 0 || timeout->tv_usec < 0 || timeout->tv_usec >= 1000000) {
      errno = EINVAL;
      return -1;
    }
    ns = timeout_ns_of(timeout->tv_sec, (int64_t)timeout->tv_usec * 1000);
  }
  return select_ns(nfds, readfds, writefds, errorfds, ns);
}

int pselect(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
            fd_set *restrict errorfds, const struct timespec *restrict timeout,
            const sigset_t *restrict sigmask) {
  (void)sigmask;
  int64_t ns = -1;
  if (timeout) {
    if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000) {
      errno = EINVAL;
      return -1;
    }
    ns = timeout_ns_of(timeout->tv_sec, timeout->tv_nsec);
  }
  return select_ns(nfds, readfds, writefds, errorfds, ns);
}
