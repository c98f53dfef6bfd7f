// chown and friends, and the user and group ids. WASI has no owners: the program runs as user 0
// and group 0 (every stat reports st_uid and st_gid 0 too), so, as for root on Linux, changing an
// owner succeeds once the target is checked (it must exist; unknown flags are EINVAL), and
// changes nothing.
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags) {
  (void)owner;
  (void)group;
  if (flags & ~AT_SYMLINK_NOFOLLOW) {
    errno = EINVAL;
    return -1;
  }
  struct stat st;
  return fstatat(dirfd, path, &st, flags);
}

int chown(const char *path, uid_t owner, gid_t group) {
  return fchownat(AT_FDCWD, path, owner, group, 0);
}

int lchown(const char *path, uid_t owner, gid_t group) {
  return fchownat(AT_FDCWD, path, owner, group, AT_SYMLINK_NOFOLLOW);
}

int fchown(int fd, uid_t owner, gid_t group) {
  (void)owner;
  (void)group;
  struct stat st;
  return fstat(fd, &st);
}

uid_t getuid(void) { return 0; }
uid_t geteuid(void) { return 0; }
gid_t getgid(void) { return 0; }
gid_t getegid(void) { return 0; }

int getgroups(int size, gid_t list[]) {
  (void)list;
  if (size < 0) {
    errno = EINVAL;
    return -1;
  }
  return 0;
}
