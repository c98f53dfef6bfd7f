// pipe between threads: a blocking read waits for a writer thread, a blocking write of more than
// the pipe holds waits for a reader thread, poll wakes when another thread writes, and the reader
// sees end of file when the writer thread closes its end. Data arrives byte for byte.
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "../common/check.h"

#define TOTAL (1 << 20)

static int fds[2];

static void *late_writer(void *arg) {
  struct timespec ts = {0, 20000000};
  nanosleep(&ts, NULL);
  if (write(fds[1], "late", 4) != 4) failures++;
  return arg;
}

static void *big_writer(void *arg) {
  static unsigned char chunk[8192];
  long sent = 0;
  while (sent < TOTAL) {
    for (size_t i = 0; i < sizeof chunk; i++) chunk[i] = (unsigned char)((sent + i) * 7);
    ssize_t w = write(fds[1], chunk, sizeof chunk);
    if (w != (ssize_t)sizeof chunk) { failures++; break; }
    sent += w;
  }
  close(fds[1]);
  return arg;
}

int main(void) {
  CHECK(pipe(fds) == 0);
  pthread_t t;

  // A blocking read waits for the other thread.
  CHECK(pthread_create(&t, NULL, late_writer, NULL) == 0);
  char buf[16] = {0};
  ssize_t r = read(fds[0], buf, sizeof buf);
  printf("blocking read got %zd bytes: %s\n", r, buf);
  CHECK(r == 4 && memcmp(buf, "late", 4) == 0);
  pthread_join(t, NULL);

  // poll with no timeout wakes when another thread writes.
  CHECK(pthread_create(&t, NULL, late_writer, NULL) == 0);
  struct pollfd p = {.fd = fds[0], .events = POLLIN};
  int n = poll(&p, 1, -1);
  printf("poll woke: %d, revents %#x\n", n, p.revents);
  CHECK(n == 1 && (p.revents & POLLIN));
  CHECK(read(fds[0], buf, sizeof buf) == 4);
  pthread_join(t, NULL);

  // 1 MiB through a 64 KiB pipe: the writer waits for the reader.
  CHECK(pthread_create(&t, NULL, big_writer, NULL) == 0);
  static unsigned char in[65536];
  long got = 0, bad = 0;
  for (;;) {
    r = read(fds[0], in, sizeof in);
    if (r <= 0) break;
    for (ssize_t i = 0; i < r; i++)
      if (in[i] != (unsigned char)((got + i) * 7)) bad++;
    got += r;
  }
  pthread_join(t, NULL);
  printf("received %ld bytes, %ld wrong, then %s\n", got, bad, r == 0 ? "end of file" : strerror(errno));
  CHECK(got == TOTAL && bad == 0 && r == 0);
  close(fds[0]);

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
