// futimens and utimensat (through __wasilibc_nocwd_utimensat, which utimensat, utimes, utime
// and futimesat all reach) for every triple.
//
// The base's versions leave the WASI timestamp of a slot uninitialised when that slot is
// UTIME_NOW or UTIME_OMIT, or when `times` is NULL, and pass it to the import anyway. clang
// marks arguments noundef, so a newer clang treats those paths as impossible and deletes them:
// a NULL `times` was read from address 0 (setting both times to the epoch) and UTIME_NOW fell
// through to the range check (EINVAL). Here every argument is always defined.
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <wasi/api.h>
#include <wasi/libc-nocwd.h>

#define NSEC_PER_SEC 1000000000

// One slot of `times`: its WASI flags (`set` or `now`, or none for UTIME_OMIT) and timestamp.
static bool convert_slot(const struct timespec *ts, __wasi_fstflags_t set, __wasi_fstflags_t now,
                         __wasi_fstflags_t *flags, __wasi_timestamp_t *stamp) {
  *stamp = 0;
  if (ts == NULL || ts->tv_nsec == UTIME_NOW) {
    *flags |= now;
    return true;
  }
  if (ts->tv_nsec == UTIME_OMIT) return true;
  // WASI timestamps are unsigned nanoseconds since the epoch: nothing before 1970 or past 2554.
  if (ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC || ts->tv_sec < 0 ||
      (uint64_t)ts->tv_sec > (UINT64_MAX - (uint64_t)ts->tv_nsec) / NSEC_PER_SEC)
    return false;
  *stamp = (uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
  *flags |= set;
  return true;
}

static bool convert_times(const struct timespec times[2], __wasi_fstflags_t *flags,
                          __wasi_timestamp_t *atim, __wasi_timestamp_t *mtim) {
  *flags = 0;
  return convert_slot(times ? &times[0] : NULL, __WASI_FSTFLAGS_ATIM, __WASI_FSTFLAGS_ATIM_NOW,
                      flags, atim) &&
         convert_slot(times ? &times[1] : NULL, __WASI_FSTFLAGS_MTIM, __WASI_FSTFLAGS_MTIM_NOW,
                      flags, mtim);
}

int futimens(int fd, const struct timespec times[2]) {
  __wasi_fstflags_t flags;
  __wasi_timestamp_t atim, mtim;
  if (!convert_times(times, &flags, &atim, &mtim)) {
    errno = EINVAL;
    return -1;
  }
  // Both omitted: nothing to change, but the descriptor must still be valid (as on Linux).
  __wasi_errno_t error = flags ? __wasi_fd_filestat_set_times(fd, atim, mtim, flags)
                               : __wasi_fd_fdstat_get(fd, &(__wasi_fdstat_t){0});
  if (error != 0) {
    errno = error;
    return -1;
  }
  return 0;
}

int __wasilibc_nocwd_utimensat(int dirfd, const char *path, const struct timespec times[2],
                               int flag) {
  __wasi_fstflags_t flags;
  __wasi_timestamp_t atim, mtim;
  if (!convert_times(times, &flags, &atim, &mtim)) {
    errno = EINVAL;
    return -1;
  }
  __wasi_lookupflags_t lookup = (flag & AT_SYMLINK_NOFOLLOW) ? 0 : __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  __wasi_errno_t error;
  if (flags) {
    error = __wasi_path_filestat_set_times(dirfd, lookup, path, atim, mtim, flags);
  } else {
    // Both omitted: only check that the file exists, as Linux does.
    __wasi_filestat_t st;
    error = __wasi_path_filestat_get(dirfd, lookup, path, &st);
  }
  if (error != 0) {
    errno = error;
    return -1;
  }
  return 0;
}
