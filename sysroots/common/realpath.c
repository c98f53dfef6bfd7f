// realpath: resolves ".", ".." and symbolic links one component at a time, from the current
// directory (the base's emulated one) for relative paths. Each prefix is checked with lstat,
// so a missing component is ENOENT and a non-directory followed by "/" is ENOTDIR, as on Linux.
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *realpath(const char *restrict path, char *restrict resolved) {
  if (path == NULL) {
    errno = EINVAL;
    return NULL;
  }
  if (path[0] == '\0') {
    errno = ENOENT;
    return NULL;
  }
  char out[PATH_MAX], todo[PATH_MAX], link[PATH_MAX];
  size_t len;
  if (path[0] == '/') {
    strcpy(out, "/");
  } else if (getcwd(out, sizeof out) == NULL) {
    return NULL;
  }
  len = strlen(out);
  if (strlen(path) >= sizeof todo) {
    errno = ENAMETOOLONG;
    return NULL;
  }
  strcpy(todo, path);
  size_t at = 0;
  int links = 0;
  for (;;) {
    while (todo[at] == '/') at++;
    if (todo[at] == '\0') break;
    size_t n = strcspn(todo + at, "/");
    const char *name = todo + at;
    at += n;
    if (n == 1 && name[0] == '.') continue;
    if (n == 2 && name[0] == '.' && name[1] == '.') {
      while (len > 1 && out[len - 1] != '/') len--;
      if (len > 1) len--;
      out[len] = '\0';
      continue;
    }
    size_t before = len;
    if (len + (len > 1) + n >= sizeof out) {
      errno = ENAMETOOLONG;
      return NULL;
    }
    if (len > 1) out[len++] = '/';
    memcpy(out + len, name, n);
    len += n;
    out[len] = '\0';
    struct stat st;
    if (lstat(out, &st) != 0) return NULL;
    if (S_ISLNK(st.st_mode)) {
      if (++links > SYMLOOP_MAX) {
        errno = ELOOP;
        return NULL;
      }
      ssize_t k = readlink(out, link, sizeof link - 1);
      if (k < 0) return NULL;
      link[k] = '\0';
      // What is left of the path follows the link's target.
      size_t rest = strlen(todo + at);
      if ((size_t)k + rest >= sizeof todo) {
        errno = ENAMETOOLONG;
        return NULL;
      }
      memmove(todo + k, todo + at, rest + 1);
      memcpy(todo, link, (size_t)k);
      at = 0;
      if (link[0] == '/') {
        len = 1;
      } else {
        len = before;
      }
      out[len] = '\0';
      continue;
    }
    if (!S_ISDIR(st.st_mode) && todo[at] == '/') {
      errno = ENOTDIR;
      return NULL;
    }
  }
  if (resolved == NULL) {
    char *copy = strdup(out);
    if (copy == NULL) errno = ENOMEM;
    return copy;
  }
  return strcpy(resolved, out);
}
