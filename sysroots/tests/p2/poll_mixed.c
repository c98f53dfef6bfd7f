// poll and select over sockets together with pipes: one wait for the sockets,
// the pipes answered as they are (nothing else can change them meanwhile),
// and stdin waited for in the same host call as the sockets.
// stdin: typed\n
#include <poll.h>
#include <sys/select.h>

#include "p2-test.h"

static void show(const char *what, struct pollfd *p, int n, int r) {
  printf("%s: %d", what, r);
  if (r < 0)
    printf(" %s", errname(errno));
  for (int i = 0; i < n; i++)
    printf(" %#x", p[i].revents);
  printf("\n");
}

int main(void) {
  int port;
  int lfd = bound_socket(AF_INET, SOCK_STREAM, &port);
  int c = connected_socket(AF_INET, port);
  int s = accept(lfd, NULL, NULL);
  CHECK(s >= 0);
  int p[2];
  CHECK(pipe(p) == 0);

  /* A ready pipe ends the wait though the socket stays quiet. */
  CHECK(write(p[1], "a", 1) == 1);
  struct pollfd a[2] = {{.fd = p[0], .events = POLLIN}, {.fd = s, .events = POLLIN}};
  int r = poll(a, 2, -1);
  show("pipe ready, socket quiet", a, 2, r);
  char ch;
  CHECK(read(p[0], &ch, 1) == 1);

  /* An empty pipe does not keep the socket from being waited for. */
  SHOW("send", send(c, "x", 1, 0));
  struct pollfd b[2] = {{.fd = p[0], .events = POLLIN}, {.fd = s, .events = POLLIN}};
  r = poll(b, 2, -1);
  show("pipe empty, socket data", b, 2, r);
  CHECK(recv(s, &ch, 1, 0) == 1);

  /* Neither: the timeout ends it. */
  struct pollfd t[2] = {{.fd = p[0], .events = POLLIN}, {.fd = s, .events = POLLIN}};
  r = poll(t, 2, 20);
  show("pipe empty, socket quiet, timeout", t, 2, r);

  /* Only an empty pipe and no timeout: nothing could ever fill it. */
  struct pollfd d[1] = {{.fd = p[0], .events = POLLIN}};
  errno = 0;
  r = poll(d, 1, -1);
  show("only an empty pipe", d, 1, r);

  /* The write end is ready at once, with the socket's write side. */
  struct pollfd w[2] = {{.fd = p[1], .events = POLLOUT}, {.fd = s, .events = POLLIN | POLLOUT}};
  r = poll(w, 2, -1);
  show("pipe write end, socket write side", w, 2, r);

  /* select: the socket's data arrives while the pipe stays empty. */
  SHOW("send", send(c, "y", 1, 0));
  fd_set rs;
  FD_ZERO(&rs);
  FD_SET(p[0], &rs);
  FD_SET(s, &rs);
  int maxfd = (p[0] > s ? p[0] : s) + 1;
  r = select(maxfd, &rs, NULL, NULL, NULL);
  printf("select: %d, pipe %d, socket %d\n", r, FD_ISSET(p[0], &rs) != 0, FD_ISSET(s, &rs) != 0);
  CHECK(recv(s, &ch, 1, 0) == 1);

  /* The writer gone: the read end hangs up at once. */
  CHECK(close(p[1]) == 0);
  struct pollfd h[2] = {{.fd = p[0], .events = POLLIN}, {.fd = s, .events = POLLIN}};
  r = poll(h, 2, -1);
  show("pipe hung up, socket quiet", h, 2, r);

  /* stdout is writable; stdin with a line waiting, the socket quiet. */
  struct pollfd out[2] = {{.fd = 1, .events = POLLOUT}, {.fd = s, .events = POLLIN}};
  r = poll(out, 2, -1);
  show("stdout, socket quiet", out, 2, r);
  struct pollfd in[2] = {{.fd = 0, .events = POLLIN}, {.fd = s, .events = POLLIN}};
  r = poll(in, 2, -1);
  show("stdin line, socket quiet", in, 2, r);
  char line[16] = {0};
  SHOW("read stdin", read(0, line, sizeof line));
  /* At its end stdin reads (0) without waiting. */
  struct pollfd eof[2] = {{.fd = 0, .events = POLLIN}, {.fd = s, .events = POLLIN}};
  r = poll(eof, 2, -1);
  show("stdin at end, socket quiet", eof, 2, r);
  SHOW("read stdin", read(0, line, sizeof line));

  close(p[0]);
  close(s);
  close(c);
  close(lfd);
  return 0;
}
