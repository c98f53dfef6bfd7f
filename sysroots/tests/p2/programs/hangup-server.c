// The server side of the hang-up tests; the client (Node) behaves as the
// scenario says.
//   hangup-server <scenario>
// Prints "PORT <n>", accepts one connection, then:
//   client-eof        the client sends "hello" and closes: data, then EOF
//   client-reset      the client sends "hello", waits for our "ok" and resets:
//                     data, then ECONNRESET, then EOF
//   send-to-closed    the client closes at once: EOF, then sending fails (EPIPE)
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *name(int e) {
  switch (e) {
  case EPIPE: return "EPIPE";
  case ECONNRESET: return "ECONNRESET";
  default: return "other";
  }
}

static void show(const char *what, ssize_t r) {
  if (r < 0)
    printf("%s: -1 %s\n", what, name(errno));
  else
    printf("%s: %zd\n", what, r);
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 1;
  const char *scenario = argv[1];
  int lfd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {.sin_family = AF_INET};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, 4) != 0 ||
      getsockname(lfd, (struct sockaddr *)&a, &len) != 0)
    return 1;
  printf("PORT %d\n", ntohs(a.sin_port));
  fflush(stdout);
  int fd = accept(lfd, NULL, NULL);
  if (fd < 0)
    return 1;
  char buf[64] = {0};
  if (strcmp(scenario, "client-eof") == 0 || strcmp(scenario, "client-reset") == 0) {
    ssize_t n = recv(fd, buf, 5, MSG_WAITALL);
    printf("recv: %zd %.*s\n", n, (int)(n > 0 ? n : 0), buf);
    if (strcmp(scenario, "client-reset") == 0)
      show("send", send(fd, "ok", 2, 0));
    show("recv after", recv(fd, buf, sizeof buf, 0));
    show("recv again", recv(fd, buf, sizeof buf, 0));
  } else if (strcmp(scenario, "send-to-closed") == 0) {
    show("recv", recv(fd, buf, sizeof buf, 0));
    int err = 0;
    for (int i = 0; i < 4000 && !err; i++) {
      if (send(fd, "data", 4, 0) < 0)
        err = errno;
      struct timespec ts = {0, 5000000};
      nanosleep(&ts, NULL);
    }
    printf("send to the closed peer: %s\n", name(err));
  } else {
    printf("unknown scenario\n");
    return 1;
  }
  show("close", close(fd));
  close(lfd);
  printf("still running\n");
  return 0;
}
