// chmod, fchmod and fchmodat. WASI has no permission bits to change: each call checks its
// target as Linux does (it must exist; flags other than AT_SYMLINK_NOFOLLOW are EINVAL; a
// symbolic link with AT_SYMLINK_NOFOLLOW is EOPNOTSUPP) and then succeeds, changing nothing.
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

int fchmodat(int dirfd, const char *path, mode_t mode, int flags) {
  (void)mode;
  if (flags & ~AT_SYMLINK_NOFOLLOW) {
    errno = EINVAL;
    return -1;
  }
  struct stat st;
  if (fstatat(dirfd, path, &st, flags) != 0) return -1;
  if ((flags & AT_SYMLINK_NOFOLLOW) && S_ISLNK(st.st_mode)) {
    errno = EOPNOTSUPP;
    return -1;
  }
  return 0;
}

int chmod(const char *path, mode_t mode) {
  return fchmodat(AT_FDCWD, path, mode, 0);
}

int fchmod(int fd, mode_t mode) {
  (void)mode;
  struct stat st;
  return fstat(fd, &st);
}
