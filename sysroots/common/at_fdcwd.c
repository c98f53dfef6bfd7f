// The base's AT_FDCWD handling for the *at functions (sources/at_fdcwd.c), with linkat replaced:
// when both names are absolute or relative to the current directory, the base resolved both
// into one static buffer, so the host received the second name twice. Here the new name is
// resolved into a buffer of its own first.
#define linkat static __wasilibc_base_linkat
#include "libc-bottom-half/sources/at_fdcwd.c"
#undef linkat

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <wasi/libc-find-relpath.h>

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags) {
  if (!((olddirfd == AT_FDCWD || oldpath[0] == '/') && (newdirfd == AT_FDCWD || newpath[0] == '/')))
    return __wasilibc_base_linkat(olddirfd, oldpath, newdirfd, newpath, flags);
  const char *prefix;
  char *relative = NULL;
  size_t size = 0;
  char fixed[PATH_MAX];
  int dirfd;
  if (__wasilibc_find_relpath_alloc) {
    dirfd = __wasilibc_find_relpath_alloc(newpath, &prefix, &relative, &size, 1);
  } else {
    relative = fixed;
    dirfd = __wasilibc_find_relpath(newpath, &prefix, &relative, sizeof fixed);
  }
  int result;
  if (dirfd == -1) {
    errno = ENOENT; /* under no preopen, as common/posix_paths.c says */
    result = -1;
  } else {
    // The old name goes through the base's resolution, into its buffer.
    result = __wasilibc_link_newat(oldpath, dirfd, relative, flags);
  }
  if (relative != fixed) free(relative);
  return result;
}
