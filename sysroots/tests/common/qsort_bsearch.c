// qsort and bsearch: integers (random, sorted, reversed, all equal, tiny arrays), strings
// and structures with a two-key comparator; sorted order, permutation and lookups checked.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static uint32_t rng_state = 2024;
static uint32_t rnd(void) {
  rng_state = rng_state * 1664525u + 1013904223u;
  return rng_state >> 8;
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct person { const char *name; int age; };

static int by_age_then_name(const void *a, const void *b) {
  const struct person *p = a, *q = b;
  if (p->age != q->age) return p->age < q->age ? -1 : 1;
  return strcmp(p->name, q->name);
}

#define N 2000
static int data[N], copy[N];

// Sorts data[0..n) and checks the order and that the multiset of values is unchanged.
static int sort_and_check(size_t n) {
  long long sum_before = 0, sum_after = 0, xor_before = 0, xor_after = 0;
  for (size_t i = 0; i < n; i++) {
    copy[i] = data[i];
    sum_before += data[i];
    xor_before ^= (long long)data[i] * 2654435761u;
  }
  qsort(data, n, sizeof *data, cmp_int);
  int ok = 1;
  for (size_t i = 0; i < n; i++) {
    sum_after += data[i];
    xor_after ^= (long long)data[i] * 2654435761u;
    if (i && data[i - 1] > data[i]) ok = 0;
  }
  // every element of the original is found by bsearch in the sorted array
  for (size_t i = 0; i < n; i++) {
    int *hit = bsearch(&copy[i], data, n, sizeof *data, cmp_int);
    if (!hit || *hit != copy[i]) ok = 0;
  }
  return ok && sum_before == sum_after && xor_before == xor_after;
}

static void report(const char *what, int ok) {
  printf("%s: %s\n", what, ok ? "sorted" : "WRONG");
  CHECK(ok);
}

int main(void) {
  size_t n;
  n = N;
  for (size_t i = 0; i < n; i++) data[i] = (int)(rnd() % 100000) - 50000;
  report("random 2000", sort_and_check(n));
  printf("  smallest %d %d %d, largest %d\n", data[0], data[1], data[2], data[n - 1]);
  CHECK(data[0] <= data[1] && data[n - 2] <= data[n - 1]);

  for (size_t i = 0; i < n; i++) data[i] = (int)(rnd() % 10);  // many duplicates
  report("duplicates", sort_and_check(n));
  for (size_t i = 0; i < n; i++) data[i] = (int)i;
  report("already sorted", sort_and_check(n));
  for (size_t i = 0; i < n; i++) data[i] = (int)(n - i);
  report("reversed", sort_and_check(n));
  for (size_t i = 0; i < n; i++) data[i] = 7;
  report("all equal", sort_and_check(n));
  int small_ok = 1;
  for (n = 0; n < 12; n++) {
    for (size_t i = 0; i < n; i++) data[i] = (int)(rnd() % 5);
    if (!sort_and_check(n)) small_ok = 0;
  }
  report("sizes 0..11", small_ok);

  // bsearch misses: before, between and after the elements; and on an empty array
  {
    int odd[] = {1, 3, 5, 7, 9};
    int keys[] = {0, 2, 4, 10}, misses = 0;
    for (int i = 0; i < 4; i++)
      if (!bsearch(&keys[i], odd, 5, sizeof *odd, cmp_int)) misses++;
    int seven = 7;
    int *hit = bsearch(&seven, odd, 5, sizeof *odd, cmp_int);
    printf("bsearch: %d misses of 4, 7 at index %d, empty array: %s\n", misses,
           hit ? (int)(hit - odd) : -1, bsearch(&seven, odd, 0, sizeof *odd, cmp_int) ? "hit" : "miss");
    CHECK(misses == 4 && hit == odd + 3);
  }

  // strings
  {
    const char *words[] = {"pear", "apple", "fig", "banana", "Cherry", "apple", "date", ""};
    size_t nw = sizeof words / sizeof *words;
    qsort(words, nw, sizeof *words, cmp_str);
    printf("strings:");
    for (size_t i = 0; i < nw; i++) printf(" [%s]", words[i]);
    printf("\n");
    for (size_t i = 1; i < nw; i++) CHECK(strcmp(words[i - 1], words[i]) <= 0);
    const char *key = "date";
    const char **hit = bsearch(&key, words, nw, sizeof *words, cmp_str);
    CHECK(hit && strcmp(*hit, "date") == 0);
  }

  // structures, sorted by two keys (qsort is not stable, so the comparator decides ties)
  {
    struct person people[] = {{"eve", 31}, {"bob", 25}, {"amy", 31}, {"dan", 19}, {"cat", 25}};
    size_t np = sizeof people / sizeof *people;
    qsort(people, np, sizeof *people, by_age_then_name);
    printf("people:");
    for (size_t i = 0; i < np; i++) printf(" %s/%d", people[i].name, people[i].age);
    printf("\n");
    CHECK(strcmp(people[0].name, "dan") == 0 && strcmp(people[1].name, "bob") == 0 &&
          strcmp(people[2].name, "cat") == 0 && strcmp(people[3].name, "amy") == 0 &&
          strcmp(people[4].name, "eve") == 0);
  }
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
