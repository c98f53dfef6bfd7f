// Files and stdio keep working in a program that uses sockets: descriptor
// numbers interleave, read/write/close/fcntl/poll reach the right place.
// preopen: /sandbox
// stdin: line one\nline two\n
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>

#include "p2-test.h"

int main(void) {
  int port;
  int lfd = bound_socket(AF_INET, SOCK_STREAM, &port);
  int f1 = open("/sandbox/one.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(f1 >= 0);
  int c = connected_socket(AF_INET, port);
  int s = accept(lfd, NULL, NULL);
  CHECK(s >= 0);
  int f2 = open("/sandbox/two.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  CHECK(f2 >= 0);
  printf("distinct descriptors: %d\n", lfd != f1 && f1 != c && c != s && s != f2 && f2 != lfd);

  /* Socket data into a file and back out. */
  SHOW("send", send(c, "through the socket", 18, 0));
  char buf[64] = {0};
  recv_all(s, buf, 18);
  SHOW("write file", write(f1, buf, 18));
  struct stat st;
  CHECK(fstat(f1, &st) == 0);
  printf("file size: %lld, regular: %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  CHECK(fstat(s, &st) == 0);
  printf("socket is S_IFSOCK: %d\n", S_ISSOCK(st.st_mode));
  CHECK(lseek(f1, 0, SEEK_SET) == 0);
  memset(buf, 0, sizeof buf);
  SHOW("read file", read(f1, buf, sizeof buf));
  SHOW("write socket", write(s, buf, 18));
  memset(buf, 0, sizeof buf);
  recv_all(c, buf, 18);
  printf("round trip: %s\n", buf);

  /* stdio through FILE, with a socket open. */
  FILE *fp = fdopen(f2, "w");
  CHECK(fp != NULL);
  fprintf(fp, "formatted %d\n", 42);
  CHECK(fclose(fp) == 0);
  fp = fopen("/sandbox/two.txt", "r");
  CHECK(fp != NULL);
  CHECK(fgets(buf, sizeof buf, fp) != NULL);
  printf("two.txt: %s", buf);
  fclose(fp);

  /* A socket as a FILE. */
  FILE *sf = fdopen(c, "r+");
  CHECK(sf != NULL);
  fprintf(sf, "line over a socket\n");
  fflush(sf);
  memset(buf, 0, sizeof buf);
  recv_all(s, buf, 19);
  printf("socket FILE wrote: %s", buf);
  send(s, "reply line\n", 11, 0);
  CHECK(fgets(buf, sizeof buf, sf) != NULL);
  printf("socket FILE read: %s", buf);

  /* A file is always ready. */
  struct pollfd pf = {.fd = f1, .events = POLLIN | POLLOUT};
  SHOW("poll file", poll(&pf, 1, 0));
  printf("file revents: %d\n", pf.revents == (POLLIN | POLLOUT));
  /* stdin and a socket with data waiting, in one poll (until both showed up). */
  SHOW("send to server side", send(c, "ping", 4, 0));
  int seen_stdin = 0, seen_socket = 0;
  for (int round = 0; round < 100 && !(seen_stdin && seen_socket); round++) {
    struct pollfd p[2] = {{.fd = 0, .events = POLLIN}, {.fd = s, .events = POLLIN}};
    CHECK(poll(p, 2, 5000) > 0);
    seen_stdin |= (p[0].revents & POLLIN) != 0;
    seen_socket |= (p[1].revents & POLLIN) != 0;
  }
  printf("poll: stdin %d socket %d\n", seen_stdin, seen_socket);
  memset(buf, 0, sizeof buf);
  recv_all(s, buf, 4);
  printf("socket: %s\n", buf);
  CHECK(fgets(buf, sizeof buf, stdin) != NULL);
  printf("stdin: %s", buf);
  CHECK(fgets(buf, sizeof buf, stdin) != NULL);
  printf("stdin: %s", buf);

  /* fcntl on each kind. */
  printf("file O_NONBLOCK: %d\n", (fcntl(f1, F_GETFL) & O_NONBLOCK) != 0);
  printf("socket access mode O_RDWR: %d\n", (fcntl(s, F_GETFL) & O_ACCMODE) == O_RDWR);

  /* Closing files does not disturb sockets and the other way round. */
  CHECK(close(f1) == 0);
  SHOW("send after closing a file", send(s, "x", 1, 0));
  CHECK(close(s) == 0);
  f1 = open("/sandbox/one.txt", O_RDONLY);
  CHECK(f1 >= 0);
  memset(buf, 0, sizeof buf);
  SHOW("file after closing a socket", read(f1, buf, 7));
  printf("%s\n", buf);
  fclose(sf);
  close(f1);
  close(lfd);
  fprintf(stderr, "stderr works too\n");
  return 0;
}
