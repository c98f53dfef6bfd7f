// A poll-driven (or select-driven) TCP echo server for the multi-process tests.
//   echo-server <4|6> <connections> [select]
// Binds the loopback address with port 0, prints "PORT <n>", echoes every
// connection until the peer closes it, and exits after <connections>
// connections have come and gone, printing what it moved.
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONN 256
#define BUF 65536

struct conn {
  int fd;
  char *buf; /* bytes received, not yet echoed */
  size_t off, len;
  int eof;
};

static void die(const char *what) {
  printf("FAIL %s: errno %d\n", what, errno);
  exit(1);
}

/* poll() done with select(): the same readiness, as fd_sets. */
static int select_poll(struct pollfd *pfds, int n) {
  fd_set rs, ws;
  FD_ZERO(&rs);
  FD_ZERO(&ws);
  int max = -1;
  for (int i = 0; i < n; i++) {
    pfds[i].revents = 0;
    if (pfds[i].fd < 0)
      continue;
    if (pfds[i].events & POLLIN)
      FD_SET(pfds[i].fd, &rs);
    if (pfds[i].events & POLLOUT)
      FD_SET(pfds[i].fd, &ws);
    if (pfds[i].fd > max)
      max = pfds[i].fd;
  }
  int r = select(max + 1, &rs, &ws, NULL, NULL);
  if (r < 0)
    return r;
  for (int i = 0; i < n; i++) {
    if (pfds[i].fd < 0)
      continue;
    if (FD_ISSET(pfds[i].fd, &rs))
      pfds[i].revents |= POLLIN;
    if (FD_ISSET(pfds[i].fd, &ws))
      pfds[i].revents |= POLLOUT;
  }
  return r;
}

int main(int argc, char **argv) {
  int family = argc > 1 && argv[1][0] == '6' ? AF_INET6 : AF_INET;
  int want = argc > 2 ? atoi(argv[2]) : 1;
  int use_select = argc > 3 && strcmp(argv[3], "select") == 0;
  int lfd = socket(family, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (lfd < 0)
    die("socket");
  struct sockaddr_storage ss;
  memset(&ss, 0, sizeof ss);
  socklen_t len;
  if (family == AF_INET6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
    a->sin6_family = AF_INET6;
    a->sin6_addr = in6addr_loopback;
    len = sizeof *a;
  } else {
    struct sockaddr_in *a = (struct sockaddr_in *)&ss;
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof *a;
  }
  if (bind(lfd, (struct sockaddr *)&ss, len) != 0 || listen(lfd, SOMAXCONN) != 0)
    die("bind/listen");
  len = sizeof ss;
  if (getsockname(lfd, (struct sockaddr *)&ss, &len) != 0)
    die("getsockname");
  int port = ntohs(family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                      : ((struct sockaddr_in *)&ss)->sin_port);
  printf("PORT %d\n", port);
  fflush(stdout);

  static struct conn conns[MAX_CONN];
  int nconn = 0, accepted = 0, closed = 0;
  long long moved = 0;
  static struct pollfd pfds[MAX_CONN + 1];
  while (closed < want) {
    int n = 0;
    pfds[n++] = (struct pollfd){.fd = accepted < want ? lfd : -1, .events = POLLIN};
    for (int i = 0; i < nconn; i++) {
      struct conn *c = &conns[i];
      short ev = 0;
      if (!c->eof && c->len < BUF)
        ev |= POLLIN;
      if (c->len > 0)
        ev |= POLLOUT;
      pfds[n++] = (struct pollfd){.fd = c->fd, .events = ev};
    }
    if ((use_select ? select_poll(pfds, n) : poll(pfds, n, -1)) < 0)
      die(use_select ? "select" : "poll");
    if (pfds[0].revents & POLLIN) {
      for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
        if (fd < 0) {
          if (errno == EAGAIN)
            break;
          die("accept");
        }
        if (nconn == MAX_CONN)
          die("too many connections");
        conns[nconn++] = (struct conn){.fd = fd, .buf = malloc(BUF)};
        accepted++;
      }
    }
    for (int i = 0; i < nconn; i++) {
      struct conn *c = &conns[i];
      short re = pfds[i + 1].revents;
      if (re & (POLLIN | POLLHUP | POLLERR)) {
        if (!c->eof && c->len < BUF) {
          /* The unread part is at the end: compact first. */
          if (c->off) {
            memmove(c->buf, c->buf + c->off, c->len);
            c->off = 0;
          }
          ssize_t got = recv(c->fd, c->buf + c->len, BUF - c->len, 0);
          if (got > 0)
            c->len += (size_t)got;
          else if (got == 0)
            c->eof = 1;
          else if (errno != EAGAIN)
            die("recv");
        }
      }
      if (c->len > 0 && (re & POLLOUT)) {
        ssize_t sent = send(c->fd, c->buf + c->off, c->len, 0);
        if (sent > 0) {
          c->off += (size_t)sent;
          c->len -= (size_t)sent;
          moved += sent;
          if (c->len == 0)
            c->off = 0;
        } else if (sent < 0 && errno != EAGAIN) {
          die("send");
        }
      }
      if (c->eof && c->len == 0) {
        close(c->fd);
        free(c->buf);
        conns[i] = conns[--nconn];
        pfds[i + 1] = pfds[nconn + 1];
        closed++;
        i--;
      }
    }
  }
  close(lfd);
  printf("served %d connections, echoed %lld bytes\n", closed, moved);
  return 0;
}
