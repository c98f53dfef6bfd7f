// getaddrinfo (names through the host, numeric hosts locally), getnameinfo,
// gethostbyname, inet_pton/inet_ntop.
#include <netdb.h>

#include "p2-test.h"

static void show(const char *what, const char *host, const char *service, int family, int socktype,
                 int flags) {
  struct addrinfo hints = {.ai_family = family, .ai_socktype = socktype, .ai_flags = flags};
  struct addrinfo *res = NULL;
  int r = getaddrinfo(host, service, &hints, &res);
  if (r != 0) {
    printf("%s: error %d (%s)\n", what, r, gai_strerror(r));
    return;
  }
  printf("%s:\n", what);
  for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
    char h[NI_MAXHOST], s[NI_MAXSERV];
    CHECK(getnameinfo(ai->ai_addr, ai->ai_addrlen, h, sizeof h, s, sizeof s,
                      NI_NUMERICHOST | NI_NUMERICSERV) == 0);
    printf("  %s %s port %s %s%s%s\n", ai->ai_family == AF_INET ? "inet" : "inet6", h, s,
           ai->ai_socktype == SOCK_STREAM ? "stream/tcp" : "dgram/udp",
           ai->ai_canonname ? " canon " : "", ai->ai_canonname ? ai->ai_canonname : "");
    CHECK(ai->ai_protocol == (ai->ai_socktype == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP));
    CHECK(ai->ai_addrlen == (ai->ai_family == AF_INET ? sizeof(struct sockaddr_in)
                                                      : sizeof(struct sockaddr_in6)));
  }
  freeaddrinfo(res);
}

int main(void) {
  show("numeric v4", "192.0.2.7", "8080", AF_UNSPEC, SOCK_STREAM, 0);
  show("numeric v4, any socket type", "10.1.2.3", "53", AF_UNSPEC, 0, 0);
  show("numeric v6", "2001:db8::1", "443", AF_UNSPEC, SOCK_DGRAM, 0);
  show("numeric v6 loopback, canonical name", "::1", NULL, AF_INET6, SOCK_STREAM, AI_CANONNAME);
  show("v4 address, v6 asked", "127.0.0.1", "80", AF_INET6, SOCK_STREAM, 0);
  show("passive, no host", NULL, "9000", AF_UNSPEC, SOCK_STREAM, AI_PASSIVE);
  show("no host", NULL, "9000", AF_INET, SOCK_STREAM, 0);
  show("service name", "127.0.0.1", "http", AF_INET, SOCK_STREAM, 0);
  show("unknown service", "127.0.0.1", "no-such-service", AF_INET, SOCK_STREAM, 0);
  show("numeric-only service", "127.0.0.1", "http", AF_INET, SOCK_STREAM, AI_NUMERICSERV);
  show("name with AI_NUMERICHOST", "localhost", NULL, AF_UNSPEC, SOCK_STREAM, AI_NUMERICHOST);
  show("bad family", "127.0.0.1", NULL, 12345, 0, 0);
  show("bad flags", "127.0.0.1", NULL, AF_UNSPEC, 0, 0x10000);
  show("unknown name", "no-such-host.invalid", "80", AF_UNSPEC, SOCK_STREAM, 0);
  show("nothing", NULL, NULL, AF_UNSPEC, 0, 0);

  /* localhost comes from the host's resolver: at least 127.0.0.1, and only
   * loopback addresses. */
  struct addrinfo hints = {.ai_socktype = SOCK_STREAM};
  struct addrinfo *res;
  int r = getaddrinfo("localhost", "7", &hints, &res);
  printf("localhost: %d\n", r);
  int v4 = 0, other = 0;
  for (struct addrinfo *ai = res; r == 0 && ai; ai = ai->ai_next) {
    if (ai->ai_family == AF_INET &&
        ((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
      v4++;
    else if (!(ai->ai_family == AF_INET6 &&
               memcmp(&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, &in6addr_loopback, 16) == 0))
      other++;
    CHECK(ntohs(((struct sockaddr_in *)ai->ai_addr)->sin_port) == 7);
  }
  printf("localhost has 127.0.0.1: %d, non-loopback addresses: %d\n", v4 == 1, other);
  if (r == 0)
    freeaddrinfo(res);

  /* And it connects: a server on the address getaddrinfo gave. */
  int port;
  int lfd = bound_socket(AF_INET, SOCK_STREAM, &port);
  char service[16];
  snprintf(service, sizeof service, "%d", port);
  struct addrinfo h4 = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM};
  CHECK(getaddrinfo("localhost", service, &h4, &res) == 0);
  int c = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
  SHOW("connect to getaddrinfo result", connect(c, res->ai_addr, res->ai_addrlen));
  freeaddrinfo(res);
  close(c);
  close(lfd);

  /* getnameinfo answers numerically. */
  struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(5555)};
  inet_pton(AF_INET, "198.51.100.9", &sin.sin_addr);
  char h[NI_MAXHOST], s[NI_MAXSERV];
  r = getnameinfo((struct sockaddr *)&sin, sizeof sin, h, sizeof h, s, sizeof s, 0);
  printf("getnameinfo: %d %s %s\n", r, h, s);
  r = getnameinfo((struct sockaddr *)&sin, sizeof sin, h, sizeof h, NULL, 0, NI_NAMEREQD);
  printf("getnameinfo NI_NAMEREQD: %s\n", r == EAI_NONAME ? "EAI_NONAME" : "other");
  r = getnameinfo((struct sockaddr *)&sin, sizeof sin, h, 4, NULL, 0, NI_NUMERICHOST);
  printf("getnameinfo short buffer: %s\n", r == EAI_OVERFLOW ? "EAI_OVERFLOW" : "other");

  /* gethostbyname. */
  struct hostent *he = gethostbyname("127.0.0.1");
  printf("gethostbyname numeric: %s %d %d %s\n", he ? he->h_name : "NULL", he ? he->h_addrtype == AF_INET : 0,
         he ? he->h_length : 0, he ? inet_ntoa(*(struct in_addr *)he->h_addr_list[0]) : "-");
  he = gethostbyname("localhost");
  printf("gethostbyname localhost: %s\n", he && he->h_addr_list[0] ? "found" : "not found");
  he = gethostbyname("no-such-host.invalid");
  printf("gethostbyname unknown: %s, h_errno %s\n", he ? "found" : "NULL",
         h_errno == HOST_NOT_FOUND ? "HOST_NOT_FOUND" : "other");

  /* Text forms of addresses. */
  unsigned char a6[16];
  char text[INET6_ADDRSTRLEN];
  printf("inet_pton v6: %d\n", inet_pton(AF_INET6, "fe80::1:2", a6));
  printf("inet_ntop v6: %s\n", inet_ntop(AF_INET6, a6, text, sizeof text));
  printf("inet_pton bad: %d\n", inet_pton(AF_INET, "1.2.3.256", a6));
  printf("inet_addr: %08x\n", ntohl(inet_addr("10.0.0.1")));
  struct in_addr ia;
  printf("inet_aton: %d %s\n", inet_aton("172.16.0.5", &ia), inet_ntoa(ia));
  return 0;
}
