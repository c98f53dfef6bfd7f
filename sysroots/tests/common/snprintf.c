// snprintf/vsnprintf into small buffers: the return value is the length the full output
// would have had, the buffer always ends in a NUL within its size, and nothing past the
// given size is written.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

// Formats into the first `size` bytes of a 32-byte area filled with '#', prints what
// snprintf returned and stored, and checks that the bytes after `size` are untouched.
static int vtry(size_t size, const char *want, int want_ret, const char *fmt, va_list ap) {
  char area[32];
  memset(area, '#', sizeof area);
  int r = vsnprintf(size ? area : NULL, size, fmt, ap);
  int intact = 1;
  for (size_t i = size; i < sizeof area; i++)
    if (area[i] != '#') intact = 0;
  if (size) {
    printf("size %2zu: ret %2d [%s]%s\n", size, r, area, intact ? "" : " OVERRUN");
    CHECK(strcmp(area, want) == 0);
  } else {
    printf("size  0: ret %2d (NULL buffer)\n", r);
  }
  CHECK(r == want_ret);
  CHECK(intact);
  return r;
}

__attribute__((format(printf, 4, 5)))
static int try(size_t size, const char *want, int want_ret, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vtry(size, want, want_ret, fmt, ap);
  va_end(ap);
  return r;
}

int main(void) {
  // "hello, world 12345" is 18 characters.
  try(0, "", 18, "%s, %s %d", "hello", "world", 12345);
  try(1, "", 18, "%s, %s %d", "hello", "world", 12345);
  try(2, "h", 18, "%s, %s %d", "hello", "world", 12345);
  try(8, "hello, ", 18, "%s, %s %d", "hello", "world", 12345);
  try(16, "hello, world 12", 18, "%s, %s %d", "hello", "world", 12345);
  try(18, "hello, world 1234", 18, "%s, %s %d", "hello", "world", 12345);
  try(19, "hello, world 12345", 18, "%s, %s %d", "hello", "world", 12345);
  try(30, "hello, world 12345", 18, "%s, %s %d", "hello", "world", 12345);
  // truncation in the middle of padded and floating-point conversions
  try(5, "    ", 10, "%10d", 42);
  try(6, "3.141", 8, "%.6f", 3.14159265);
  try(4, "-1.", 13, "%e", -1.5);
  try(3, "ab", 3, "%s", "abc");
  try(4, "abc", 3, "%s", "abc");
  try(1, "", 0, "%s", "");
  // the length query idiom: measure, then format into an exact-size buffer
  {
    int n = snprintf(NULL, 0, "%d-%s-%x", -17, "mid", 0xbeefu);
    char exact[16];
    int m = snprintf(exact, (size_t)n + 1, "%d-%s-%x", -17, "mid", 0xbeefu);
    printf("measured %d, wrote %d [%s]\n", n, m, exact);
    CHECK(n == 12 && m == 12 && strcmp(exact, "-17-mid-beef") == 0);
  }
  // output longer than any stdio buffer still reports its full length
  {
    char small[8];
    volatile size_t small_size = sizeof small;  // hides the (intended) truncation from -Wformat-truncation
    int r = snprintf(small, small_size, "%5000d", 1);
    printf("wide field: ret %d [%s]\n", r, small);
    CHECK(r == 5000 && strcmp(small, "       ") == 0);
  }
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
