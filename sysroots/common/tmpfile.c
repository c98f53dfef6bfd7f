/*
 * tmpfile and tmpnam. WASI has no temporary directory of its own: tmpfile
 * creates its file in $TMPDIR, or in /tmp (P_tmpdir) when that is not set,
 * which must be a preopened directory (or under one); otherwise it fails
 * with the errno of creating the file there (ENOENT when no preopen holds
 * it). tmpnam names a file in /tmp that does not exist yet, and returns NULL
 * (errno set) when /tmp is not a reachable directory; tempnam is the same
 * in the directory it chooses.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Built against the base's own <stdio.h>, which hides these; the installed one has the same. */
#ifndef L_tmpnam
#define L_tmpnam 20
#define TMP_MAX 10000
#endif
#ifndef P_tmpdir
#define P_tmpdir "/tmp"
#endif

char *__randname(char *);

/* musl's __randname draws on the clock alone: names asked for within one
 * tick of a coarse clock (Node's wall clock) came out the same. Each call
 * here also mixes in a count of the calls. */
static void fresh_name(char *six) {
  static unsigned calls;
  unsigned c = ++calls;
  __randname(six);
  for (int i = 0; i < 6; i++, c >>= 4) {
    int off = six[i] - 'A'; /* 0..15 or 32..47 */
    six[i] = (char)('A' + ((off & ~15) | ((off ^ (int)c) & 15)));
  }
}
int mkstemp(char *);

FILE *tmpfile(void) {
  const char *dir = getenv("TMPDIR");
  if (!dir || !*dir)
    dir = P_tmpdir;
  char path[PATH_MAX];
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/')
    n--;
  if (n + sizeof "/tmpfile_XXXXXX" > sizeof path) {
    errno = ENAMETOOLONG;
    return NULL;
  }
  memcpy(path, dir, n);
  memcpy(path + n, "/tmpfile_XXXXXX", sizeof "/tmpfile_XXXXXX");
  int fd = mkstemp(path);
  if (fd < 0)
    return NULL;
  /* Nameless from now on, as on Linux; the host keeps it while it is open. */
  unlink(path);
  FILE *f = fdopen(fd, "w+");
  if (!f) {
    int e = errno;
    close(fd);
    errno = e;
  }
  return f;
}

char *tmpnam(char *buf) {
  static char internal[L_tmpnam];
  char name[] = P_tmpdir "/tmpnam_XXXXXX";
  _Static_assert(sizeof name <= L_tmpnam, "L_tmpnam holds the names tmpnam makes");
  struct stat st;
  if (stat(P_tmpdir, &st) != 0)
    return NULL;
  if (!S_ISDIR(st.st_mode)) {
    errno = ENOTDIR;
    return NULL;
  }
  for (int tries = 0; tries < TMP_MAX; tries++) {
    fresh_name(name + sizeof name - 7);
    if (lstat(name, &st) != 0 && errno == ENOENT) {
      char *out = buf ? buf : internal;
      memcpy(out, name, sizeof name);
      return out;
    }
  }
  errno = EEXIST;
  return NULL;
}

/* tempnam: a new name in $TMPDIR, else `dir`, else /tmp (the first that is a
 * directory), starting with up to 5 bytes of `prefix`; malloc'd. */
char *tempnam(const char *dir, const char *prefix) {
  const char *choices[] = {getenv("TMPDIR"), dir, P_tmpdir};
  const char *base = NULL;
  struct stat st;
  for (size_t i = 0; i < sizeof choices / sizeof *choices && !base; i++)
    if (choices[i] && *choices[i] && stat(choices[i], &st) == 0 && S_ISDIR(st.st_mode))
      base = choices[i];
  if (!base)
    return NULL;
  size_t plen = prefix ? strnlen(prefix, 5) : 0;
  size_t blen = strlen(base);
  char *name = malloc(blen + 1 + plen + 7);
  if (!name)
    return NULL;
  memcpy(name, base, blen);
  name[blen] = '/';
  memcpy(name + blen + 1, prefix ? prefix : "", plen);
  char *x = name + blen + 1 + plen;
  for (int tries = 0; tries < TMP_MAX; tries++) {
    memcpy(x, "XXXXXX", 7);
    fresh_name(x);
    if (lstat(name, &st) != 0 && errno == ENOENT)
      return name;
  }
  free(name);
  errno = EEXIST;
  return NULL;
}
