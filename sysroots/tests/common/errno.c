// preopen: /sandbox
// errno after failing calls: ENOENT, EBADF, EINVAL, EEXIST, ENOTDIR, ENOTEMPTY, ERANGE,
// each printed by name (from a small table) with its strerror text.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

static const struct { int value; const char *name; } names[] = {
  {0, "0"},
  {ENOENT, "ENOENT"},
  {EBADF, "EBADF"},
  {EINVAL, "EINVAL"},
  {EEXIST, "EEXIST"},
  {ENOTDIR, "ENOTDIR"},
  {EISDIR, "EISDIR"},
  {ENOTEMPTY, "ENOTEMPTY"},
  {ERANGE, "ERANGE"},
  {EACCES, "EACCES"},
  {ENOMEM, "ENOMEM"},
  {EIO, "EIO"},
};

static const char *errname(int e) {
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (names[i].value == e) return names[i].name;
  return "unlisted";
}

// Reports a call's result and errno; it must have returned `bad` and set errno to `want`.
static void expect(int line, const char *what, long result, long bad, int err, int want) {
  printf("%-34s -> %ld, errno %s (%s)\n", what, result, errname(err), strerror(err));
  if (result != bad || err != want) {
    printf("FAIL line %d: want %ld and %s\n", line, bad, errname(want));
    failures++;
  }
}

// Runs `call` with errno cleared and checks the outcome.
#define EXPECT(call, bad, want)                                      \
  do {                                                               \
    errno = 0;                                                       \
    long r_ = (long)(call);                                          \
    int e_ = errno;                                                  \
    expect(__LINE__, #call, r_, bad, e_, want);                      \
  } while (0)

int main(void) {
  char buf[8];

  // ENOENT
  EXPECT(open("/sandbox/missing.txt", O_RDONLY), -1, ENOENT);
  EXPECT(open("/sandbox/no/such/dir/file", O_WRONLY | O_CREAT, 0644), -1, ENOENT);
  {
    struct stat st;
    EXPECT(stat("/sandbox/missing.txt", &st), -1, ENOENT);
  }
  EXPECT(unlink("/sandbox/missing.txt"), -1, ENOENT);
  EXPECT(rmdir("/sandbox/missing-dir"), -1, ENOENT);
  EXPECT(rename("/sandbox/missing.txt", "/sandbox/other.txt"), -1, ENOENT);
  EXPECT(opendir("/sandbox/missing-dir") != NULL, 0, ENOENT);

  // EBADF: descriptors that were never opened, or already closed
  EXPECT(read(1234, buf, 1), -1, EBADF);
  EXPECT(write(1234, "x", 1), -1, EBADF);
  EXPECT(close(1234), -1, EBADF);
  EXPECT(lseek(-1, 0, SEEK_SET), -1, EBADF);
  int fd = open("/sandbox/exists.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || write(fd, "data", 4) != 4 || close(fd) != 0) {
    printf("FAIL: could not create /sandbox/exists.txt\n");
    return 1;
  }
  EXPECT(close(fd), -1, EBADF);  // the second close of the same descriptor
  EXPECT(read(fd, buf, 1), -1, EBADF);

  // EINVAL
  fd = open("/sandbox/exists.txt", O_RDONLY);
  EXPECT(lseek(fd, 0, 99), -1, EINVAL);  // no such origin
  EXPECT(lseek(fd, -10, SEEK_SET), -1, EINVAL);  // before the start of the file
  close(fd);
  EXPECT(strtol("10", NULL, 1), 0, EINVAL);  // invalid base
  EXPECT(setenv("A=B", "c", 1), -1, EINVAL);
  EXPECT(fopen("/sandbox/exists.txt", "q") != NULL, 0, EINVAL);  // invalid mode

  // EEXIST
  EXPECT(open("/sandbox/exists.txt", O_WRONLY | O_CREAT | O_EXCL, 0644), -1, EEXIST);
  EXPECT(mkdir("/sandbox/exists.txt", 0755), -1, EEXIST);
  if (mkdir("/sandbox/dir", 0755) != 0) printf("FAIL: mkdir /sandbox/dir\n"), failures++;
  EXPECT(mkdir("/sandbox/dir", 0755), -1, EEXIST);

  // ENOTDIR: a regular file used as a directory
  EXPECT(opendir("/sandbox/exists.txt") != NULL, 0, ENOTDIR);
  EXPECT(open("/sandbox/exists.txt/inner", O_RDONLY), -1, ENOTDIR);
  EXPECT(rmdir("/sandbox/exists.txt"), -1, ENOTDIR);

  // ENOTEMPTY
  fd = open("/sandbox/dir/file", O_WRONLY | O_CREAT, 0644);
  close(fd);
  EXPECT(rmdir("/sandbox/dir"), -1, ENOTEMPTY);

  // ERANGE
  EXPECT(strtol("99999999999", NULL, 10), 2147483647L, ERANGE);
  EXPECT(strtod("1e999", NULL) > 0, 1, ERANGE);

  // every error in the table has its own message, different from the one for 0
  // (unknown error numbers are covered by strerror_unknown.c)
  int distinct = 1;
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    for (size_t j = 0; j < i; j++)
      if (strcmp(strerror(names[i].value), strerror(names[j].value)) == 0) distinct = 0;
  printf("strerror(0): %s; messages of the %zu table entries all distinct: %s\n", strerror(0),
         sizeof names / sizeof *names, distinct ? "yes" : "no");
  if (!distinct) failures++;

  unlink("/sandbox/dir/file");
  rmdir("/sandbox/dir");
  unlink("/sandbox/exists.txt");
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
