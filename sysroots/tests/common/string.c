// <string.h>: lengths, comparisons, copies and concatenation, searching, tokenizing and
// duplication. String arguments go through a volatile pointer so that the compiler
// cannot evaluate the calls at build time and the library's own code runs.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"

static const char *volatile laundry;
static const char *S(const char *lit) {
  laundry = lit;
  return laundry;
}

static int sign(int v) { return (v > 0) - (v < 0); }

// The offset of a search result from the start of the string, or -1 for NULL.
static int off(const char *base, const char *p) { return p ? (int)(p - base) : -1; }

int main(void) {
  // strlen / strnlen
  printf("strlen: %zu %zu %zu\n", strlen(S("")), strlen(S("a")), strlen(S("hello, world")));
  CHECK(strlen(S("")) == 0 && strlen(S("hello, world")) == 12);
  printf("strnlen: %zu %zu\n", strnlen(S("hello"), 3), strnlen(S("hi"), 10));
  CHECK(strnlen(S("hello"), 3) == 3 && strnlen(S("hi"), 10) == 2);

  // comparisons (only the sign is specified)
  int c1 = sign(strcmp(S("abc"), S("abd"))), c2 = sign(strcmp(S("abc"), S("abc"))),
      c3 = sign(strcmp(S("abcd"), S("abc"))), c4 = sign(strcmp(S("\xff"), S("a")));
  printf("strcmp signs: %d %d %d %d\n", c1, c2, c3, c4);
  CHECK(c1 == -1 && c2 == 0 && c3 == 1 && c4 == 1);  // compared as unsigned char
  int n1 = sign(strncmp(S("abcX"), S("abcY"), 3)), n2 = sign(strncmp(S("abcX"), S("abcY"), 4));
  printf("strncmp signs: %d %d\n", n1, n2);
  CHECK(n1 == 0 && n2 == -1);
  int i1 = sign(strcasecmp(S("HeLLo"), S("hello"))), i2 = sign(strncasecmp(S("ABCd"), S("abce"), 4));
  printf("strcasecmp signs: %d %d\n", i1, i2);
  CHECK(i1 == 0 && i2 == -1);

  // strcpy / strncpy / strcat / strncat
  {
    char buf[16];
    strcpy(buf, S("abc"));
    strcat(buf, S("def"));
    strncat(buf, S("ghijkl"), 3);
    printf("strcpy+strcat+strncat: %s\n", buf);
    CHECK(strcmp(buf, "abcdefghi") == 0);

    char pad[8];
    memset(pad, 'X', sizeof pad);
    strncpy(pad, S("ab"), 6);  // pads with NULs up to 6 bytes
    printf("strncpy pad: %d %d %d %d %d %d %c %c\n", pad[0], pad[1], pad[2], pad[3], pad[4],
           pad[5], pad[6], pad[7]);
    CHECK(pad[0] == 'a' && pad[1] == 'b' && pad[2] == 0 && pad[5] == 0 && pad[6] == 'X');
    memset(pad, 'X', sizeof pad);
    strncpy(pad, S("abcdefgh"), 4);  // no terminator when the source is longer
    printf("strncpy truncate: %.8s\n", pad);
    CHECK(memcmp(pad, "abcdXXXX", 8) == 0);
  }

  // searching
  {
    const char *h = S("hello, world");
    printf("strchr 'o': %d  strrchr 'o': %d  strchr NUL: %d  strchr 'z': %d\n",
           off(h, strchr(h, 'o')), off(h, strrchr(h, 'o')), off(h, strchr(h, '\0')),
           off(h, strchr(h, 'z')));
    CHECK(strchr(h, 'o') == h + 4 && strrchr(h, 'o') == h + 8 && strchr(h, 0) == h + 12 &&
          strchr(h, 'z') == NULL);
    printf("strstr \"world\": %d  \"\": %d  \"worlds\": %d  \"lo, w\": %d\n",
           off(h, strstr(h, S("world"))), off(h, strstr(h, S(""))), off(h, strstr(h, S("worlds"))),
           off(h, strstr(h, S("lo, w"))));
    CHECK(strstr(h, S("world")) == h + 7 && strstr(h, S("")) == h &&
          strstr(h, S("worlds")) == NULL && strstr(h, S("lo, w")) == h + 3);
    // a long needle exercises the two-way search
    static char hay[3000], needle[600];
    memset(hay, 'a', sizeof hay - 1);
    memset(needle, 'a', sizeof needle - 1);
    needle[sizeof needle - 2] = 'b';
    hay[2500] = 'b';
    char *found = strstr(hay, needle);
    printf("strstr long needle: %d\n", off(hay, found));
    CHECK(found == hay + 2500 - (sizeof needle - 2));
    printf("strspn: %zu  strcspn: %zu  strpbrk: %d\n", strspn(h, S("ehl")),
           strcspn(h, S(" ,")), off(h, strpbrk(h, S("wr"))));
    CHECK(strspn(h, S("ehl")) == 4 && strcspn(h, S(" ,")) == 5 && strpbrk(h, S("wr")) == h + 7);
  }

  // strtok_r: several delimiters, empty fields skipped, two interleaved scans
  {
    char line[] = ",,alpha, beta,,gamma ;delta;;";
    char *save = NULL;
    int count = 0;
    printf("strtok_r:");
    for (char *t = strtok_r(line, ", ;", &save); t; t = strtok_r(NULL, ", ;", &save)) {
      printf(" [%s]", t);
      count++;
    }
    printf(" (%d tokens)\n", count);
    CHECK(count == 4);

    char outer[] = "a=1&b=2&c=3";
    char *so = NULL, *si = NULL;
    printf("nested strtok_r:");
    for (char *pair = strtok_r(outer, "&", &so); pair; pair = strtok_r(NULL, "&", &so)) {
      char *k = strtok_r(pair, "=", &si);
      char *v = strtok_r(NULL, "=", &si);
      printf(" %s->%s", k, v ? v : "?");
      CHECK(k && v && strlen(k) == 1 && strlen(v) == 1);
    }
    printf("\n");
    char empty[] = ";;;";
    char *se = NULL;
    CHECK(strtok_r(empty, ";", &se) == NULL);
  }

  // strdup / strndup
  {
    const char *src = S("duplicate me");
    char *d = strdup(src);
    char *nd = strndup(src, 9);
    char *nd2 = strndup(src, 100);
    printf("strdup: [%s] distinct=%d  strndup: [%s] [%s]\n", d ? d : "(null)", d != src, nd ? nd : "(null)",
           nd2 ? nd2 : "(null)");
    CHECK(d && d != src && strcmp(d, src) == 0);
    CHECK(nd && strcmp(nd, "duplicate") == 0 && nd2 && strcmp(nd2, src) == 0);
    free(d);
    free(nd);
    free(nd2);
  }

  // strcoll/strxfrm in the C locale behave like strcmp/strcpy
  {
    char x[16];
    size_t n = strxfrm(x, S("collate"), sizeof x);
    printf("strcoll sign: %d  strxfrm: %zu [%s]\n", sign(strcoll(S("a"), S("b"))), n, x);
    CHECK(sign(strcoll(S("a"), S("b"))) == -1 && n == 7 && strcmp(x, "collate") == 0);
  }
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
