// The printf family with floating point: %f %e %g %a (and upper-case forms), flags,
// widths, precisions, rounding, very large and very small values, infinities and NaN.
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void expect(int line, const char *what, const char *got, int ret, const char *want) {
  int ok = strcmp(got, want) == 0 && ret == (int)strlen(want);
  printf("%-34s -> [%s]\n", what, got);
  if (!ok) {
    printf("FAIL line %d: want [%s] (ret %d)\n", line, want, ret);
    failures++;
  }
}

#define T(want, ...)                                            \
  do {                                                          \
    char buf_[400];                                             \
    int r_ = snprintf(buf_, sizeof buf_, __VA_ARGS__);          \
    expect(__LINE__, #__VA_ARGS__, buf_, r_, want);             \
  } while (0)

// Values go through volatile objects so the compiler cannot fold the calls.
static volatile double v_third = 1.0 / 3.0, v_tenth = 0.1, v_neg_zero = -0.0;

int main(void) {
  double third = v_third, tenth = v_tenth, nz = v_neg_zero;
  // %f
  T("3.141593", "%f", 3.14159265358979);
  T("3.14", "%.2f", 3.14159265358979);
  T("3", "%.0f", 3.14159265358979);
  T("3.", "%#.0f", 3.0);
  T("   3.142", "%8.3f", 3.14159265358979);
  T("3.142   |", "%-8.3f|", 3.14159265358979);
  T("0003.142", "%08.3f", 3.14159265358979);
  T("+3.142", "%+.3f", 3.14159265358979);
  T(" 3.142", "% .3f", 3.14159265358979);
  T("-0.000000", "%f", nz);
  T("0.333333", "%f", third);
  T("0.10000000000000000555", "%.20f", tenth);
  T("0.1000000015", "%.10f", (double)0.1f);
  T("2", "%.0f", 2.5);  // ties round to even (2.5 is exact)
  T("4", "%.0f", 3.5);
  T("0.12", "%.2f", 0.125);
  T("0.38", "%.2f", 0.375);
  T("1.000", "%.3f", 0.9995);  // 0.9995 is slightly above ...95 in binary
  T("10000000000000000000000.000000", "%f", 1e22);
  T("18446744073709551616", "%.0f", 18446744073709551616.0);
  T("-1234567.890", "%.3f", -1234567.89);
  // %e
  T("1.234568e+05", "%e", 123456.789);
  T("1.23E+05", "%.2E", 123456.789);
  T("1e+00", "%.0e", 1.0);
  T("1.e+00", "%#.0e", 1.0);
  T("0.000000e+00", "%e", 0.0);
  T("1.797693e+308", "%e", DBL_MAX);
  T("2.225074e-308", "%e", DBL_MIN);
  T("4.940656e-324", "%e", 4.9406564584124654e-324);
  T("  -1.50e-10", "%11.2e", -1.5e-10);
  // %g
  T("100000", "%g", 100000.0);
  T("1e+06", "%g", 1000000.0);
  T("0.0001", "%g", 0.0001);
  T("1e-05", "%g", 0.00001);
  T("0.333333", "%g", third);
  T("3.14159", "%g", 3.14159265358979);
  T("3.1", "%.2g", 3.14159265358979);
  T("3.00000", "%#g", 3.0);
  T("1.5", "%g", 1.5);
  T("1.2346E+08", "%.5G", 123456789.0);
  T("    0.5", "%7g", 0.5);
  T("0", "%g", 0.0);
  T("-0", "%g", nz);
  // %a
  T("0x1p+0", "%a", 1.0);
  T("0x1p-1", "%a", 0.5);
  T("-0x1.8p+1", "%a", -3.0);
  T("0x1.ffp+7", "%a", 255.5);
  T("0X1.FFP+7", "%A", 255.5);
  T("0x1.5555555555555p-2", "%a", third);
  T("0x1.55p-2", "%.2a", third);
  T("0x2.0p+0", "%.1a", 1.99);  // rounding carries into the leading digit
  T("0x0p+0", "%a", 0.0);
  T("0x1.fffffffffffffp+1023", "%a", DBL_MAX);
  // infinities and NaN
  T("inf", "%f", INFINITY);
  T("-inf", "%e", -INFINITY);
  T("INF", "%F", INFINITY);
  T("nan", "%g", NAN);
  T("NAN", "%E", NAN);
  T("  inf", "%5.2f", INFINITY);
  T("inf  |", "%-5a|", INFINITY);
  // float arguments are promoted to double
  T("0.100000", "%f", 0.1f);
  T("1.677722e+07", "%e", 16777216.0f);
  // printf to stdout
  int r = printf("direct: %.3f %.2e %g\n", 2.0 / 3.0, 6.02214076e23, 1e100);
  printf("printf returned %d\n", r);
  if (r != 30) { printf("FAIL printf return\n"); failures++; }
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
