/*
 * TCP benchmark server for wasm32-wasip2 (pairs with tcp-bench-client.c).
 *
 *   tcp-bench-server [4|6] [connections]
 *
 * Listens on the loopback address with port 0 and prints "PORT <n>". Serves
 * <connections> connections (default 2) one after another; each starts with a
 * 16-byte header: the mode ('T' or 'R'), padding, then a little-endian 64-bit
 * argument.
 *   'T' <bytes>: reads exactly <bytes> bytes, then replies with the 8-byte count
 *                (throughput);
 *   'R' <size>:  echoes messages of <size> bytes until the client closes
 *                (request/response round trips).
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tcp-bench-io.h"

int main(int argc, char **argv) {
  int family = argc > 1 && argv[1][0] == '6' ? AF_INET6 : AF_INET;
  int connections = argc > 2 ? atoi(argv[2]) : 2;
  int lfd = socket(family, SOCK_STREAM, 0);
  struct sockaddr_storage ss;
  memset(&ss, 0, sizeof ss);
  socklen_t len;
  if (family == AF_INET6) {
    ((struct sockaddr_in6 *)&ss)->sin6_family = AF_INET6;
    ((struct sockaddr_in6 *)&ss)->sin6_addr = in6addr_loopback;
    len = sizeof(struct sockaddr_in6);
  } else {
    ((struct sockaddr_in *)&ss)->sin_family = AF_INET;
    ((struct sockaddr_in *)&ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof(struct sockaddr_in);
  }
  if (lfd < 0 || bind(lfd, (struct sockaddr *)&ss, len) != 0 || listen(lfd, 16) != 0 ||
      getsockname(lfd, (struct sockaddr *)&ss, &len) != 0) {
    perror("listen");
    return 1;
  }
  printf("PORT %d\n", ntohs(family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                               : ((struct sockaddr_in *)&ss)->sin_port));
  fflush(stdout);

  static char buf[1 << 16];
  for (int served = 0; served < connections; served++) {
    int fd = accept(lfd, NULL, NULL);
    if (fd < 0) {
      perror("accept");
      return 1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    unsigned char header[16];
    if (read_exactly(fd, header, sizeof header) != 0) {
      close(fd);
      continue;
    }
    uint64_t arg = 0;
    for (int i = 0; i < 8; i++)
      arg |= (uint64_t)header[8 + i] << (8 * i);
    if (header[0] == 'T') {
      uint64_t got = 0;
      while (got < arg) {
        size_t want = arg - got < sizeof buf ? (size_t)(arg - got) : sizeof buf;
        ssize_t n = recv(fd, buf, want, 0);
        if (n <= 0)
          break;
        got += (uint64_t)n;
      }
      unsigned char reply[8];
      for (int i = 0; i < 8; i++)
        reply[i] = (unsigned char)(got >> (8 * i));
      write_all(fd, reply, sizeof reply);
    } else if (header[0] == 'R' && arg > 0 && arg <= sizeof buf) {
      while (read_exactly(fd, buf, (size_t)arg) == 0 && write_all(fd, buf, (size_t)arg) == 0) {
      }
    }
    close(fd);
  }
  close(lfd);
  return 0;
}
