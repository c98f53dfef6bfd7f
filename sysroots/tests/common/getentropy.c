// getentropy: fills the buffer with random bytes (not all zero, different each call),
// touches nothing past the requested length, accepts 0 and 256 bytes, and refuses more
// than 256 bytes. The base fails those with EIO, like glibc and OpenBSD (POSIX.1-2024
// lists EINVAL for a length above GETENTROPY_MAX instead); the test asserts what the base
// does.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static int all_zero(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i]) return 0;
  return 1;
}

int main(void) {
  unsigned char a[40], b[40];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  int r1 = getentropy(a, 32);
  int r2 = getentropy(b, 32);
  printf("getentropy(32) returns %d and %d\n", r1, r2);
  CHECK(r1 == 0 && r2 == 0);
  printf("32 bytes not all zero: %s; two calls differ: %s; bytes past 32 untouched: %s\n",
         all_zero(a, 32) ? "no" : "yes", memcmp(a, b, 32) ? "yes" : "no",
         all_zero(a + 32, 8) && all_zero(b + 32, 8) ? "yes" : "no");
  CHECK(!all_zero(a, 32) && memcmp(a, b, 32) != 0 && all_zero(a + 32, 8) && all_zero(b + 32, 8));

  // rough uniformity: over 256 bytes every bit position is set at least once and cleared
  // at least once (failing by chance has probability about 2^-252)
  unsigned char big[256];
  int r = getentropy(big, sizeof big);
  unsigned char ones = 0, zeros = 0;
  for (size_t i = 0; i < sizeof big; i++) {
    ones |= big[i];
    zeros |= (unsigned char)~big[i];
  }
  printf("getentropy(256) returns %d; every bit seen both set and clear: %s\n", r,
         ones == 0xFF && zeros == 0xFF ? "yes" : "no");
  CHECK(r == 0 && ones == 0xFF && zeros == 0xFF);

  r = getentropy(a, 0);
  printf("getentropy(0) returns %d\n", r);
  CHECK(r == 0);

  unsigned char too_big[257];
  memset(too_big, 0, sizeof too_big);
  errno = 0;
  r = getentropy(too_big, sizeof too_big);
  int e = errno;
  printf("getentropy(257) returns %d, errno %s, buffer untouched: %s\n", r,
         e == EIO ? "EIO" : "other", all_zero(too_big, sizeof too_big) ? "yes" : "no");
  CHECK(r == -1 && e == EIO && all_zero(too_big, sizeof too_big));

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
