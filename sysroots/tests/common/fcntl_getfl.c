// preopen: /sandbox
// fcntl(F_GETFL) gives the access mode and status flags a file was opened with (node:wasi put its
// host's own flags in fdstat: 0x8002 for O_RDWR on Linux, so F_SETFL sent back O_DSYNC). Fixed in
// our node:wasi host layer (packages/cc/src/hosts/p1-fixes.ts).
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static const char *mode(int fl) {
  switch (fl & O_ACCMODE) {
    case O_RDONLY: return "O_RDONLY";
    case O_WRONLY: return "O_WRONLY";
    case O_RDWR: return "O_RDWR";
    default: return "?";
  }
}

static void show(const char *what, int fd) {
  int fl = fcntl(fd, F_GETFL);
  int rest = fl & ~(O_ACCMODE | O_APPEND | O_NONBLOCK);
  printf("%-26s %s%s%s%s\n", what, mode(fl), fl & O_APPEND ? "|O_APPEND" : "", fl & O_NONBLOCK ? "|O_NONBLOCK" : "",
         rest ? " and other bits" : "");
}

int main(void) {
  int rw = open("/sandbox/f", O_RDWR | O_CREAT | O_TRUNC, 0644);
  int ro = open("/sandbox/f", O_RDONLY);
  int wo = open("/sandbox/f", O_WRONLY);
  int ap = open("/sandbox/f", O_WRONLY | O_APPEND);
  int rwa = open("/sandbox/f", O_RDWR | O_APPEND);
  show("O_RDWR", rw);
  show("O_RDONLY", ro);
  show("O_WRONLY", wo);
  show("O_WRONLY|O_APPEND", ap);
  show("O_RDWR|O_APPEND", rwa);
  printf("F_GETFL of O_RDWR == O_RDWR: %d\n", fcntl(rw, F_GETFL) == O_RDWR);
  // The usual way to make a descriptor non-blocking: what F_GETFL gave, plus O_NONBLOCK.
  int r = fcntl(rw, F_SETFL, fcntl(rw, F_GETFL) | O_NONBLOCK);
  printf("F_SETFL O_NONBLOCK: %d\n", r);
  show("O_RDWR then O_NONBLOCK", rw);
  fcntl(rw, F_SETFL, fcntl(rw, F_GETFL) & ~O_NONBLOCK);
  show("O_NONBLOCK cleared", rw);
  // Writing still works.
  printf("write: %zd\n", write(rw, "x", 1));
  return 0;
}
