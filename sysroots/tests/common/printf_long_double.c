// flags: -lc-printscan-long-double
// long double (IEEE binary128 on wasm32) through printf and scanf; needs the
// long-double-capable printf/scanf core from -lc-printscan-long-double.
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void expect(int line, const char *what, const char *got, const char *want) {
  printf("%-26s -> [%s]\n", what, got);
  if (strcmp(got, want) != 0) {
    printf("FAIL line %d: want [%s]\n", line, want);
    failures++;
  }
}

#define T(want, ...)                                  \
  do {                                                \
    char buf_[200];                                   \
    snprintf(buf_, sizeof buf_, __VA_ARGS__);         \
    expect(__LINE__, #__VA_ARGS__, buf_, want);       \
  } while (0)

static volatile long double v_one = 1.0L, v_three = 3.0L, v_ten = 10.0L;

int main(void) {
  long double third = v_one / v_three, tenth = v_one / v_ten;
  printf("sizeof(long double) = %zu, LDBL_MANT_DIG = %d\n", sizeof(long double), LDBL_MANT_DIG);
  if (sizeof(long double) != 16 || LDBL_MANT_DIG != 113) { printf("FAIL long double format\n"); failures++; }

  T("0.333333333333333333333333333333", "%.30Lf", third);
  T("0.333333333333333333333333333333333317", "%.36Lf", third);
  T("0.1000000000000000000000000000000000048148", "%.40Lf", tenth);
  T("1267650600228229401496703205377", "%.0Lf", 0x1p100L + 1);
  T("1.18973149535723176509e+4932", "%.20Le", LDBL_MAX);
  T("1.000000e+4000", "%Le", 1e4000L);
  T("0x1p-112", "%La", LDBL_EPSILON);
  T("0.333333", "%Lg", third);
  T("  -2.50", "%7.2Lf", -2.5L);
  T("inf", "%Lf", (long double)__builtin_infl());

  // More precision than double can hold: (double)third differs from third.
  long double via_double = (double)third;
  printf("double rounding visible: %s\n", via_double != third ? "yes" : "no");
  if (via_double == third) { printf("FAIL long double has no extra precision\n"); failures++; }

  // scanf and strtold read long doubles beyond the range of double.
  long double big = 0, small = 0;
  int n = sscanf("1.5e4000 2.5e-4000", "%Lf %Lg", &big, &small);
  char buf[64];
  snprintf(buf, sizeof buf, "%d %.3Le %.3Le", n, big, small);
  expect(__LINE__, "sscanf %Lf %Lg", buf, "2 1.500e+4000 2.500e-4000");
  char *end;
  long double s = strtold("0x1.8p+16000xyz", &end);
  snprintf(buf, sizeof buf, "%La rest=%s", s, end);
  expect(__LINE__, "strtold hex", buf, "0x1.8p+16000 rest=xyz");

  int r = printf("direct: %.25Lf\n", third);
  printf("printf returned %d\n", r);
  if (r != 36) { printf("FAIL printf return\n"); failures++; }
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
