// malloc/calloc/realloc/free under a long pseudo-random workload of many sizes, with
// every block filled with its own pattern and checked before it is resized or freed;
// calloc zeroing of recycled memory; aligned_alloc and posix_memalign; failures for
// impossible sizes.
#include <errno.h>
#include <malloc.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static uint32_t rng_state = 12345;
static uint32_t rnd(void) {
  rng_state = rng_state * 1103515245u + 12345u;
  return rng_state >> 8;
}

static unsigned char pat(size_t i, unsigned tag) {
  return (unsigned char)((i * 31u) ^ tag ^ (i >> 7));
}

static void fill(unsigned char *p, size_t n, unsigned tag) {
  for (size_t i = 0; i < n; i++) p[i] = pat(i, tag);
}

static int intact(const unsigned char *p, size_t n, unsigned tag) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != pat(i, tag)) return 0;
  return 1;
}

static size_t pick_size(void) {
  uint32_t r = rnd() % 100;
  if (r < 70) return 1 + rnd() % 256;
  if (r < 95) return 257 + rnd() % 16128;
  return 16385 + rnd() % 300000;
}

// Blocks are published here so that the compiler cannot drop allocations whose contents
// it can prove are never read.
static void *volatile sink;

#define SLOTS 500
static struct { unsigned char *p; size_t n; unsigned tag; } slot[SLOTS];

int main(void) {
  const size_t align = alignof(max_align_t);
  long mallocs = 0, callocs = 0, reallocs = 0, frees = 0, corrupt = 0, misaligned = 0, nulls = 0;
  unsigned next_tag = 1;
  for (int iter = 0; iter < 30000; iter++) {
    int k = (int)(rnd() % SLOTS);
    uint32_t op = rnd() % 4;
    if (!slot[k].p) {
      size_t n = pick_size();
      unsigned char *p;
      if (op == 0) {
        p = calloc(n, 1);
        callocs++;
        if (p)
          for (size_t i = 0; i < n; i++)
            if (p[i] != 0) { corrupt++; break; }
      } else {
        p = malloc(n);
        mallocs++;
      }
      if (!p) { nulls++; continue; }
      if ((uintptr_t)p % align) misaligned++;
      slot[k].p = p;
      slot[k].n = n;
      slot[k].tag = next_tag++;
      fill(p, n, slot[k].tag);
    } else if (op == 0) {
      if (!intact(slot[k].p, slot[k].n, slot[k].tag)) corrupt++;
      free(slot[k].p);
      frees++;
      slot[k].p = NULL;
    } else if (op == 1) {
      if (!intact(slot[k].p, slot[k].n, slot[k].tag)) corrupt++;
      size_t n = pick_size();
      unsigned char *p = realloc(slot[k].p, n);
      reallocs++;
      if (!p) { nulls++; continue; }
      size_t keep = n < slot[k].n ? n : slot[k].n;
      if (!intact(p, keep, slot[k].tag)) corrupt++;  // the common prefix is preserved
      if ((uintptr_t)p % align) misaligned++;
      slot[k].p = p;
      slot[k].n = n;
      slot[k].tag = next_tag++;
      fill(p, n, slot[k].tag);
    } else {
      if (!intact(slot[k].p, slot[k].n, slot[k].tag)) corrupt++;
    }
  }
  for (int k = 0; k < SLOTS; k++)
    if (slot[k].p) {
      if (!intact(slot[k].p, slot[k].n, slot[k].tag)) corrupt++;
      free(slot[k].p);
      frees++;
    }
  printf("stress: %ld malloc, %ld calloc, %ld realloc, %ld free\n", mallocs, callocs, reallocs, frees);
  printf("stress: %ld corrupted, %ld misaligned, %ld failed\n", corrupt, misaligned, nulls);
  CHECK(corrupt == 0 && misaligned == 0 && nulls == 0);
  CHECK(mallocs + callocs == frees);

  // calloc must zero memory that an earlier block dirtied
  {
    int dirty = 0;
    for (size_t n = 8; n <= 65536; n *= 4) {
      unsigned char *p = malloc(n);
      if (!p) { dirty++; continue; }
      memset(p, 0xFF, n);
      sink = p;
      free(p);
      unsigned *z = calloc(n / sizeof(unsigned), sizeof(unsigned));
      if (!z) { dirty++; continue; }
      sink = z;
      for (size_t i = 0; i < n / sizeof(unsigned); i++)
        if (z[i] != 0) { dirty++; break; }
      free(z);
    }
    printf("calloc after dirty free: %s\n", dirty ? "NOT ZEROED" : "zeroed");
    CHECK(dirty == 0);
  }

  // realloc(NULL, n) allocates; growing keeps the contents; malloc_usable_size >= request
  {
    char *p = realloc(NULL, 10);
    CHECK(p != NULL);
    if (p) {
      memcpy(p, "ten bytes", 10);
      p = realloc(p, 1 << 20);
      CHECK(p && strcmp(p, "ten bytes") == 0);
      if (p) {
        CHECK(malloc_usable_size(p) >= (1u << 20));
        p = realloc(p, 4);
        CHECK(p && memcmp(p, "ten ", 4) == 0);
      }
      printf("realloc chain: %s\n", p ? "contents kept" : "failed");
      free(p);
    }
    free(NULL);  // no effect
  }

  // a large block is usable over its whole length (kept moderate: node 20's WASI host is
  // known to crash when a program has touched several tens of MiB)
  {
    size_t n = 8u << 20;
    unsigned char *p = malloc(n);
    CHECK(p != NULL);
    if (p) {
      memset(p, 0x5A, n);
      sink = p;
      CHECK(p[0] == 0x5A && p[n / 2] == 0x5A && p[n - 1] == 0x5A);
      free(p);
    }
    printf("8 MiB block: %s\n", p ? "ok" : "failed");
  }

  // aligned_alloc and posix_memalign
  {
    int bad = 0;
    for (size_t a = 1; a <= 65536; a *= 2) {
      void *p = aligned_alloc(a, a * 3);
      if (!p || (uintptr_t)p % a) bad++;
      else memset(p, 1, a * 3);
      sink = p;
      free(p);
      void *q = NULL;
      if (a >= sizeof(void *)) {
        int r = posix_memalign(&q, a, 100);
        if (r != 0 || !q || (uintptr_t)q % a) bad++;
        else memset(q, 2, 100);
        sink = q;
        free(q);
      }
    }
    printf("aligned_alloc/posix_memalign alignments 1..65536: %s\n", bad ? "BAD" : "aligned");
    CHECK(bad == 0);
    void *q = (void *)1;
    int r3 = posix_memalign(&q, 24, 16);  // not a power of two
    int r2 = posix_memalign(&q, 2, 16);   // not a multiple of sizeof(void *)
    printf("posix_memalign bad alignments: %s %s\n", r3 == EINVAL ? "EINVAL" : "?",
           r2 == EINVAL ? "EINVAL" : "?");
    CHECK(r3 == EINVAL && r2 == EINVAL);
  }

  // impossible requests fail with ENOMEM. The calls go through volatile function pointers:
  // clang treats a direct malloc call as touching no memory but its own, so at -O2 it would
  // read errno from before the call (and could drop an allocation that is only compared
  // with NULL).
  {
    void *(*volatile malloc_p)(size_t) = malloc;
    void *(*volatile calloc_p)(size_t, size_t) = calloc;
    void *(*volatile realloc_p)(void *, size_t) = realloc;
    size_t huge = SIZE_MAX, half = SIZE_MAX / 2 + 1;
    errno = 0;
    void *p = malloc_p(huge);
    int e1 = errno;
    errno = 0;
    void *q = calloc_p(half, 2);  // the product overflows
    int e2 = errno;
    errno = 0;
    void *r = realloc_p(NULL, huge - 64);
    int e3 = errno;
    printf("malloc(SIZE_MAX): %s %s; calloc overflow: %s %s; realloc huge: %s %s\n",
           p ? "non-NULL" : "NULL", e1 == ENOMEM ? "ENOMEM" : "?", q ? "non-NULL" : "NULL",
           e2 == ENOMEM ? "ENOMEM" : "?", r ? "non-NULL" : "NULL", e3 == ENOMEM ? "ENOMEM" : "?");
    CHECK(!p && !q && !r && e1 == ENOMEM && e2 == ENOMEM && e3 == ENOMEM);
  }
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
