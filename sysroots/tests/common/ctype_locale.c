// <ctype.h> classification and case mapping over every unsigned char value in the "C"
// locale, setlocale/localeconv basics, and multibyte/wide character conversion after
// switching LC_CTYPE to C.UTF-8.
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "check.h"

static const struct { const char *name; int (*fn)(int); int want; } classes[] = {
  {"isalpha", isalpha, 52}, {"isdigit", isdigit, 10}, {"isxdigit", isxdigit, 22},
  {"isalnum", isalnum, 62}, {"isupper", isupper, 26}, {"islower", islower, 26},
  {"isspace", isspace, 6},  {"isblank", isblank, 2},  {"ispunct", ispunct, 32},
  {"isprint", isprint, 95}, {"isgraph", isgraph, 94}, {"iscntrl", iscntrl, 33},
};
#define NCLASSES (sizeof classes / sizeof *classes)

// One letter per class that the character belongs to, '.' otherwise, in the order of
// classes[]: alpha digit xdigit alNum upper lower space blank punct Print graph cntrl.
static void classify(int c, char *out) {
  static const char letters[] = "adxNulsbpPgc";
  for (size_t k = 0; k < NCLASSES; k++) out[k] = classes[k].fn(c) ? letters[k] : '.';
  out[NCLASSES] = 0;
}

int main(void) {
  const char *name = setlocale(LC_ALL, NULL);
  printf("initial locale: %s\n", name ? name : "(null)");
  CHECK(name && strcmp(name, "C") == 0);

  // counts over 0..255 (only ASCII belongs to any class in the C locale) and EOF
  printf("class counts over 0..255:");
  for (size_t k = 0; k < NCLASSES; k++) {
    int n = 0;
    for (int c = 0; c < 256; c++)
      if (classes[k].fn(c)) n++;
    printf(" %s=%d", classes[k].name + 2, n);
    CHECK(n == classes[k].want);
    CHECK(!classes[k].fn(EOF));
  }
  printf("\n");
  static const struct { int c; const char *want; } samples[] = {
    {'a', "a.xN.l...Pg."}, {'Z', "a..Nu....Pg."}, {'5', ".dxN.....Pg."},
    {' ', "......sb.P.."}, {'\t', "......sb...c"}, {'\n', "......s....c"},
    {'!', "........pPg."}, {0x7f, "...........c"}, {0, "...........c"},
    {0x80, "............"}, {0xe9, "............"}, {0xff, "............"},
  };
  char cls[NCLASSES + 1];
  for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
    classify(samples[i].c, cls);
    printf("0x%02x %s\n", samples[i].c, cls);
    CHECK(strcmp(cls, samples[i].want) == 0);
  }
  CHECK(isalpha('a') && isxdigit('f') && !isxdigit('g') && isspace('\v') && isspace('\f') &&
        isblank('\t') && !isblank('\n') && iscntrl(0x7f) && !isprint(0x7f) && ispunct('_'));

  // case mapping
  int map_ok = 1;
  for (int c = 0; c < 256; c++) {
    int up = toupper(c), low = tolower(c);
    if (c >= 'a' && c <= 'z') { if (up != c - 32 || low != c) map_ok = 0; }
    else if (c >= 'A' && c <= 'Z') { if (low != c + 32 || up != c) map_ok = 0; }
    else if (up != c || low != c) map_ok = 0;
  }
  printf("toupper/tolower over 0..255 change only ASCII letters: %s; EOF maps to EOF: %s\n",
         map_ok ? "yes" : "no", toupper(EOF) == EOF && tolower(EOF) == EOF ? "yes" : "no");
  CHECK(map_ok && toupper(EOF) == EOF && tolower(EOF) == EOF);

  // setlocale and localeconv
  name = setlocale(LC_ALL, "C");
  printf("setlocale(LC_ALL, \"C\") = %s\n", name ? name : "(null)");
  CHECK(name && strcmp(name, "C") == 0);
  name = setlocale(LC_NUMERIC, "POSIX");
  printf("setlocale(LC_NUMERIC, \"POSIX\") = %s\n", name ? name : "(null)");
  CHECK(name != NULL);
  struct lconv *lc = localeconv();
  printf("localeconv: decimal_point \"%s\", thousands_sep \"%s\", grouping length %zu\n",
         lc->decimal_point, lc->thousands_sep, strlen(lc->grouping));
  CHECK(strcmp(lc->decimal_point, ".") == 0 && strcmp(lc->thousands_sep, "") == 0);
  printf("MB_CUR_MAX in C: %zu\n", (size_t)MB_CUR_MAX);
  CHECK(MB_CUR_MAX == 1);

  // UTF-8
  name = setlocale(LC_CTYPE, "C.UTF-8");
  printf("setlocale(LC_CTYPE, \"C.UTF-8\") = %s, MB_CUR_MAX %zu\n", name ? name : "(null)",
         (size_t)MB_CUR_MAX);
  CHECK(name && strcmp(name, "C.UTF-8") == 0 && MB_CUR_MAX == 4);

  const char *euro = "\xe2\x82\xac";
  wchar_t wc = 0;
  mbstate_t st;
  memset(&st, 0, sizeof st);
  size_t len = mbrtowc(&wc, euro, 3, &st);
  printf("mbrtowc(EURO SIGN): %zu bytes -> U+%04X\n", len, (unsigned)wc);
  CHECK(len == 3 && wc == 0x20AC);

  char out[MB_LEN_MAX];
  memset(&st, 0, sizeof st);
  len = wcrtomb(out, 0x1F600, &st);
  printf("wcrtomb(U+1F600): %zu bytes %02x %02x %02x %02x\n", len, (unsigned char)out[0],
         (unsigned char)out[1], (unsigned char)out[2], (unsigned char)out[3]);
  CHECK(len == 4 && memcmp(out, "\xf0\x9f\x98\x80", 4) == 0);

  wchar_t wide[16];
  len = mbstowcs(wide, "h\xc3\xa9llo \xe4\xb8\xad", 16);
  printf("mbstowcs(\"h\\u00e9llo \\u4e2d\"): %zu wide characters, [1] = U+%04X, [6] = U+%04X\n", len,
         (unsigned)wide[1], (unsigned)wide[6]);
  CHECK(len == 7 && wide[1] == 0xE9 && wide[6] == 0x4E2D);

  memset(&st, 0, sizeof st);
  errno = 0;
  len = mbrtowc(&wc, "\xff", 1, &st);
  printf("mbrtowc(invalid byte 0xff): %s, errno %s\n", len == (size_t)-1 ? "(size_t)-1" : "accepted",
         errno == EILSEQ ? "EILSEQ" : "other");
  CHECK(len == (size_t)-1 && errno == EILSEQ);
  memset(&st, 0, sizeof st);
  len = mbrtowc(&wc, euro, 2, &st);  // an incomplete sequence
  printf("mbrtowc(first 2 bytes of 3): %s\n", len == (size_t)-2 ? "(size_t)-2, incomplete" : "other");
  CHECK(len == (size_t)-2);

  printf("iswalpha(U+00E9) %d, towupper(U+00E9) = U+%04X, iswdigit(U+0661) %d, iswspace(U+3000) %d\n",
         iswalpha(0xE9) != 0, (unsigned)towupper(0xE9), iswdigit(0x661) != 0, iswspace(0x3000) != 0);
  CHECK(iswalpha(0xE9) && towupper(0xE9) == 0xC9 && !iswdigit(0x661) && iswspace(0x3000));
  printf("wcwidth: 'a' %d, U+4E2D %d, U+0301 %d\n", wcwidth(L'a'), wcwidth(0x4E2D), wcwidth(0x301));
  CHECK(wcwidth(L'a') == 1 && wcwidth(0x4E2D) == 2 && wcwidth(0x301) == 0);

  char buf[32];
  int n = snprintf(buf, sizeof buf, "%ls|%lc", L"\u00e9t\u00e9", (wint_t)0x20AC);
  printf("snprintf %%ls|%%lc: %d bytes \"%s\"\n", n, buf);
  CHECK(n == 9 && strcmp(buf, "\xc3\xa9t\xc3\xa9|\xe2\x82\xac") == 0);

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
