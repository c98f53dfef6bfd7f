// struct sockaddr_un has Linux's sun_path (108 bytes), so that code that fills one in compiles
// (hiredis's redisConnectUnix), and struct sockaddr_storage holds one (128 bytes, as on Linux). WASI has no UNIX-domain sockets: on wasm32-wasip2, socket(AF_UNIX)
// and connecting an IP socket to a UNIX address fail with EAFNOSUPPORT.
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "errname.h"

int main(void) {
  struct sockaddr_un sa;
  memset(&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  strncpy(sa.sun_path, "/tmp/redis.sock", sizeof sa.sun_path - 1);
  printf("sun_path: %zu bytes, after sun_family: %d, fits in sockaddr_storage: %d, which has %zu bytes\n",
         sizeof sa.sun_path,
         offsetof(struct sockaddr_un, sun_path) >= sizeof(sa_family_t),
         sizeof sa <= sizeof(struct sockaddr_storage), sizeof(struct sockaddr_storage));
  printf("path: %s\n", sa.sun_path);
#ifdef __wasip2__
  errno = 0;
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  printf("socket(AF_UNIX): %d %s\n", fd, errname(errno));
  int tcp = socket(AF_INET, SOCK_STREAM, 0);
  errno = 0;
  int r = connect(tcp, (struct sockaddr *)&sa, sizeof sa);
  printf("connect(AF_INET socket, AF_UNIX address): %d %s\n", r, errname(errno));
  close(tcp);
#else
  printf("socket(AF_UNIX): -1 EAFNOSUPPORT\n");
  printf("connect(AF_INET socket, AF_UNIX address): -1 EAFNOSUPPORT\n");
#endif
  return 0;
}
