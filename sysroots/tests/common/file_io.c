// preopen: /sandbox
// POSIX file I/O in a preopened directory: open/creat flags, read/write, lseek with all
// three origins, pread/pwrite, O_APPEND, ftruncate, holes, fstat/stat, fcntl and close.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static long long size_of(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

int main(void) {
  const char *path = "/sandbox/data.txt";

  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  ssize_t w = write(fd, "hello world\n", 12);
  ssize_t w2 = write(fd, "second line\n", 12);
  printf("write: %zd + %zd bytes\n", w, w2);
  CHECK(w == 12 && w2 == 12);
  CHECK(close(fd) == 0);

  fd = open(path, O_RDONLY);
  CHECK(fd >= 0);
  char buf[64];
  memset(buf, 0, sizeof buf);
  ssize_t r = read(fd, buf, sizeof buf - 1);
  printf("read %zd bytes: [%.*s|%.*s]\n", r, 11, buf, 11, buf + 12);
  CHECK(r == 24 && memcmp(buf, "hello world\nsecond line\n", 24) == 0);
  r = read(fd, buf, sizeof buf);
  printf("read at end of file: %zd\n", r);
  CHECK(r == 0);

  off_t o = lseek(fd, 6, SEEK_SET);
  r = read(fd, buf, 5);
  printf("lseek(6, SEEK_SET) = %lld, read [%.5s]\n", (long long)o, buf);
  CHECK(o == 6 && r == 5 && memcmp(buf, "world", 5) == 0);
  o = lseek(fd, 1, SEEK_CUR);
  r = read(fd, buf, 6);
  printf("lseek(1, SEEK_CUR) = %lld, read [%.6s]\n", (long long)o, buf);
  CHECK(o == 12 && r == 6 && memcmp(buf, "second", 6) == 0);
  o = lseek(fd, -5, SEEK_END);
  r = read(fd, buf, 10);
  printf("lseek(-5, SEEK_END) = %lld, read %zd [%.4s]\n", (long long)o, r, buf);
  CHECK(o == 19 && r == 5 && memcmp(buf, "line\n", 5) == 0);
  o = lseek(fd, 0, SEEK_CUR);
  printf("position now %lld\n", (long long)o);
  CHECK(o == 24);

  struct stat st;
  CHECK(fstat(fd, &st) == 0);
  printf("fstat: size %lld, regular file %d, directory %d\n", (long long)st.st_size,
         S_ISREG(st.st_mode) ? 1 : 0, S_ISDIR(st.st_mode) ? 1 : 0);
  CHECK(st.st_size == 24 && S_ISREG(st.st_mode));
  // a descriptor opened for reading cannot write
  CHECK(write(fd, "x", 1) == -1);
  CHECK(close(fd) == 0);

  struct stat st2;
  CHECK(stat(path, &st2) == 0);
  printf("stat: size %lld, same inode as fstat: %s\n", (long long)st2.st_size,
         st2.st_ino == st.st_ino && st2.st_dev == st.st_dev ? "yes" : "no");
  CHECK(st2.st_size == 24 && st2.st_ino == st.st_ino);
  CHECK(stat("/sandbox", &st2) == 0 && S_ISDIR(st2.st_mode));
  printf("stat(\"/sandbox\"): directory %d\n", S_ISDIR(st2.st_mode) ? 1 : 0);

  // read/write descriptor: pwrite/pread do not move the file position
  fd = open(path, O_RDWR);
  CHECK(fd >= 0);
  CHECK(lseek(fd, 3, SEEK_SET) == 3);
  w = pwrite(fd, "HELLO", 5, 0);
  memset(buf, 0, sizeof buf);
  r = pread(fd, buf, 11, 0);
  o = lseek(fd, 0, SEEK_CUR);
  printf("pwrite %zd, pread %zd [%s], position still %lld\n", w, r, buf, (long long)o);
  CHECK(w == 5 && r == 11 && strcmp(buf, "HELLO world") == 0 && o == 3);

  // writing past the end leaves a hole that reads as zeros
  CHECK(lseek(fd, 30, SEEK_SET) == 30);
  CHECK(write(fd, "END", 3) == 3);
  printf("size after writing at 30: %lld\n", size_of(path));
  CHECK(size_of(path) == 33);
  r = pread(fd, buf, 6, 24);
  printf("hole reads as zeros: %s\n", r == 6 && !memcmp(buf, "\0\0\0\0\0\0", 6) ? "yes" : "no");
  CHECK(r == 6 && memcmp(buf, "\0\0\0\0\0\0", 6) == 0);

  // ftruncate shrinks and extends
  CHECK(ftruncate(fd, 5) == 0);
  printf("size after ftruncate(5): %lld\n", size_of(path));
  CHECK(size_of(path) == 5);
  CHECK(ftruncate(fd, 8) == 0);
  r = pread(fd, buf, 16, 0);
  printf("after ftruncate(8): %zd bytes, [%.5s] then zeros: %s\n", r, buf,
         r == 8 && !memcmp(buf + 5, "\0\0\0", 3) ? "yes" : "no");
  CHECK(r == 8 && memcmp(buf, "HELLO\0\0\0", 8) == 0);

  // fcntl(F_GETFL) reports the access mode (WASI Preview 1 has no dup)
  int fl = fcntl(fd, F_GETFL);
  printf("fcntl(F_GETFL) access mode is O_RDWR: %s\n", fl >= 0 && (fl & O_ACCMODE) == O_RDWR ? "yes" : "no");
  CHECK(fl >= 0 && (fl & O_ACCMODE) == O_RDWR);
  CHECK(close(fd) == 0);

  // O_APPEND always writes at the end
  fd = open(path, O_WRONLY | O_APPEND);
  CHECK(fd >= 0);
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  CHECK(write(fd, "+tail", 5) == 5);
  CHECK(close(fd) == 0);
  fd = open(path, O_RDONLY);
  r = read(fd, buf, sizeof buf);
  CHECK(close(fd) == 0);
  printf("after O_APPEND write: %zd bytes, ends with [%.5s]\n", r, buf + 8);
  CHECK(r == 13 && memcmp(buf + 8, "+tail", 5) == 0);

  // O_TRUNC empties, creat() creates
  fd = open(path, O_WRONLY | O_TRUNC);
  CHECK(fd >= 0 && close(fd) == 0);
  fd = creat("/sandbox/created.bin", 0600);
  CHECK(fd >= 0);
  unsigned char block[4096];
  for (size_t i = 0; i < sizeof block; i++) block[i] = (unsigned char)(i * 7);
  for (int i = 0; i < 16; i++) CHECK(write(fd, block, sizeof block) == (ssize_t)sizeof block);
  CHECK(close(fd) == 0);
  printf("after O_TRUNC: %lld bytes; creat + 16 writes of 4096: %lld bytes\n", size_of(path),
         size_of("/sandbox/created.bin"));
  CHECK(size_of(path) == 0 && size_of("/sandbox/created.bin") == 65536);
  fd = open("/sandbox/created.bin", O_RDONLY);
  int same = 1;
  for (int i = 0; i < 16; i++) {
    unsigned char in[4096];
    if (read(fd, in, sizeof in) != (ssize_t)sizeof in || memcmp(in, block, sizeof in)) same = 0;
  }
  CHECK(close(fd) == 0);
  printf("64 KiB read back intact: %s\n", same ? "yes" : "no");
  CHECK(same);

  CHECK(unlink(path) == 0 && unlink("/sandbox/created.bin") == 0);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
