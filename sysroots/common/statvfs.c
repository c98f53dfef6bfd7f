// statvfs and fstatvfs. WASI tells nothing about file systems: the call succeeds for anything
// that stat succeeds for, with the block and file counts 0 (as Linux reports for procfs),
// 4096-byte blocks, NAME_MAX as the name limit and the file's st_dev as f_fsid.
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

static int describe(const struct stat *st, struct statvfs *out) {
  memset(out, 0, sizeof *out);
  out->f_bsize = 4096;
  out->f_frsize = 4096;
  out->f_fsid = (unsigned long)st->st_dev;
  out->f_namemax = NAME_MAX;
  return 0;
}

int statvfs(const char *restrict path, struct statvfs *restrict out) {
  struct stat st;
  if (stat(path, &st) != 0) return -1;
  return describe(&st, out);
}

int fstatvfs(int fd, struct statvfs *out) {
  struct stat st;
  if (fstat(fd, &st) != 0) return -1;
  return describe(&st, out);
}
