// The client side of the hang-up tests; the server (Node) behaves as the
// scenario says and the results printed here are compared exactly.
//   hangup-client <port> <scenario>
// Scenarios:
//   eof               server sends "bye" and closes: data, then end of stream;
//                     sending afterwards fails with EPIPE
//   reset-idle        server resets the connection on our first bytes, before we
//                     read: ECONNRESET, then EOF; sending fails with EPIPE
//   reset-while-recv  server resets while we wait in recv: ECONNRESET
//   close-while-send  server stops reading and resets while we send: EPIPE
//   reset-while-poll  server resets while we wait in poll: POLLIN, ECONNRESET
// SIGPIPE does not exist here: every failure is an error return, and the
// program goes on to say so.
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
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
  case ENOTCONN: return "ENOTCONN";
  case EAGAIN: return "EAGAIN";
  case ECONNREFUSED: return "ECONNREFUSED";
  default: return "other";
  }
}

static void show(const char *what, ssize_t r) {
  if (r < 0)
    printf("%s: -1 %s\n", what, name(errno));
  else
    printf("%s: %zd\n", what, r);
}

static void sleep_ms(int ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

/* Sends until the connection is found broken; returns the final errno. */
static int send_until_error(int fd, size_t chunk, int pause_ms) {
  static char buf[65536];
  memset(buf, 'z', sizeof buf);
  for (int i = 0; i < 4000; i++) {
    ssize_t n = send(fd, buf, chunk, 0);
    if (n < 0)
      return errno;
    if (pause_ms)
      sleep_ms(pause_ms);
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 1;
  const char *scenario = argv[2];
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1]))};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
    printf("connect failed: %s\n", name(errno));
    return 1;
  }
  char buf[64] = {0};

  if (strcmp(scenario, "eof") == 0) {
    ssize_t n = recv(fd, buf, sizeof buf, MSG_WAITALL);
    printf("recv: %zd %.*s\n", n, (int)(n > 0 ? n : 0), buf);
    show("recv at end", recv(fd, buf, sizeof buf, 0));
    show("recv at end again", recv(fd, buf, sizeof buf, 0));
    printf("send after the peer closed: %s\n", name(send_until_error(fd, 16, 5)));
    show("send again", send(fd, "x", 1, MSG_NOSIGNAL));
  } else if (strcmp(scenario, "reset-idle") == 0) {
    /* The server resets when our data arrives; the reset is in before we read. */
    show("send", send(fd, "go", 2, 0));
    sleep_ms(300);
    show("recv", recv(fd, buf, sizeof buf, 0));
    show("recv after the reset", recv(fd, buf, sizeof buf, 0));
    show("send after the reset", send(fd, "x", 1, 0));
  } else if (strcmp(scenario, "reset-while-recv") == 0) {
    show("send", send(fd, "go", 2, 0));
    show("recv", recv(fd, buf, sizeof buf, 0));
  } else if (strcmp(scenario, "close-while-send") == 0) {
    printf("send until it fails: %s\n", name(send_until_error(fd, sizeof buf * 1024, 0)));
  } else if (strcmp(scenario, "reset-while-poll") == 0) {
    show("send", send(fd, "go", 2, 0));
    struct pollfd p = {.fd = fd, .events = POLLIN};
    show("poll", poll(&p, 1, 30000));
    printf("revents has POLLIN: %d\n", (p.revents & POLLIN) != 0);
    show("recv", recv(fd, buf, sizeof buf, 0));
  } else {
    printf("unknown scenario\n");
    return 1;
  }
  show("close", close(fd));
  printf("still running\n");
  return 0;
}
