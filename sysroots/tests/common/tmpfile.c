// preopen: /tmp
// tmpfile, tmpnam, tempnam and mkstemp in a preopened /tmp (Lua's os.tmpname and io.tmpfile use
// them): tmpfile's file has no name once created, and is gone when closed. common/tmpfile.c.
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errname.h"

static int entries(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  struct dirent *e;
  while (d && (e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      n++;
  if (d)
    closedir(d);
  return d ? n : -1;
}

int main(void) {
  printf("L_tmpnam >= 20: %d, TMP_MAX >= 10000: %d, P_tmpdir %s\n", L_tmpnam >= 20, TMP_MAX >= 10000, P_tmpdir);
  FILE *f = tmpfile();
  if (!f) {
    printf("tmpfile: %s\n", errname(errno));
    return 1;
  }
  printf("entries in /tmp with tmpfile open: %d\n", entries("/tmp"));
  fputs("scratch data\n", f);
  rewind(f);
  char line[32] = "";
  fgets(line, sizeof line, f);
  printf("read back: %s", line);
  fclose(f);

  char buf[L_tmpnam];
  char *a = tmpnam(buf), *b = tmpnam(NULL);
  struct stat st;
  printf("tmpnam: %s, in /tmp: %d, fits L_tmpnam: %d, exists: %d, two differ: %d\n",
         a == buf ? "into the buffer" : "elsewhere", strncmp(a, "/tmp/", 5) == 0, strlen(a) < L_tmpnam,
         stat(a, &st) == 0, b && strcmp(a, b) != 0);
  char *t = tempnam(NULL, "lua");
  printf("tempnam: %s\n", t && strncmp(t, "/tmp/lua", 8) == 0 && strlen(t) == 14 ? "/tmp/luaXXXXXX" : "wrong");
  free(t);

  char tmpl[] = "/tmp/keepXXXXXX";
  int fd = mkstemp(tmpl);
  printf("mkstemp: %s, name changed: %d, entries now: %d\n", fd >= 0 ? "ok" : errname(errno),
         strcmp(tmpl, "/tmp/keepXXXXXX") != 0, entries("/tmp"));
  char dtmpl[] = "/tmp/dirXXXXXX";
  printf("mkdtemp: %s\n", mkdtemp(dtmpl) && stat(dtmpl, &st) == 0 && S_ISDIR(st.st_mode) ? "a directory" : errname(errno));

  // $TMPDIR names where tmpfile goes.
  mkdir("/tmp/other", 0755);
  setenv("TMPDIR", "/tmp/other", 1);
  FILE *g = tmpfile();
  printf("tmpfile in $TMPDIR: %s\n", g ? "ok" : errname(errno));
  if (g)
    fclose(g);
  setenv("TMPDIR", "/tmp/missing", 1);
  errno = 0;
  g = tmpfile();
  printf("tmpfile in a missing $TMPDIR: %s %s\n", g ? "FILE" : "NULL", errname(errno));
  return 0;
}
