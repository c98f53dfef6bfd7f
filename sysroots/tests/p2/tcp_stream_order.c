// Bytes keep their order and none are lost however reads and writes interleave: the host
// reads a connection for the program only while it waits, and lets it read the socket itself
// otherwise, and it hands what the kernel cannot take at once to a writer of its own.
//   1. Non-blocking, under poll: 8 MiB in writes of varying sizes, read in pieces of other
//      sizes, with the reader falling behind the writer and catching up again.
//   2. Blocking: the same in one direction while the other side answers each message.
#include <fcntl.h>
#include <poll.h>

#include "p2-test.h"

enum { TOTAL = 8 << 20 };

static unsigned char pattern(size_t i) { return (unsigned char)((i * 131) ^ (i >> 13)); }

static size_t step(unsigned *seed, size_t max) {
  *seed = *seed * 1103515245u + 12345u;
  return 1 + (*seed >> 8) % max;
}

static void nonblocking(int family) {
  int port;
  int lfd = bound_socket(family, SOCK_STREAM, &port);
  int c = connected_socket(family, port);
  int s = accept(lfd, NULL, NULL);
  CHECK(s >= 0);
  CHECK(fcntl(c, F_SETFL, O_NONBLOCK) == 0 && fcntl(s, F_SETFL, O_NONBLOCK) == 0);

  static unsigned char out[70000], in[70000];
  size_t sent = 0, got = 0, pending = 0, pending_at = 0;
  unsigned wseed = 7, rseed = 11;
  long waits = 0, bad = 0, rounds = 0;
  int resting = 0;
  while (got < TOTAL) {
    // Now and then the reader rests until the writer has filled the connection.
    if (rounds++ % 40 == 20)
      resting = 1;
    if (sent == TOTAL)
      resting = 0;
    struct pollfd p[2] = {{c, sent < TOTAL ? POLLOUT : 0, 0}, {s, resting ? 0 : POLLIN, 0}};
    CHECK(poll(p, 2, 10000) > 0);
    if (p[0].revents & POLLOUT) {
      for (;;) {
        if (!pending && sent < TOTAL) {
          pending = step(&wseed, sizeof out);
          if (pending > TOTAL - sent)
            pending = TOTAL - sent;
          for (size_t k = 0; k < pending; k++)
            out[k] = pattern(sent + k);
          pending_at = 0;
        }
        if (!pending)
          break;
        ssize_t n = send(c, out + pending_at, pending, 0);
        if (n < 0) {
          CHECK(errno == EAGAIN);
          waits++;
          resting = 0;
          break;
        }
        sent += (size_t)n;
        pending_at += (size_t)n;
        pending -= (size_t)n;
      }
    }
    if (p[1].revents & POLLIN) {
      for (;;) {
        ssize_t n = recv(s, in, step(&rseed, sizeof in), 0);
        if (n < 0) {
          CHECK(errno == EAGAIN);
          break;
        }
        CHECK(n > 0);
        for (ssize_t k = 0; k < n; k++)
          bad += in[k] != pattern(got + (size_t)k);
        got += (size_t)n;
      }
    }
  }
  printf("non-blocking: sent %zu, received %zu, wrong bytes %ld, the writer had to wait: %d\n", sent, got, bad,
         waits > 0);
  close(c);
  char end;
  CHECK(fcntl(s, F_SETFL, 0) == 0);
  printf("after the writer closed: %zd\n", recv(s, &end, 1, 0));
  close(s);
  close(lfd);
}

static void blocking(int family) {
  int port;
  int lfd = bound_socket(family, SOCK_STREAM, &port);
  int c = connected_socket(family, port);
  int s = accept(lfd, NULL, NULL);
  CHECK(s >= 0);
  // Requests of varying sizes from c, each answered by s with its length and last byte: the
  // reader of each direction waits for every message, the pattern a request/response protocol
  // has.
  static unsigned char msg[5000], buf[5000];
  unsigned seed = 3;
  size_t offset = 0;
  long bad = 0;
  for (int i = 0; i < 300; i++) {
    size_t len = step(&seed, sizeof msg);
    for (size_t k = 0; k < len; k++)
      msg[k] = pattern(offset + k);
    send_all(c, msg, len);
    recv_all(s, buf, len);
    for (size_t k = 0; k < len; k++)
      bad += buf[k] != pattern(offset + k);
    offset += len;
    unsigned char answer[5] = {(unsigned char)len, (unsigned char)(len >> 8), 0, 0, buf[len - 1]};
    send_all(s, answer, sizeof answer);
    recv_all(c, answer, sizeof answer);
    bad += (answer[0] | answer[1] << 8) != (int)len || answer[4] != pattern(offset - 1);
  }
  printf("blocking: 300 exchanges, %zu bytes, wrong %ld\n", offset, bad);
  close(c);
  close(s);
  close(lfd);
}

int main(void) {
  nonblocking(AF_INET);
  nonblocking(AF_INET6);
  blocking(AF_INET);
  return 0;
}
