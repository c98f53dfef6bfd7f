// The printf family with integers, characters, strings and pointers: flags, widths,
// precisions, length modifiers and return values. Each result is formatted with
// snprintf, compared with the expected text and printed.
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void expect(int line, const char *what, const char *got, int ret, const char *want) {
  int ok = strcmp(got, want) == 0 && ret == (int)strlen(want);
  printf("%-30s -> [%s] %d\n", what, got, ret);
  if (!ok) {
    printf("FAIL line %d: want [%s] %d\n", line, want, (int)strlen(want));
    failures++;
  }
}

// T("expected", "format", args...) formats with snprintf and checks text and return value.
#define T(want, ...)                                            \
  do {                                                          \
    char buf_[160];                                             \
    int r_ = snprintf(buf_, sizeof buf_, __VA_ARGS__);          \
    expect(__LINE__, #__VA_ARGS__, buf_, r_, want);             \
  } while (0)

static int my_vsprintf(char *dst, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsprintf(dst, fmt, ap);
  va_end(ap);
  return r;
}

int main(void) {
  // conversions
  T("42", "%d", 42);
  T("-42", "%i", -42);
  T("42", "%u", 42u);
  T("ff", "%x", 255u);
  T("FF", "%X", 255u);
  T("777", "%o", 511u);
  T("A", "%c", 'A');
  T("text", "%s", "text");
  T("100%", "%d%%", 100);
  // flags and widths
  T("   42", "%5d", 42);
  T("42   |", "%-5d|", 42);
  T("00042", "%05d", 42);
  T("+42", "%+d", 42);
  T(" 42", "% d", 42);
  T("-0042", "%05d", -42);
  T("0xff", "%#x", 255u);
  T("0XFF", "%#X", 255u);
  T("0", "%#x", 0u);
  T("0777", "%#o", 511u);
  T("   0x1f", "%#7x", 31u);
  T("0x0001f", "%#07x", 31u);
  T("   ab", "%5s", "ab");
  T("ab   |", "%-5s|", "ab");
  T("    x", "%5c", 'x');
  // precision
  T("00042", "%.5d", 42);
  T("  00042", "%7.5d", 42);
  T("", "%.0d", 0);
  T("    ", "%4.0d", 0);
  T("-007", "%.3d", -7);
  T("abc", "%.3s", "abcdef");
  T("   ab", "%5.2s", "abcdef");
  T("  00042", "%*.*d", 7, 5, 42);
  T("42     |", "%*d|", -7, 42);
  T("abc", "%.*s", 3, "abcdef");
  // length modifiers and limits
  T("-128", "%hhd", (signed char)-128);
  T("255", "%hhu", (unsigned char)255);
  T("-32768", "%hd", (short)SHRT_MIN);
  T("65535", "%hu", (unsigned short)USHRT_MAX);
  T("-2147483648", "%d", INT_MIN);
  T("2147483647", "%d", INT_MAX);
  T("4294967295", "%u", UINT_MAX);
  T("-2147483648", "%ld", LONG_MIN);
  T("4294967295", "%lu", ULONG_MAX);
  T("-9223372036854775808", "%lld", LLONG_MIN);
  T("9223372036854775807", "%lld", LLONG_MAX);
  T("18446744073709551615", "%llu", ULLONG_MAX);
  T("ffffffffffffffff", "%llx", ULLONG_MAX);
  T("1777777777777777777777", "%llo", ULLONG_MAX);
  T("-9223372036854775808", "%jd", INTMAX_MIN);
  T("18446744073709551615", "%" PRIu64, UINT64_MAX);
  T("0000002a", "%08" PRIx32, (uint32_t)42);
  T("123456", "%zu", (size_t)123456);
  T("-5", "%td", (ptrdiff_t)-5);
  T("0x1234", "%p", (void *)(uintptr_t)0x1234);
  // %n stores the count so far
  {
    int n = -1;
    char buf[32];
    int r = snprintf(buf, sizeof buf, "abc%ndef", &n);
    printf("%%n after \"abc\" -> %d (ret %d)\n", n, r);
    if (n != 3 || r != 6) { printf("FAIL %%n\n"); failures++; }
  }
  // sprintf / vsprintf
  {
    char buf[64];
    int r = sprintf(buf, "%s-%d-%c", "x", 7, 'z');
    expect(__LINE__, "sprintf", buf, r, "x-7-z");
    r = my_vsprintf(buf, "[%4d|%-4d]", 12, 34);
    expect(__LINE__, "vsprintf", buf, r, "[  12|34  ]");
  }
  // printf/fprintf to stdout return the number of bytes written
  {
    int r = printf("printf direct: %d %s %c\n", 7, "seven", '7');
    int r2 = fprintf(stdout, "fprintf direct: %05d\n", 7);
    printf("printf returned %d, fprintf returned %d\n", r, r2);
    if (r != 25 || r2 != 22) { printf("FAIL printf return values\n"); failures++; }
  }
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
