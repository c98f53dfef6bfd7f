// preopen: /sandbox
// A heap of several MB that shares the process with the host layer: on wasm32-wasip2 the
// Preview 1 adapter grows memory for its own state and stack at its first call, and the heap
// must never take that memory. Blocks of many sizes are filled with a pattern and checked
// after every round of host calls (stdout, environment, clocks, files); then a zlib-like
// workload: a 32 KiB window, hash chains and output buffers, reused for many blocks written to
// a file, read back and checked.
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

// The adapter's first call happens before the first malloc: the order that broke the heap.
static void touch_the_host(void) {
  struct timespec ts;
  CHECK(clock_gettime(CLOCK_MONOTONIC, &ts) == 0);
  volatile const char *home = getenv("HOME");
  (void)home;
}

static unsigned char pattern(uintptr_t block, size_t i) { return (unsigned char)(block * 131 + i * 7 + 1); }

static void fill(unsigned char *p, size_t n, uintptr_t block) {
  for (size_t i = 0; i < n; i++) p[i] = pattern(block, i);
}

static int intact(const unsigned char *p, size_t n, uintptr_t block) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != pattern(block, i)) return 0;
  return 1;
}

#define BLOCKS 600

// Block sizes from 16 bytes to 96 KiB, in a fixed pseudo-random order.
static size_t size_of_block(int i) {
  static const size_t sizes[] = {16, 24, 100, 1000, 4000, 4096, 10000, 33000, 65536, 98304};
  return sizes[(i * 7 + i / 10) % 10] + (size_t)(i % 13);
}

static int many_sizes(void) {
  static unsigned char *blocks[BLOCKS];
  size_t total = 0;
  int bad = 0;
  for (int round = 0; round < 3; round++) {
    for (int i = 0; i < BLOCKS; i++) {
      if (blocks[i] && (i + round) % 3 == 0) {
        if (!intact(blocks[i], size_of_block(i), (uintptr_t)i)) bad++;
        free(blocks[i]);
        blocks[i] = NULL;
      }
      if (!blocks[i]) {
        blocks[i] = malloc(size_of_block(i));
        if (!blocks[i]) return -1;
        fill(blocks[i], size_of_block(i), (uintptr_t)i);
        if (round == 0) total += size_of_block(i);
      }
      if (i % 50 == 0) {
        // Host calls between allocations: the adapter runs on its own stack and state.
        fflush(stdout);
        touch_the_host();
      }
    }
    for (int i = 0; i < BLOCKS; i++)
      if (!intact(blocks[i], size_of_block(i), (uintptr_t)i)) bad++;
  }
  printf("%d blocks, %zu KiB in the first round, 3 rounds: %d damaged\n", BLOCKS, total / 1024, bad);
  for (int i = 0; i < BLOCKS; i++) free(blocks[i]);
  return bad;
}

// deflate's memory shape: window, prev and head chains, a pending buffer.
struct compressor {
  unsigned char *window;   // 2 * 32 KiB
  uint16_t *prev;          // 32 Ki entries
  uint16_t *head;          // 32 Ki entries
  unsigned char *pending;  // 64 KiB
};

static int zlib_like(void) {
  struct compressor c = {
    .window = malloc(2 * 32768),
    .prev = malloc(32768 * sizeof(uint16_t)),
    .head = malloc(32768 * sizeof(uint16_t)),
    .pending = malloc(65536),
  };
  if (!c.window || !c.prev || !c.head || !c.pending) return -1;
  int fd = open("/sandbox/stream.bin", O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  uint32_t written_sum = 0;
  for (int block = 0; block < 40; block++) {
    for (size_t i = 0; i < 2 * 32768; i++) c.window[i] = (unsigned char)(i ^ (size_t)block * 29);
    for (size_t i = 0; i < 32768; i++) {
      unsigned h = (c.window[i] * 33u + c.window[i + 1]) & 32767u;
      c.prev[i] = c.head[h];
      c.head[h] = (uint16_t)i;
    }
    for (size_t i = 0; i < 65536; i++) c.pending[i] = (unsigned char)(c.window[i] + c.prev[i / 2] + c.head[i / 2]);
    for (size_t i = 0; i < 65536; i++) written_sum = written_sum * 31 + c.pending[i];
    CHECK(write(fd, c.pending, 65536) == 65536);
  }
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  unsigned char *back = malloc(65536);
  uint32_t read_sum = 0;
  for (int block = 0; block < 40; block++) {
    CHECK(read(fd, back, 65536) == 65536);
    for (size_t i = 0; i < 65536; i++) read_sum = read_sum * 31 + back[i];
  }
  close(fd);
  unlink("/sandbox/stream.bin");
  printf("zlib-like: 40 blocks of 64 KiB through a file: checksums %s\n", read_sum == written_sum ? "equal" : "differ");
  free(back);
  free(c.window);
  free(c.prev);
  free(c.head);
  free(c.pending);
  return read_sum == written_sum ? 0 : 1;
}

int main(void) {
  touch_the_host();
  int bad = many_sizes();
  bad += zlib_like();
  // And once more after all that: a big block, then a host call.
  size_t big = 8 << 20;
  unsigned char *p = malloc(big);
  CHECK(p != NULL);
  fill(p, big, 99);
  touch_the_host();
  printf("8 MiB block %s\n", p && intact(p, big, 99) ? "intact" : "damaged");
  free(p);
  printf("%s\n", bad || failures ? "FAILED" : "ok");
  return bad || failures ? 1 : 0;
}
