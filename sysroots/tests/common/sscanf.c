// sscanf: integer bases, floats, strings, scansets, widths, assignment suppression, %n,
// and the return value (number of assignments, or EOF on input failure).
#include <stdio.h>
#include <string.h>

#include "check.h"

int main(void) {
  {
    int a = 0, b = 0;
    char word[16] = "";
    double d = 0;
    int n = sscanf("  -17 42 hello 2.5e3", "%d %i %15s %lf", &a, &b, word, &d);
    printf("ints/word/double: n=%d a=%d b=%d word=%s d=%g\n", n, a, b, word, d);
    CHECK(n == 4 && a == -17 && b == 42 && strcmp(word, "hello") == 0 && d == 2500.0);
  }
  {
    int h = 0, o = 0, z = 0;
    unsigned x = 0;
    int n = sscanf("0x1A 017 0 ff", "%i %i %i %x", &h, &o, &z, &x);
    printf("%%i bases and %%x: n=%d %d %d %d %u\n", n, h, o, z, x);
    CHECK(n == 4 && h == 26 && o == 15 && z == 0 && x == 255);
  }
  {
    long long big = 0;
    unsigned long long ubig = 0;
    short s = 0;
    signed char c = 0;
    int n = sscanf("-9223372036854775808 18446744073709551615 -300 -5", "%lld %llu %hd %hhd",
                   &big, &ubig, &s, &c);
    printf("lengths: n=%d %lld %llu %hd %d\n", n, big, ubig, s, c);
    CHECK(n == 4 && big == -9223372036854775807LL - 1 && ubig == 18446744073709551615ULL &&
          s == -300 && c == -5);
  }
  {
    float f = 0;
    double g = 0, inf = 0;
    int n = sscanf("0.25 -1e-3 inf", "%f %lg %lf", &f, &g, &inf);
    printf("floats: n=%d %g %g %g\n", n, f, g, inf);
    CHECK(n == 3 && f == 0.25f && g == -1e-3 && inf > 1e308);
  }
  {
    char head[8] = "", rest[16] = "";
    int n = sscanf("abcdefghij", "%3s%9s", head, rest);
    printf("widths: n=%d head=%s rest=%s\n", n, head, rest);
    CHECK(n == 2 && strcmp(head, "abc") == 0 && strcmp(rest, "defghij") == 0);
  }
  {
    char key[16] = "", val[16] = "";
    int n = sscanf("name=Ada Lovelace;", "%15[a-z]=%15[^;]", key, val);
    printf("scansets: n=%d key=%s val=%s\n", n, key, val);
    CHECK(n == 2 && strcmp(key, "name") == 0 && strcmp(val, "Ada Lovelace") == 0);
  }
  {
    int y = 0, m = 0, d = 0, pos = 0;
    int n = sscanf("2024-02-29T12", "%d-%d-%d%n", &y, &m, &d, &pos);
    printf("date with %%n: n=%d %04d/%02d/%02d consumed=%d\n", n, y, m, d, pos);
    CHECK(n == 3 && y == 2024 && m == 2 && d == 29 && pos == 10);
  }
  {
    int second = 0;
    int n = sscanf("111 222", "%*d %d", &second);
    printf("suppressed: n=%d second=%d\n", n, second);
    CHECK(n == 1 && second == 222);
  }
  {
    char c1 = 0, c2 = 0, c3 = 0;
    int n = sscanf("x yz", "%c%c %c", &c1, &c2, &c3);
    printf("chars: n=%d [%c][%c][%c]\n", n, c1, c2 == ' ' ? '_' : c2, c3);
    CHECK(n == 3 && c1 == 'x' && c2 == ' ' && c3 == 'y');
  }
  {
    int a = 7, b = 7;
    int n1 = sscanf("12 abc", "%d %d", &a, &b);  // matching failure after one item
    int n2 = sscanf("abc", "%d", &b);            // matching failure at once
    int n3 = sscanf("", "%d", &b);               // input failure before any conversion
    int n4 = sscanf("   ", "%d", &b);            // only white space: also an input failure
    printf("returns: %d %d %d %d (a=%d b=%d)\n", n1, n2, n3, n4, a, b);
    CHECK(n1 == 1 && a == 12 && n2 == 0 && n3 == EOF && n4 == EOF && b == 7);
  }
  {
    int pct = 0;
    int n = sscanf("50% done", "%d%% done", &pct);
    printf("literal percent: n=%d pct=%d\n", n, pct);
    CHECK(n == 1 && pct == 50);
  }
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
