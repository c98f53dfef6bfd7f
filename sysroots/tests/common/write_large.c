// preopen: /sandbox
// One write of 64 MiB (40 MiB on wasm32-wasip1-threads, whose programs get 64 MiB of memory in
// all), read back whole, and a normal exit: node:wasi crashed the process (SIGSEGV) at exit
// after a program touched 32 MiB of memory or more, unless V8's fast API calls are off, as our
// host runs it (packages/cc/src/hosts/p1-fixes.ts).
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef _REENTRANT
#define SIZE (40u << 20)
#else
#define SIZE (64u << 20)
#endif

int main(void) {
  unsigned char *buf = malloc(SIZE);
  if (!buf) {
    printf("no memory\n");
    return 1;
  }
  for (size_t i = 0; i < SIZE; i++)
    buf[i] = (unsigned char)(i * 7 + (i >> 20));
  int fd = open("/sandbox/big", O_RDWR | O_CREAT | O_TRUNC, 0644);
  ssize_t n = write(fd, buf, SIZE);
  struct stat st;
  fstat(fd, &st);
  printf("one write: whole %d, file size right %d\n", n == (ssize_t)SIZE, st.st_size == (off_t)SIZE);
  memset(buf, 0, SIZE);
  lseek(fd, 0, SEEK_SET);
  size_t got = 0;
  while (got < SIZE) {
    ssize_t r = read(fd, buf + got, SIZE - got);
    if (r <= 0)
      break;
    got += (size_t)r;
  }
  size_t bad = 0;
  for (size_t i = 0; i < SIZE; i++)
    bad += buf[i] != (unsigned char)(i * 7 + (i >> 20));
  printf("read back: whole %d, same bytes %d\n", got == SIZE, bad == 0);
  close(fd);
  return 0;
}
