// Producers and consumers share a small bounded queue guarded by a mutex and two condition
// variables. Every item arrives exactly once, and each consumer sees each producer's items in
// the order they were made.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define PRODUCERS 4
#define CONSUMERS 3
#define ITEMS 3000
#define SLOTS 8
#define DONE -1

static int queue[SLOTS];
static int head, count;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;

static void put(int item) {
  pthread_mutex_lock(&lock);
  while (count == SLOTS)
    pthread_cond_wait(&not_full, &lock);
  queue[(head + count++) % SLOTS] = item;
  pthread_cond_signal(&not_empty);
  pthread_mutex_unlock(&lock);
}

static int take(void) {
  pthread_mutex_lock(&lock);
  while (count == 0)
    pthread_cond_wait(&not_empty, &lock);
  int item = queue[head];
  head = (head + 1) % SLOTS;
  count--;
  pthread_cond_signal(&not_full);
  pthread_mutex_unlock(&lock);
  return item;
}

static void *produce(void *arg) {
  int producer = (int)(long)arg;
  for (int i = 0; i < ITEMS; i++)
    put(producer * ITEMS + i);
  return NULL;
}

struct tally {
  long sum;
  int items;
  int last[PRODUCERS];
  int out_of_order;
};

static void *consume(void *arg) {
  struct tally *t = arg;
  for (int p = 0; p < PRODUCERS; p++)
    t->last[p] = -1;
  for (int item; (item = take()) != DONE;) {
    int producer = item / ITEMS, seq = item % ITEMS;
    if (seq <= t->last[producer])
      t->out_of_order++;
    t->last[producer] = seq;
    t->sum += item;
    t->items++;
  }
  return NULL;
}

int main(void) {
  pthread_t producers[PRODUCERS], consumers[CONSUMERS];
  struct tally tallies[CONSUMERS];
  memset(tallies, 0, sizeof tallies);
  for (int i = 0; i < CONSUMERS; i++)
    pthread_create(&consumers[i], NULL, consume, &tallies[i]);
  for (long i = 0; i < PRODUCERS; i++)
    pthread_create(&producers[i], NULL, produce, (void *)i);
  for (int i = 0; i < PRODUCERS; i++)
    pthread_join(producers[i], NULL);
  for (int i = 0; i < CONSUMERS; i++)
    put(DONE);
  long sum = 0;
  int items = 0, out_of_order = 0;
  for (int i = 0; i < CONSUMERS; i++) {
    pthread_join(consumers[i], NULL);
    sum += tallies[i].sum;
    items += tallies[i].items;
    out_of_order += tallies[i].out_of_order;
  }
  long total = PRODUCERS * ITEMS;
  printf("items: %d\n", items);
  printf("sum: %s\n", sum == total * (total - 1) / 2 ? "exact" : "wrong");
  printf("out of order: %d\n", out_of_order);
  return 0;
}
