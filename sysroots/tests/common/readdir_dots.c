// preopen: /sandbox
// readdir lists "." and ".." as on Linux (node:wasi listed neither), and rewinddir, telldir and
// seekdir work while the directory changes: rewinddir sees entries added or removed since the
// directory was opened; seekdir to a telldir position goes on from the same entry.
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The names readdir gives from here to the end, sorted (Linux's order is the file system's). */
static void list(const char *what, DIR *d) {
  char *names[64];
  int n = 0;
  struct dirent *e;
  while (n < 64 && (e = readdir(d)))
    names[n++] = strdup(e->d_name);
  qsort(names, n, sizeof *names, cmp);
  printf("%s:", what);
  for (int i = 0; i < n; i++) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf("\n");
}

static void touch(const char *path) { close(open(path, O_CREAT | O_WRONLY, 0644)); }

int main(void) {
  mkdir("/sandbox/d", 0755);
  touch("/sandbox/d/a");
  touch("/sandbox/d/b");
  mkdir("/sandbox/d/sub", 0755);
  DIR *d = opendir("/sandbox/d");
  CHECK(d != NULL);
  list("opened", d);

  touch("/sandbox/d/c");
  unlink("/sandbox/d/a");
  rewinddir(d);
  list("after adding c, removing a, rewinddir", d);

  // "." and ".." are directories; "." is the directory itself.
  rewinddir(d);
  struct stat self;
  CHECK(stat("/sandbox/d", &self) == 0);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".")) {
      printf(". is DT_DIR: %d, its inode is the directory's: %d\n", e->d_type == DT_DIR, e->d_ino == self.st_ino);
    } else if (!strcmp(e->d_name, "..")) {
      printf(".. is DT_DIR: %d\n", e->d_type == DT_DIR);
    }
  }

  // telldir/seekdir: every position comes back to the same entry.
  rewinddir(d);
  long pos[16];
  char names[16][16];
  int n = 0;
  for (;;) {
    pos[n] = telldir(d);
    e = readdir(d);
    if (!e || n == 15)
      break;
    snprintf(names[n++], sizeof names[0], "%s", e->d_name);
  }
  int same = 1;
  for (int i = n - 1; i >= 0; i--) {
    seekdir(d, pos[i]);
    e = readdir(d);
    same &= e && !strcmp(e->d_name, names[i]);
  }
  printf("entries: %d, seekdir back to each telldir position gives its entry: %d\n", n, same);
  seekdir(d, pos[n]);
  printf("seekdir to the end: %s\n", readdir(d) ? "an entry" : "NULL");
  closedir(d);

  // scandir and a subdirectory opened from the preopen see the same.
  struct dirent **list2;
  int m = scandir("/sandbox/d/sub", &list2, NULL, alphasort);
  printf("scandir of an empty directory: %d:", m);
  for (int i = 0; i < m; i++) {
    printf(" %s", list2[i]->d_name);
    free(list2[i]);
  }
  printf("\n");
  free(list2);
  DIR *root = opendir("/sandbox");
  list("the preopen itself", root);
  closedir(root);
  return failures != 0;
}
