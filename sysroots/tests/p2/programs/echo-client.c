// A poll-driven TCP client for the multi-process tests.
//   echo-client <port> <connections> <bytes> [4|6]
// Opens <connections> non-blocking connections to an echo server on the
// loopback address, sends <bytes> of a per-connection pattern on each while
// reading the echo, checks every byte, and prints a summary.
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONN 256

static unsigned char pattern(long i, int k) { return (unsigned char)(i * 31 + k * 7 + (i >> 9)); }

struct conn {
  int fd;
  int connected;
  long sent, received;
};

static void die(const char *what) {
  printf("FAIL %s: errno %d\n", what, errno);
  exit(1);
}

int main(int argc, char **argv) {
  if (argc < 4) {
    printf("usage: echo-client <port> <connections> <bytes> [4|6]\n");
    return 1;
  }
  int port = atoi(argv[1]);
  int n = atoi(argv[2]);
  long bytes = atol(argv[3]);
  int family = argc > 4 && argv[4][0] == '6' ? AF_INET6 : AF_INET;
  if (n < 1 || n > MAX_CONN)
    die("connection count");

  struct sockaddr_storage ss;
  memset(&ss, 0, sizeof ss);
  socklen_t len;
  if (family == AF_INET6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons((unsigned short)port);
    a->sin6_addr = in6addr_loopback;
    len = sizeof *a;
  } else {
    struct sockaddr_in *a = (struct sockaddr_in *)&ss;
    a->sin_family = AF_INET;
    a->sin_port = htons((unsigned short)port);
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof *a;
  }

  static struct conn conns[MAX_CONN];
  for (int k = 0; k < n; k++) {
    int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0)
      die("socket");
    if (connect(fd, (struct sockaddr *)&ss, len) != 0 && errno != EINPROGRESS)
      die("connect");
    conns[k] = (struct conn){.fd = fd};
  }

  static unsigned char out[65536], in[65536];
  static struct pollfd pfds[MAX_CONN];
  int done = 0;
  while (done < n) {
    for (int k = 0; k < n; k++) {
      struct conn *c = &conns[k];
      short ev = 0;
      if (c->fd >= 0) {
        if (!c->connected || c->sent < bytes)
          ev |= POLLOUT;
        if (c->connected)
          ev |= POLLIN;
      }
      pfds[k] = (struct pollfd){.fd = c->fd, .events = ev};
    }
    if (poll(pfds, n, 60000) <= 0)
      die("poll");
    for (int k = 0; k < n; k++) {
      struct conn *c = &conns[k];
      short re = pfds[k].revents;
      if (c->fd < 0 || !re)
        continue;
      if (!c->connected) {
        int err = 0;
        socklen_t elen = sizeof err;
        if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 || err != 0) {
          errno = err;
          die("connect (SO_ERROR)");
        }
        c->connected = 1;
        continue;
      }
      if ((re & POLLOUT) && c->sent < bytes) {
        long chunk = bytes - c->sent < (long)sizeof out ? bytes - c->sent : (long)sizeof out;
        for (long i = 0; i < chunk; i++)
          out[i] = pattern(c->sent + i, k);
        ssize_t s = send(c->fd, out, (size_t)chunk, 0);
        if (s > 0)
          c->sent += s;
        else if (s < 0 && errno != EAGAIN)
          die("send");
      }
      if (re & (POLLIN | POLLHUP | POLLERR)) {
        ssize_t r = recv(c->fd, in, sizeof in, 0);
        if (r > 0) {
          for (ssize_t i = 0; i < r; i++) {
            if (in[i] != pattern(c->received + i, k)) {
              printf("FAIL connection %d: byte %ld is %d, not %d\n", k, c->received + i, in[i],
                     pattern(c->received + i, k));
              return 1;
            }
          }
          c->received += r;
          if (c->received > c->sent) {
            printf("FAIL connection %d: more came back than was sent\n", k);
            return 1;
          }
          if (c->received == bytes) {
            close(c->fd);
            c->fd = -1;
            done++;
          }
        } else if (r == 0) {
          printf("FAIL connection %d: closed by the server after %ld bytes\n", k, c->received);
          return 1;
        } else if (errno != EAGAIN) {
          die("recv");
        }
      }
    }
  }
  printf("ok: %d connections, %ld bytes each way, all checked\n", n, bytes);
  return 0;
}
