// preopen: /sandbox
// Directories in a preopened directory: mkdir, opendir/readdir (names sorted, "." and
// ".." left out since hosts differ on them), rewinddir, rename of files and directories,
// unlink, rmdir, and stat of what is left.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void touch(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  if (fd < 0) return;
  CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
  CHECK(close(fd) == 0);
}

// Lists a directory sorted by name: "name/" for directories, "name(size)" for files.
// The type comes from stat; d_type must agree with it unless it is DT_UNKNOWN.
static int list(const char *dir) {
  DIR *d = opendir(dir);
  CHECK(d != NULL);
  if (!d) return -1;
  char *names[64];
  int n = 0, dots = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) { dots++; continue; }
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    struct stat st;
    CHECK(stat(path, &st) == 0);
    if (e->d_type != DT_UNKNOWN) CHECK((e->d_type == DT_DIR) == (S_ISDIR(st.st_mode) != 0));
    char item[300];
    if (S_ISDIR(st.st_mode)) snprintf(item, sizeof item, "%s/", e->d_name);
    else snprintf(item, sizeof item, "%s(%lld)", e->d_name, (long long)st.st_size);
    if (n < 64) names[n++] = strdup(item);
  }
  // rewinddir starts over and sees the same number of entries
  rewinddir(d);
  int again = 0;
  while ((e = readdir(d)) != NULL) again++;
  CHECK(again == n + dots);
  CHECK(closedir(d) == 0);
  qsort(names, (size_t)n, sizeof *names, cmp);
  printf("%s:", dir);
  for (int i = 0; i < n; i++) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf(n ? "\n" : " (empty)\n");
  return n;
}

static const char *errname(int e) {
  switch (e) {
    case 0: return "success";
    case ENOENT: return "ENOENT";
    case ENOTEMPTY: return "ENOTEMPTY";
    default: return "another error";
  }
}

// Prints how a call that should fail with `want` went, and checks it.
static void expect_fail(int line, const char *what, int r, int want) {
  int e = r == 0 ? 0 : errno;
  printf("%s: %s\n", what, errname(e));
  if (r != -1 || e != want) {
    printf("FAIL line %d: want %s\n", line, errname(want));
    failures++;
  }
}

int main(void) {
  CHECK(list("/sandbox") == 0);
  CHECK(mkdir("/sandbox/top", 0755) == 0);
  CHECK(mkdir("/sandbox/top/sub", 0755) == 0);
  CHECK(mkdir("/sandbox/top/sub/deeper", 0755) == 0);
  touch("/sandbox/top/charlie.txt", "c");
  touch("/sandbox/top/alpha.txt", "alpha");
  touch("/sandbox/top/bravo.txt", "bb");
  touch("/sandbox/top/sub/inner.txt", "inner file");
  CHECK(list("/sandbox") == 1);
  CHECK(list("/sandbox/top") == 4);
  CHECK(list("/sandbox/top/sub") == 2);

  // a directory with many entries
  char path[64];
  for (int i = 0; i < 150; i++) {
    snprintf(path, sizeof path, "/sandbox/top/sub/deeper/f%03d", i);
    touch(path, "");
  }
  DIR *d = opendir("/sandbox/top/sub/deeper");
  int count = 0, seen[150] = {0};
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    int k;
    if (sscanf(e->d_name, "f%d", &k) == 1 && k >= 0 && k < 150) seen[k]++, count++;
  }
  if (d) closedir(d);
  int each_once = 1;
  for (int i = 0; i < 150; i++)
    if (seen[i] != 1) each_once = 0;
  printf("150 files in one directory: readdir saw %d, each exactly once: %s\n", count,
         each_once ? "yes" : "no");
  CHECK(count == 150 && each_once);
  for (int i = 0; i < 150; i++) {
    snprintf(path, sizeof path, "/sandbox/top/sub/deeper/f%03d", i);
    CHECK(unlink(path) == 0);
  }

  // renames: a file within a directory, a file into another directory, over an existing
  // file (which it replaces), and a whole directory
  CHECK(rename("/sandbox/top/alpha.txt", "/sandbox/top/zulu.txt") == 0);
  CHECK(rename("/sandbox/top/bravo.txt", "/sandbox/top/sub/bravo.txt") == 0);
  CHECK(rename("/sandbox/top/charlie.txt", "/sandbox/top/sub/inner.txt") == 0);
  CHECK(rename("/sandbox/top/sub", "/sandbox/top/moved") == 0);
  printf("after renames:\n");
  list("/sandbox/top");
  list("/sandbox/top/moved");
  struct stat st;
  expect_fail(__LINE__, "stat old name alpha.txt", stat("/sandbox/top/alpha.txt", &st), ENOENT);
  expect_fail(__LINE__, "stat old name sub", stat("/sandbox/top/sub", &st), ENOENT);

  // removal: rmdir refuses a non-empty directory; unlink and rmdir empty the tree
  expect_fail(__LINE__, "rmdir non-empty", rmdir("/sandbox/top/moved"), ENOTEMPTY);
  CHECK(unlink("/sandbox/top/moved/bravo.txt") == 0);
  CHECK(unlink("/sandbox/top/moved/inner.txt") == 0);
  CHECK(rmdir("/sandbox/top/moved/deeper") == 0);
  CHECK(rmdir("/sandbox/top/moved") == 0);
  CHECK(unlink("/sandbox/top/zulu.txt") == 0);
  CHECK(list("/sandbox/top") == 0);
  CHECK(rmdir("/sandbox/top") == 0);
  expect_fail(__LINE__, "stat removed directory", stat("/sandbox/top", &st), ENOENT);
  CHECK(list("/sandbox") == 0);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
