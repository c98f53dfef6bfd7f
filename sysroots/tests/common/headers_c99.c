// flags: -std=c99 -pedantic-errors -Wno-zero-length-array -Wno-gnu-statement-expression
// Network headers under strict C99 (no max_align_t there): they compile, and the socket
// address structures keep their layout (size, alignment, field offsets); sockaddr_storage and
// sockaddr_un have Linux's sizes (128 bytes, and sun_path of 108).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#define SHOW(type) printf("%-24s size %2u align %2u\n", #type, (unsigned)sizeof(type), (unsigned)__alignof__(type))

int main(void) {
  SHOW(struct sockaddr);
  SHOW(struct sockaddr_storage);
  SHOW(struct sockaddr_in);
  SHOW(struct sockaddr_in6);
  SHOW(struct sockaddr_un);
  printf("sin_port at %u, sin_addr at %u\n", (unsigned)offsetof(struct sockaddr_in, sin_port),
         (unsigned)offsetof(struct sockaddr_in, sin_addr));
  printf("sin6_addr at %u, sin6_scope_id at %u\n", (unsigned)offsetof(struct sockaddr_in6, sin6_addr),
         (unsigned)offsetof(struct sockaddr_in6, sin6_scope_id));

  struct sockaddr_in6 a;
  memset(&a, 0, sizeof a);
  a.sin6_family = AF_INET6;
  a.sin6_port = htons(8080);
  int ok = inet_pton(AF_INET6, "::1", &a.sin6_addr);
  char text[INET6_ADDRSTRLEN];
  printf("inet_pton %d, back: %s port %u\n", ok, inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text),
         (unsigned)ntohs(a.sin6_port));
  return 0;
}
