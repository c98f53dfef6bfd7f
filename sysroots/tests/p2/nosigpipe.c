// setsockopt takes SO_NOSIGPIPE (nothing raises SIGPIPE on WASI) and the Linux option levels
// SOL_IP, SOL_TCP and SOL_IPV6, which equal IPPROTO_IP, IPPROTO_TCP and IPPROTO_IPV6; send takes
// MSG_NOSIGNAL.
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define SHOW(call)                                                          \
  do {                                                                      \
    errno = 0;                                                              \
    int r_ = (call);                                                        \
    printf("%-50s %d %s\n", #call, r_, r_ ? strerror(errno) : "");          \
  } while (0)

int main(void) {
  int one = 1, ttl = 32;
  int tcp = socket(AF_INET, SOCK_STREAM, 0);
  int udp = socket(AF_INET, SOCK_DGRAM, 0);
  int v6 = socket(AF_INET6, SOCK_STREAM, 0);
  SHOW(setsockopt(tcp, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one));
  SHOW(setsockopt(udp, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one));
  SHOW(setsockopt(tcp, SOL_SOCKET, SO_NOSIGPIPE, &one, 1));
  SHOW(setsockopt(tcp, SOL_TCP, TCP_NODELAY, &one, sizeof one));
  SHOW(setsockopt(tcp, SOL_IP, IP_TTL, &ttl, sizeof ttl));
  SHOW(setsockopt(v6, SOL_IPV6, IPV6_V6ONLY, &one, sizeof one));
  printf("levels equal the protocols: %d\n", SOL_IP == IPPROTO_IP && SOL_TCP == IPPROTO_TCP && SOL_IPV6 == IPPROTO_IPV6 && SOL_UDP == IPPROTO_UDP);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(9), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  errno = 0;
  ssize_t n = sendto(udp, "x", 1, MSG_NOSIGNAL, (struct sockaddr *)&a, sizeof a);
  printf("sendto with MSG_NOSIGNAL: %zd\n", n);
  return 0;
}
