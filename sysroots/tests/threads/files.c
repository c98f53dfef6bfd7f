// preopen: /sandbox
// Threads share open files and the current directory, as POSIX threads do: a file opened by
// one thread is written by others (each line under the FILE's lock), a descriptor closed by
// one is closed for all, and chdir in one thread moves all of them.
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static FILE *log_file;
static int fd;

static void *write_lines(void *arg) {
  for (int i = 0; i < 50; i++)
    fprintf(log_file, "writer %ld line %d\n", (long)arg, i);
  return NULL;
}

static void *open_one(void *arg) {
  (void)arg;
  return (void *)(long)open("/sandbox/from-thread.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
}

static void *close_fd(void *arg) {
  (void)arg;
  return (void *)(long)close(fd);
}

static void *change_dir(void *arg) {
  return (void *)(long)chdir(arg);
}

static void *read_relative(void *arg) {
  char buf[32] = {0};
  FILE *f = fopen(arg, "r");
  if (!f)
    return (void *)-1L;
  fgets(buf, sizeof buf, f);
  fclose(f);
  return (void *)(long)(strcmp(buf, "in sub\n") == 0);
}

static void *run(void *(*f)(void *), void *arg) {
  pthread_t t;
  void *result;
  pthread_create(&t, NULL, f, arg);
  pthread_join(t, &result);
  return result;
}

int main(void) {
  log_file = fopen("/sandbox/log.txt", "w");
  pthread_t writers[3];
  for (long i = 0; i < 3; i++)
    pthread_create(&writers[i], NULL, write_lines, (void *)i);
  for (int i = 0; i < 3; i++)
    pthread_join(writers[i], NULL);
  fclose(log_file);
  log_file = fopen("/sandbox/log.txt", "r");
  char line[64];
  int lines = 0, bad = 0;
  while (fgets(line, sizeof line, log_file)) {
    long id;
    int n;
    lines++;
    bad += sscanf(line, "writer %ld line %d\n", &id, &n) != 2;
  }
  fclose(log_file);
  printf("log: %d lines, %d bad\n", lines, bad);

  int theirs = (int)(long)run(open_one, NULL);
  printf("opened by a thread: %s\n", theirs >= 0 ? "yes" : "no");
  printf("write to it here: %zd\n", write(theirs, "hello\n", 6));
  fd = theirs;
  printf("closed by a thread: %ld\n", (long)run(close_fd, NULL));
  printf("write here after: %zd, %s\n", write(theirs, "x", 1), errno == EBADF ? "EBADF" : "?");

  mkdir("/sandbox/sub", 0755);
  FILE *f = fopen("/sandbox/sub/note.txt", "w");
  fputs("in sub\n", f);
  fclose(f);
  printf("chdir in a thread: %ld\n", (long)run(change_dir, "/sandbox/sub"));
  char cwd[64];
  printf("getcwd here: %s\n", getcwd(cwd, sizeof cwd));
  printf("relative open here: %s\n", read_relative("note.txt") == (void *)1L ? "found" : "missing");
  printf("relative open in a thread: %s\n", run(read_relative, "./note.txt") == (void *)1L ? "found" : "missing");
  return 0;
}
