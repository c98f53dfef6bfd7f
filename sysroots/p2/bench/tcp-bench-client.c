/*
 * TCP benchmark client for wasm32-wasip2 (pairs with tcp-bench-server.c).
 *
 *   tcp-bench-client <port> [bytes] [round-trips] [message-size] [4|6]
 *
 * Runs two measurements against the server and prints one line each:
 *   throughput: sends <bytes> (default 64 MiB) in 64 KiB writes and waits for
 *               the server's byte count;
 *   request/response: <round-trips> (default 2000) messages of
 *               <message-size> bytes (default 64), each waiting for its echo.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tcp-bench-io.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int open_connection(int family, int port, char mode, uint64_t arg) {
  struct sockaddr_storage ss;
  memset(&ss, 0, sizeof ss);
  socklen_t len;
  if (family == AF_INET6) {
    ((struct sockaddr_in6 *)&ss)->sin6_family = AF_INET6;
    ((struct sockaddr_in6 *)&ss)->sin6_port = htons((unsigned short)port);
    ((struct sockaddr_in6 *)&ss)->sin6_addr = in6addr_loopback;
    len = sizeof(struct sockaddr_in6);
  } else {
    ((struct sockaddr_in *)&ss)->sin_family = AF_INET;
    ((struct sockaddr_in *)&ss)->sin_port = htons((unsigned short)port);
    ((struct sockaddr_in *)&ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof(struct sockaddr_in);
  }
  int fd = socket(family, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&ss, len) != 0) {
    perror("connect");
    exit(1);
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  unsigned char header[16] = {(unsigned char)mode};
  for (int i = 0; i < 8; i++)
    header[8 + i] = (unsigned char)(arg >> (8 * i));
  if (write_all(fd, header, sizeof header) != 0) {
    perror("send");
    exit(1);
  }
  return fd;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: tcp-bench-client <port> [bytes] [round-trips] [message-size] [4|6]\n");
    return 2;
  }
  int port = atoi(argv[1]);
  uint64_t bytes = argc > 2 ? strtoull(argv[2], NULL, 10) : 64ull << 20;
  long trips = argc > 3 ? atol(argv[3]) : 2000;
  size_t size = argc > 4 ? (size_t)atol(argv[4]) : 64;
  int family = argc > 5 && argv[5][0] == '6' ? AF_INET6 : AF_INET;
  if (size == 0 || size > 65536) {
    fprintf(stderr, "message size must be 1..65536\n");
    return 2;
  }

  static char buf[1 << 16];
  memset(buf, 'b', sizeof buf);

  /* Throughput. */
  int fd = open_connection(family, port, 'T', bytes);
  double t0 = now();
  uint64_t sent = 0;
  while (sent < bytes) {
    size_t chunk = bytes - sent < sizeof buf ? (size_t)(bytes - sent) : sizeof buf;
    if (write_all(fd, buf, chunk) != 0) {
      perror("send");
      return 1;
    }
    sent += chunk;
  }
  unsigned char reply[8];
  if (read_exactly(fd, reply, sizeof reply) != 0) {
    perror("recv");
    return 1;
  }
  double t = now() - t0;
  uint64_t counted = 0;
  for (int i = 0; i < 8; i++)
    counted |= (uint64_t)reply[i] << (8 * i);
  close(fd);
  printf("throughput: %llu bytes in %.3f s = %.1f MiB/s (server counted %llu)\n",
         (unsigned long long)bytes, t, (double)bytes / (1 << 20) / t, (unsigned long long)counted);

  /* Request/response. */
  fd = open_connection(family, port, 'R', size);
  t0 = now();
  for (long i = 0; i < trips; i++) {
    if (write_all(fd, buf, size) != 0 || read_exactly(fd, buf, size) != 0) {
      perror("round trip");
      return 1;
    }
  }
  t = now() - t0;
  close(fd);
  printf("request/response: %ld round trips of %zu bytes in %.3f s = %.1f us each, %.0f per second\n",
         trips, size, t, t / (double)trips * 1e6, (double)trips / t);
  return counted == bytes ? 0 : 1;
}
