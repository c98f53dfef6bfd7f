// UDP against an echo peer in another process.
//   udp-client <port> <4|6>
// Unconnected sendto/recvfrom, then connected send/recv, each checked.
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3)
    return 1;
  int port = atoi(argv[1]);
  int family = argv[2][0] == '6' ? AF_INET6 : AF_INET;
  struct sockaddr_storage to;
  memset(&to, 0, sizeof to);
  socklen_t tolen;
  if (family == AF_INET6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)&to;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons((unsigned short)port);
    a->sin6_addr = in6addr_loopback;
    tolen = sizeof *a;
  } else {
    struct sockaddr_in *a = (struct sockaddr_in *)&to;
    a->sin_family = AF_INET;
    a->sin_port = htons((unsigned short)port);
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    tolen = sizeof *a;
  }
  int fd = socket(family, SOCK_DGRAM, 0);
  char buf[2048];
  for (int i = 0; i < 3; i++) {
    char msg[32];
    int len = snprintf(msg, sizeof msg, "unconnected %d", i);
    ssize_t n = sendto(fd, msg, (size_t)len, 0, (struct sockaddr *)&to, tolen);
    struct sockaddr_storage from;
    socklen_t fromlen = sizeof from;
    ssize_t r = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
    int same = fromlen == tolen && memcmp(&from, &to, tolen) == 0;
    printf("sent %zd, got %zd '%.*s' from the peer: %d\n", n, r, (int)(r > 0 ? r : 0), buf, same);
  }
  if (connect(fd, (struct sockaddr *)&to, tolen) != 0) {
    printf("connect failed\n");
    return 1;
  }
  static char big[1400];
  for (size_t i = 0; i < sizeof big; i++)
    big[i] = (char)('a' + i % 26);
  ssize_t n = send(fd, big, sizeof big, 0);
  ssize_t r = recv(fd, buf, sizeof buf, 0);
  printf("connected: sent %zd, got %zd, same bytes: %d\n", n, r, r == n && memcmp(buf, big, sizeof big) == 0);
  close(fd);
  return 0;
}
