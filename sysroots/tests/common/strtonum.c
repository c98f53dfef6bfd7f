// strtol/strtoul/strtoll/strtoull/strtoimax and strtod/strtof: bases, signs, white space,
// the end pointer, no-digit inputs, and ERANGE/EINVAL through errno. Note that long is
// 32 bits on wasm32.
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static const char *errname(int e) {
  switch (e) {
    case 0: return "0";
    case ERANGE: return "ERANGE";
    case EINVAL: return "EINVAL";
    default: return "other";
  }
}

static void check_l(int line, const char *s, int base, long want, int want_end, int want_errno) {
  char *end = NULL;
  errno = 0;
  long v = strtol(s, &end, base);
  int e = errno;
  printf("strtol(\"%s\", %d) = %ld, end +%d, errno %s\n", s, base, v, (int)(end - s), errname(e));
  if (v != want || end - s != want_end || e != want_errno) {
    printf("FAIL line %d: want %ld, end +%d, errno %s\n", line, want, want_end, errname(want_errno));
    failures++;
  }
}

static void check_ul(int line, const char *s, int base, unsigned long want, int want_end, int want_errno) {
  char *end = NULL;
  errno = 0;
  unsigned long v = strtoul(s, &end, base);
  int e = errno;
  printf("strtoul(\"%s\", %d) = %lu, end +%d, errno %s\n", s, base, v, (int)(end - s), errname(e));
  if (v != want || end - s != want_end || e != want_errno) {
    printf("FAIL line %d: want %lu, end +%d, errno %s\n", line, want, want_end, errname(want_errno));
    failures++;
  }
}

static void check_d(int line, const char *s, double want, int want_end, int want_errno) {
  char *end = NULL;
  errno = 0;
  double v = strtod(s, &end);
  int e = errno;
  printf("strtod(\"%s\") = %.17g, end +%d, errno %s\n", s, v, (int)(end - s), errname(e));
  int same = isnan(want) ? isnan(v) : (v == want && signbit(v) == signbit(want));
  if (!same || end - s != want_end || e != want_errno) {
    printf("FAIL line %d: want %.17g, end +%d, errno %s\n", line, want, want_end, errname(want_errno));
    failures++;
  }
}

int main(void) {
  check_l(__LINE__, "12345", 10, 12345, 5, 0);
  check_l(__LINE__, "  \t-123abc", 10, -123, 7, 0);
  check_l(__LINE__, "+77", 8, 63, 3, 0);
  check_l(__LINE__, "0x1F", 16, 31, 4, 0);
  check_l(__LINE__, "1f", 16, 31, 2, 0);
  check_l(__LINE__, "0x1f", 0, 31, 4, 0);
  check_l(__LINE__, "017", 0, 15, 3, 0);
  check_l(__LINE__, "0", 0, 0, 1, 0);
  check_l(__LINE__, "0x", 16, 0, 1, 0);  // only the "0" is a number
  check_l(__LINE__, "zz", 36, 1295, 2, 0);
  check_l(__LINE__, "101012", 2, 21, 5, 0);
  check_l(__LINE__, "2147483647", 10, LONG_MAX, 10, 0);
  check_l(__LINE__, "2147483648", 10, LONG_MAX, 10, ERANGE);
  check_l(__LINE__, "-2147483648", 10, LONG_MIN, 11, 0);
  check_l(__LINE__, "-99999999999999999999", 10, LONG_MIN, 21, ERANGE);
  // No digits: the result is 0 and end is the start of the string. POSIX allows EINVAL
  // ("may fail ... no conversion could be performed"); this musl-based libc sets it.
  check_l(__LINE__, "xyz", 10, 0, 0, EINVAL);
  check_l(__LINE__, "   ", 10, 0, 0, EINVAL);
  check_l(__LINE__, "-", 10, 0, 0, EINVAL);
  check_l(__LINE__, "10", 1, 0, 0, EINVAL);  // invalid base
  check_l(__LINE__, "10", 37, 0, 0, EINVAL);

  check_ul(__LINE__, "4294967295", 10, ULONG_MAX, 10, 0);
  check_ul(__LINE__, "4294967296", 10, ULONG_MAX, 10, ERANGE);
  check_ul(__LINE__, "-1", 10, ULONG_MAX, 2, 0);  // negation in unsigned arithmetic
  check_ul(__LINE__, "0xFFFFffff", 0, 0xFFFFFFFFul, 10, 0);

  {
    char *end;
    errno = 0;
    long long a = strtoll("-9223372036854775808 rest", &end, 10);
    int e1 = errno;
    errno = 0;
    long long b = strtoll("9223372036854775808", NULL, 10);
    int e2 = errno;
    errno = 0;
    unsigned long long c = strtoull("18446744073709551615", NULL, 0);
    int e3 = errno;
    errno = 0;
    intmax_t d = strtoimax("-0x7fffffffffffffff", NULL, 16);
    uintmax_t u = strtoumax("777", NULL, 8);
    printf("strtoll: %lld [%s] %s; overflow: %lld %s; strtoull: %llu %s; strtoimax: %jd; strtoumax: %ju\n",
           a, end, errname(e1), b, errname(e2), c, errname(e3), d, u);
    if (a != LLONG_MIN || strcmp(end, " rest") || e1 || b != LLONG_MAX || e2 != ERANGE ||
        c != ULLONG_MAX || e3 || d != -INT64_MAX || u != 511) {
      printf("FAIL 64-bit conversions\n");
      failures++;
    }
    printf("atoi: %d, atol: %ld, atoll: %lld\n", atoi(" 42x"), atol("-7"), atoll("123456789012"));
    if (atoi(" 42x") != 42 || atol("-7") != -7 || atoll("123456789012") != 123456789012LL) {
      printf("FAIL ato*\n");
      failures++;
    }
  }

  check_d(__LINE__, "3.14159xyz", 3.14159, 7, 0);
  check_d(__LINE__, "  -2.5e3", -2500.0, 8, 0);
  check_d(__LINE__, "1e-5", 1e-5, 4, 0);
  check_d(__LINE__, ".5", 0.5, 2, 0);
  check_d(__LINE__, "5.", 5.0, 2, 0);
  check_d(__LINE__, "1e", 1.0, 1, 0);  // the exponent needs digits
  check_d(__LINE__, "-0", -0.0, 2, 0);
  check_d(__LINE__, "0x1.8p1", 3.0, 7, 0);
  check_d(__LINE__, "0x10", 16.0, 4, 0);
  check_d(__LINE__, "INF", INFINITY, 3, 0);
  check_d(__LINE__, "-infinity!", -INFINITY, 9, 0);
  check_d(__LINE__, "nan", NAN, 3, 0);
  check_d(__LINE__, "0.1", 0.1, 3, 0);
  check_d(__LINE__, "9007199254740993", 9007199254740992.0, 16, 0);  // ties to even
  check_d(__LINE__, "1.7976931348623157e308", 1.7976931348623157e308, 22, 0);
  check_d(__LINE__, "1e400", HUGE_VAL, 5, ERANGE);
  check_d(__LINE__, "-1e400", -HUGE_VAL, 6, ERANGE);
  check_d(__LINE__, "1e-400", 0.0, 6, ERANGE);
  check_d(__LINE__, "abc", 0.0, 0, EINVAL);  // no conversion (see strtol above)
  {
    errno = 0;
    char *end;
    float f = strtof("1e39", &end);
    int e = errno;
    errno = 0;
    float g = strtof("0.1", NULL);
    printf("strtof(\"1e39\") = %g %s; strtof(\"0.1\") == 0.1f: %d\n", f, errname(e), g == 0.1f);
    if (f != HUGE_VALF || e != ERANGE || g != 0.1f) {
      printf("FAIL strtof\n");
      failures++;
    }
  }
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
