// TCP edge cases that differed from Linux: a zero-length send/write on a blocking socket
// returns 0; a blocking recv after shutdown(SHUT_WR) returns instead of hanging; huge
// SO_RCVTIMEO and select timeouts are not wrapped into short ones; recvmsg/sendmsg with a bad
// msg_iovlen give EINVAL; connect again after ECONNREFUSED tries again, as on Linux; fcntl on
// a closed number gives EBADF; descriptors take the lowest free number, sockets and files alike.
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <sys/select.h>
#include <sys/uio.h>

#include "p2-test.h"

int main(void) {
  int port;
  int lfd = bound_socket(AF_INET, SOCK_STREAM, &port);
  int c = connected_socket(AF_INET, port);
  int s = accept(lfd, NULL, NULL);
  CHECK(s >= 0);
  printf("numbers: listener %d, client %d, accepted %d\n", lfd, c, s);

  SHOW("send of 0 bytes", send(c, "", 0, 0));
  SHOW("write of 0 bytes", write(c, "", 0));

  // Huge timeouts mean "very long", not a wrapped short one.
  struct timeval huge = {INT64_MAX / 1000, 0}, back = {0, 0};
  socklen_t len = sizeof back;
  SHOW("SO_RCVTIMEO huge", setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &huge, sizeof huge));
  CHECK(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &back, &len) == 0);
  printf("SO_RCVTIMEO reads back as no timeout (0 s): %lld s\n", (long long)back.tv_sec);
  send_all(c, "ping", 4);
  char buf[16] = {0};
  SHOW("recv with the huge timeout", recv(s, buf, sizeof buf, 0));
  fd_set rs;
  FD_ZERO(&rs);
  FD_SET(c, &rs);
  struct timeval long_wait = {INT64_MAX / 1000, 0};
  send_all(s, "pong", 4);
  SHOW("select with a huge timeout, data waiting", select(c + 1, &rs, NULL, NULL, &long_wait));

  // recvmsg/sendmsg with a bad iovec count.
  struct iovec iov = {buf, sizeof buf};
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = -1};
  SHOW("recvmsg msg_iovlen -1", recvmsg(c, &m, 0));
  m.msg_iovlen = IOV_MAX + 1;
  SHOW("recvmsg msg_iovlen IOV_MAX+1", recvmsg(c, &m, 0));
  SHOW("sendmsg msg_iovlen IOV_MAX+1", sendmsg(c, &m, 0));
  m.msg_iovlen = 1;
  SHOW("recvmsg msg_iovlen 1", recvmsg(c, &m, 0));

  // After SHUT_WR the peer's data (or the end) still arrives; the call must not hang.
  send_all(s, "reply", 5);
  CHECK(close(s) == 0);
  SHOW("shutdown SHUT_WR", shutdown(c, SHUT_WR));
  ssize_t r;
  long total = 0;
  while ((r = recv(c, buf, sizeof buf, 0)) > 0) total += r;
  printf("blocking recv after SHUT_WR: %ld bytes, then %s\n", total, r == 0 ? "the end" : errname(errno));
  CHECK(close(c) == 0);

  // fcntl on numbers that are closed.
  SHOW("fcntl F_GETFD on a closed socket", fcntl(c, F_GETFD));
  SHOW("fcntl F_SETFD on a closed socket", fcntl(c, F_SETFD, FD_CLOEXEC));

  // poll on a closed number with sockets in the program: POLLNVAL.
  struct pollfd pc = {.fd = c, .events = POLLIN};
  SHOW("poll on a closed socket", poll(&pc, 1, 0));
  printf("revents POLLNVAL: %d\n", pc.revents == POLLNVAL);

  // The lowest free number, for sockets and files alike.
  int again = socket(AF_INET, SOCK_STREAM, 0);
  printf("new socket takes the lowest free number: %d\n", again);
  CHECK(again == c);

  // Connect again after ECONNREFUSED: it tries again (and is refused again).
  int fport;
  int tmp = bound_socket(AF_INET, SOCK_STREAM, &fport);
  close(tmp);
  struct sockaddr_storage ss;
  len = loopback(AF_INET, fport, &ss);
  SHOW("connect to a closed port", connect(again, (struct sockaddr *)&ss, len));
  SHOW("connect again", connect(again, (struct sockaddr *)&ss, len));
  // ... and reaches a listener that is there now.
  len = loopback(AF_INET, port, &ss);
  SHOW("connect again, to the listener", connect(again, (struct sockaddr *)&ss, len));
  int s2 = accept(lfd, NULL, NULL);
  CHECK(s2 >= 0);
  SHOW("send on the new connection", send(again, "ok", 2, 0));
  recv_all(s2, buf, 2);
  printf("server got: %.2s\n", buf);
  close(s2);
  close(again);
  close(lfd);
  printf("done\n");
  return 0;
}
