// memcpy, memmove (overlapping both ways), memset, memcmp and memchr over many
// alignments and lengths, each checked byte by byte against simple reference loops
// (through volatile pointers, so the compiler cannot turn them back into library calls),
// including the bytes just outside the destination.
#include <stdio.h>
#include <string.h>

#include "check.h"

#define AREA 5000
static unsigned char src[AREA], dst[AREA], ref[AREA], tmp[AREA];

static void fill(unsigned char *p, size_t n, unsigned seed) {
  volatile unsigned char *v = p;
  for (size_t i = 0; i < n; i++) v[i] = (unsigned char)(i * 7u + seed * 13u + (i >> 8));
}

static int same(const unsigned char *a, const unsigned char *b, size_t n) {
  const volatile unsigned char *x = a, *y = b;
  for (size_t i = 0; i < n; i++)
    if (x[i] != y[i]) return 0;
  return 1;
}

static void ref_copy(unsigned char *d, const unsigned char *s, size_t n) {
  volatile unsigned char *vd = d;
  const volatile unsigned char *vs = s;
  for (size_t i = 0; i < n; i++) vd[i] = vs[i];
}

static int sign(int v) { return (v > 0) - (v < 0); }

static const size_t big_lengths[] = {100, 255, 256, 257, 1000, 1024, 4000};

int main(void) {
  // fixed overlapping examples
  {
    char s[] = "0123456789";
    memmove(s + 2, s, 5);
    printf("memmove forward overlap:  %s\n", s);
    CHECK(strcmp(s, "0101234789") == 0);
    strcpy(s, "0123456789");
    memmove(s, s + 3, 5);
    printf("memmove backward overlap: %s\n", s);
    CHECK(strcmp(s, "3456756789") == 0);
    memmove(s, s, 10);
    CHECK(strcmp(s, "3456756789") == 0);
  }

  // memcpy: every source/destination alignment 0..7 and length 0..70, plus large sizes
  int cases = 0, bad = 0;
  for (size_t so = 0; so < 8; so++)
    for (size_t d = 0; d < 8; d++)
      for (size_t len = 0; len < 71 + sizeof big_lengths / sizeof *big_lengths; len++) {
        size_t n = len < 71 ? len : big_lengths[len - 71];
        fill(src, AREA, (unsigned)(so + d));
        fill(dst, AREA, 99);
        ref_copy(ref, dst, AREA);
        ref_copy(ref + 16 + d, src + so, n);
        void *r = memcpy(dst + 16 + d, src + so, n);
        cases++;
        if (r != dst + 16 + d || !same(dst, ref, AREA)) bad++;
      }
  printf("memcpy: %d cases, %d mismatches\n", cases, bad);
  CHECK(bad == 0);

  // memmove inside one buffer: source and destination offsets 0..23 (so the regions
  // overlap in both directions) and lengths 0..90, plus large sizes
  cases = bad = 0;
  for (size_t so = 0; so < 24; so++)
    for (size_t d = 0; d < 24; d++)
      for (size_t len = 0; len < 91 + sizeof big_lengths / sizeof *big_lengths; len++) {
        size_t n = len < 91 ? len : big_lengths[len - 91];
        fill(dst, AREA, (unsigned)len);
        ref_copy(ref, dst, AREA);
        ref_copy(tmp, dst + so, n);
        ref_copy(ref + d, tmp, n);
        void *r = memmove(dst + d, dst + so, n);
        cases++;
        if (r != dst + d || !same(dst, ref, AREA)) bad++;
      }
  printf("memmove: %d cases, %d mismatches\n", cases, bad);
  CHECK(bad == 0);

  // memset: alignments 0..15, lengths 0..80 plus large sizes, a value with the top bit set
  cases = bad = 0;
  for (size_t d = 0; d < 16; d++)
    for (size_t len = 0; len < 81 + sizeof big_lengths / sizeof *big_lengths; len++) {
      size_t n = len < 81 ? len : big_lengths[len - 81];
      fill(dst, AREA, 5);
      ref_copy(ref, dst, AREA);
      volatile unsigned char *v = ref + d;
      for (size_t i = 0; i < n; i++) v[i] = 0xA5;
      void *r = memset(dst + d, 0x1A5, n);  // converted to unsigned char: 0xA5
      cases++;
      if (r != dst + d || !same(dst, ref, AREA)) bad++;
    }
  printf("memset: %d cases, %d mismatches\n", cases, bad);
  CHECK(bad == 0);

  // memcmp: equal ranges, then one differing byte at every position; bytes compare unsigned
  cases = bad = 0;
  for (size_t n = 0; n < 300; n += 7) {
    fill(src, n, 3);
    ref_copy(dst, src, n);
    cases++;
    if (memcmp(src, dst, n) != 0) bad++;
    for (size_t k = 0; k < n; k++) {
      unsigned char saved = dst[k];
      dst[k] = (unsigned char)(src[k] + 1);
      int want = src[k] == 0xFF ? 1 : -1;
      cases++;
      if (sign(memcmp(src, dst, n)) != want || sign(memcmp(dst, src, n)) != -want) bad++;
      if (memcmp(src, dst, k) != 0) bad++;  // the prefix before the difference is equal
      dst[k] = saved;
    }
  }
  printf("memcmp: %d cases, %d mismatches\n", cases, bad);
  CHECK(bad == 0);
  {
    static const unsigned char hi[] = {0x80}, lo[] = {0x7F};
    printf("memcmp(0x80, 0x7f) sign: %d\n", sign(memcmp(hi, lo, 1)));
    CHECK(memcmp(hi, lo, 1) > 0);
  }

  // memchr: the first match at every position, no match beyond n, value taken as unsigned char
  cases = bad = 0;
  for (size_t n = 1; n < 200; n += 3)
    for (size_t k = 0; k < n; k++) {
      volatile unsigned char *v = src;
      for (size_t i = 0; i < n + 8; i++) v[i] = (unsigned char)('a' + i % 20);
      src[k] = 0xEE;
      if (k + 2 < n) src[k + 2] = 0xEE;
      src[n] = 0xDD;  // just past the end: must not be found
      cases++;
      if (memchr(src, 0xEE, n) != src + k) bad++;
      if (memchr(src, 0xDD, n) != NULL) bad++;
      if (memchr(src, 0xEE - 256, n) != src + k) bad++;
    }
  printf("memchr: %d cases, %d mismatches\n", cases, bad);
  CHECK(bad == 0);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
