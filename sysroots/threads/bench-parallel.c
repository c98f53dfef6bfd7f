// A CPU-bound parallel workload for timing wasm32-wasip1-threads: sums a 64-bit hash of the
// numbers 0 to N-1, split into equal contiguous ranges over T threads.
//
//   bench-parallel T [N]     T threads (default 1), N items (default 2^29)
//
// Prints the sum, which is the same for every T: addition modulo 2^64 does not care about
// the order. The threads share nothing while they work, so the time should scale with T up
// to the number of cores.
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct range {
  uint64_t first, end, sum;
};

// A strong 64-bit mixing function (splitmix64's finaliser), applied a few times so that
// each item costs some arithmetic rather than memory traffic.
static uint64_t hash(uint64_t x) {
  for (int round = 0; round < 4; round++) {
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    x ^= x >> 31;
  }
  return x;
}

static void *sum_range(void *arg) {
  struct range *r = arg;
  uint64_t sum = 0;
  for (uint64_t i = r->first; i < r->end; i++)
    sum += hash(i);
  r->sum = sum;
  return NULL;
}

int main(int argc, char **argv) {
  long threads = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
  uint64_t items = argc > 2 ? strtoull(argv[2], NULL, 10) : UINT64_C(1) << 29;
  if (threads < 1 || threads > 256) {
    fprintf(stderr, "usage: %s THREADS [ITEMS]  (1 to 256 threads)\n", argv[0]);
    return 2;
  }

  struct range ranges[256];
  pthread_t ids[256];
  for (long t = 0; t < threads; t++) {
    ranges[t].first = items * t / threads;
    ranges[t].end = items * (t + 1) / threads;
  }
  // The main thread takes the first range itself.
  for (long t = 1; t < threads; t++) {
    int error = pthread_create(&ids[t], NULL, sum_range, &ranges[t]);
    if (error) {
      fprintf(stderr, "pthread_create: error %d\n", error);
      return 1;
    }
  }
  sum_range(&ranges[0]);
  uint64_t sum = ranges[0].sum;
  for (long t = 1; t < threads; t++) {
    pthread_join(ids[t], NULL);
    sum += ranges[t].sum;
  }
  printf("%016" PRIx64 "\n", sum);
  return 0;
}
