// Whole-buffer socket I/O shared by tcp-bench-client.c and tcp-bench-server.c.
#ifndef TCP_BENCH_IO_H
#define TCP_BENCH_IO_H

#include <stddef.h>
#include <sys/socket.h>

// Receives exactly len bytes; -1 on error or end of stream.
static int read_exactly(int fd, void *buf, size_t len) {
  char *p = buf;
  while (len) {
    ssize_t n = recv(fd, p, len, 0);
    if (n <= 0)
      return -1;
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

// Sends all len bytes; -1 on error.
static int write_all(int fd, const void *buf, size_t len) {
  const char *p = buf;
  while (len) {
    ssize_t n = send(fd, p, len, 0);
    if (n <= 0)
      return -1;
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

#endif
