// copy_file_range between two regular files, by pread and pwrite in chunks (WASI has no
// in-kernel copy). As on Linux: flags must be 0 (EINVAL); both descriptors must be regular
// files (EISDIR for a directory, EINVAL otherwise); the output must not be in append mode
// (EBADF); overlapping ranges of one file are EINVAL. A NULL offset pointer means the file's
// own position, which then advances; otherwise *offset advances and the position stays.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

// On the stack: a program's heap may be small, or shared with an adapter's (p2).
enum { CHUNK = 8 * 1024 };

static int regular(int fd, struct stat *st) {
  if (fstat(fd, st) != 0) return -1;
  if (S_ISDIR(st->st_mode)) {
    errno = EISDIR;
    return -1;
  }
  if (!S_ISREG(st->st_mode)) {
    errno = EINVAL;
    return -1;
  }
  return 0;
}

ssize_t copy_file_range(int fd_in, off_t *off_in, int fd_out, off_t *off_out, size_t len,
                        unsigned flags) {
  if (flags != 0) {
    errno = EINVAL;
    return -1;
  }
  struct stat in_st, out_st;
  if (regular(fd_in, &in_st) != 0 || regular(fd_out, &out_st) != 0) return -1;
  int out_flags = fcntl(fd_out, F_GETFL);
  if (out_flags < 0) return -1;
  if (out_flags & O_APPEND) {
    errno = EBADF;
    return -1;
  }
  off_t in_pos = off_in ? *off_in : lseek(fd_in, 0, SEEK_CUR);
  off_t out_pos = off_out ? *off_out : lseek(fd_out, 0, SEEK_CUR);
  if (in_pos < 0 || out_pos < 0) {
    if (in_pos >= 0 || out_pos >= 0) errno = EINVAL;
    return -1;
  }
  if (len > SSIZE_MAX) len = SSIZE_MAX;
  if (in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino &&
      in_pos < out_pos + (off_t)len && out_pos < in_pos + (off_t)len) {
    errno = EINVAL;
    return -1;
  }
  if (len == 0) return 0;
  char buf[CHUNK];
  size_t size = CHUNK;
  size_t done = 0;
  int error = 0;
  while (done < len) {
    size_t want = len - done < size ? len - done : size;
    ssize_t got = pread(fd_in, buf, want, in_pos + (off_t)done);
    if (got <= 0) {
      // A host refuses a write-only input as "not capable": Linux says EBADF.
      if (got < 0) error = errno == ENOTCAPABLE ? EBADF : errno;
      break;
    }
    ssize_t put = 0;
    while (put < got) {
      ssize_t w = pwrite(fd_out, buf + put, (size_t)(got - put), out_pos + (off_t)done + put);
      if (w <= 0) {
        error = w < 0 ? (errno == ENOTCAPABLE ? EBADF : errno) : EIO;
        break;
      }
      put += w;
    }
    done += (size_t)put;
    if (error || put < got) break;
  }
  // Linux reports an error only when nothing was copied.
  if (done == 0 && error) {
    errno = error;
    return -1;
  }
  if (off_in) *off_in = in_pos + (off_t)done;
  else lseek(fd_in, in_pos + (off_t)done, SEEK_SET);
  if (off_out) *off_out = out_pos + (off_t)done;
  else lseek(fd_out, out_pos + (off_t)done, SEEK_SET);
  return (ssize_t)done;
}
