// Eight threads allocate, fill, check, resize and free blocks of many sizes at once, each
// keeping up to 64 alive: the allocator must never hand out overlapping memory.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8
#define STEPS 4000
#define LIVE 64

static void *churn(void *arg) {
  unsigned id = (unsigned)(long)arg, seed = id * 2654435761u + 1;
  unsigned char *blocks[LIVE] = {0};
  size_t sizes[LIVE] = {0};
  long bad = 0;
  for (int step = 0; step < STEPS; step++) {
    seed = seed * 1103515245u + 12345u;
    int slot = (seed >> 8) % LIVE;
    unsigned char mark = (unsigned char)(id * 16 + slot);
    if (blocks[slot]) {
      for (size_t i = 0; i < sizes[slot]; i++)
        bad += blocks[slot][i] != mark;
      if (seed & 1) {
        size_t bigger = sizes[slot] * 2 + 1;
        unsigned char *moved = realloc(blocks[slot], bigger);
        for (size_t i = 0; i < sizes[slot]; i++)
          bad += moved[i] != mark;
        free(moved);
      } else {
        free(blocks[slot]);
      }
      blocks[slot] = NULL;
    } else {
      size_t size = 1 + (seed >> 12) % ((seed & 0x30) ? 256 : 20000);
      unsigned char *block = (seed & 2) ? calloc(size, 1) : malloc(size);
      if (!block)
        return (void *)-1L;
      if (seed & 2)
        for (size_t i = 0; i < size; i++)
          bad += block[i] != 0;
      memset(block, mark, size);
      blocks[slot] = block;
      sizes[slot] = size;
    }
  }
  for (int slot = 0; slot < LIVE; slot++)
    free(blocks[slot]);
  return (void *)bad;
}

int main(void) {
  pthread_t threads[THREADS];
  for (long i = 0; i < THREADS; i++)
    pthread_create(&threads[i], NULL, churn, (void *)i);
  long bad = 0;
  for (int i = 0; i < THREADS; i++) {
    void *result;
    pthread_join(threads[i], &result);
    bad += (long)result;
  }
  printf("corrupted bytes: %ld\n", bad);
  return 0;
}
