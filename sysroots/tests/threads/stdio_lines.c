// Threads print lines to stdout at once, with printf, puts, fputs and, under flockfile,
// character by character: no line may be torn. stdout gets a buffer big enough for all of
// it, which is checked in place and then thrown away (__fpurge), because the order of the
// lines differs from run to run.
#include <pthread.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>

#define THREADS 4
#define LINES 150

static char buffer[1 << 18];

static void *print(void *arg) {
  int id = (int)(long)arg;
  char text[80];
  for (int n = 0; n < LINES; n++) {
    int width = 10 + (n * 7 + id * 13) % 50;
    switch (n % 4) {
    case 0:
      printf("thread %d line %d %.*s|\n", id, n, width, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
      break;
    case 1:
      snprintf(text, sizeof text, "thread %d line %d %.*s|", id, n, width, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
      puts(text);
      break;
    case 2:
      snprintf(text, sizeof text, "thread %d line %d %.*s|\n", id, n, width, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
      fputs(text, stdout);
      break;
    default:
      snprintf(text, sizeof text, "thread %d line %d %.*s|\n", id, n, width, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
      flockfile(stdout);
      for (char *c = text; *c; c++)
        putchar_unlocked(*c);
      funlockfile(stdout);
    }
  }
  return NULL;
}

int main(void) {
  setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  pthread_t threads[THREADS];
  for (long i = 0; i < THREADS; i++)
    pthread_create(&threads[i], NULL, print, (void *)i);
  for (int i = 0; i < THREADS; i++)
    pthread_join(threads[i], NULL);

  // The output starts at the buffer's first non-zero byte.
  char *text = buffer;
  while (text < buffer + sizeof buffer && !*text)
    text++;
  int next[THREADS] = {0}, lines = 0, torn = 0;
  for (char *line = text; *line;) {
    char *end = strchr(line, '\n');
    int id, n;
    if (!end || sscanf(line, "thread %d line %d", &id, &n) != 2 || id < 0 || id >= THREADS) {
      torn++;
      break;
    }
    int width = 10 + (n * 7 + id * 13) % 50;
    char expect[80];
    snprintf(expect, sizeof expect, "thread %d line %d %.*s|", id, n, width, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    if ((size_t)(end - line) != strlen(expect) || memcmp(line, expect, end - line) || n != next[id])
      torn++;
    next[id] = n + 1;
    lines++;
    line = end + 1;
  }
  __fpurge(stdout);
  printf("lines: %d, torn or out of order: %d\n", lines, torn);
  return 0;
}
