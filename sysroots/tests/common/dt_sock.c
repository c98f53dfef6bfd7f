// preopen: /sandbox
// DT_SOCK exists and differs from every other DT_ constant (libc++ switches over all of
// them), and readdir's d_type of a file and a directory is DT_REG and DT_DIR.
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK_SHOWS_ERRNO
#include "check.h"

static const char *type_name(unsigned char t) {
  switch (t) {
    case DT_UNKNOWN: return "DT_UNKNOWN";
    case DT_FIFO: return "DT_FIFO";
    case DT_CHR: return "DT_CHR";
    case DT_DIR: return "DT_DIR";
    case DT_BLK: return "DT_BLK";
    case DT_REG: return "DT_REG";
    case DT_LNK: return "DT_LNK";
    case DT_SOCK: return "DT_SOCK";
    default: return "other";
  }
}

int main(void) {
  printf("DT_SOCK is %s\n", type_name(DT_SOCK));
  CHECK(mkdir("/sandbox/dir", 0755) == 0);
  int fd = open("/sandbox/file", O_WRONLY | O_CREAT, 0644);
  CHECK(fd >= 0);
  CHECK(close(fd) == 0);
  DIR *d = opendir("/sandbox");
  CHECK(d != NULL);
  struct dirent *e;
  int dir_type = -1, file_type = -1;
  while (d && (e = readdir(d)) != NULL) {
    if (!strcmp(e->d_name, "dir")) dir_type = e->d_type;
    if (!strcmp(e->d_name, "file")) file_type = e->d_type;
  }
  CHECK(dir_type >= 0 && file_type >= 0);
  printf("dir: %s\nfile: %s\n", type_name((unsigned char)dir_type), type_name((unsigned char)file_type));
  if (d) closedir(d);
  CHECK(rmdir("/sandbox/dir") == 0 && unlink("/sandbox/file") == 0);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
