// env: CT_GREETING=hello world
// env: CT_EMPTY=
// env: CT_EQUALS=a=b=c
// env: CT_NUMBER=42
// getenv and environ as passed by the host, then setenv/unsetenv/putenv and their effect
// on both. Only variables named CT_* are listed, sorted, so a host that adds variables of
// its own does not change the output.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

#include "check.h"

static int cmp(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

// Prints the CT_* entries of environ in sorted order and returns how many there are.
static int list(const char *when) {
  const char *found[64];
  int n = 0;
  for (char **e = environ; *e; e++)
    if (strncmp(*e, "CT_", 3) == 0 && n < 64) found[n++] = *e;
  qsort(found, (size_t)n, sizeof *found, cmp);
  printf("environ %s:", when);
  for (int i = 0; i < n; i++) printf(" [%s]", found[i]);
  printf("\n");
  return n;
}

static void show(const char *name) {
  const char *v = getenv(name);
  if (v) printf("getenv(\"%s\") = \"%s\"\n", name, v);
  else printf("getenv(\"%s\") = NULL\n", name);
}

static int is(const char *name, const char *want) {
  const char *v = getenv(name);
  return want ? v && strcmp(v, want) == 0 : v == NULL;
}

int main(void) {
  show("CT_GREETING");
  show("CT_EMPTY");
  show("CT_EQUALS");
  show("CT_MISSING");
  CHECK(is("CT_GREETING", "hello world") && is("CT_EMPTY", "") && is("CT_EQUALS", "a=b=c") &&
        is("CT_MISSING", NULL) && is("CT_NUMBER", "42"));
  CHECK(is("CT_GREET", NULL));  // a prefix of a name is not a match
  CHECK(list("at start") == 4);

  CHECK(setenv("CT_NEW", "fresh", 0) == 0);
  CHECK(setenv("CT_NUMBER", "43", 0) == 0);  // overwrite == 0 keeps the old value
  CHECK(setenv("CT_GREETING", "goodbye", 1) == 0);
  show("CT_NEW");
  show("CT_NUMBER");
  show("CT_GREETING");
  CHECK(is("CT_NEW", "fresh") && is("CT_NUMBER", "42") && is("CT_GREETING", "goodbye"));

  CHECK(unsetenv("CT_EMPTY") == 0);
  CHECK(unsetenv("CT_NEVER_SET") == 0);  // removing a missing variable succeeds
  show("CT_EMPTY");
  CHECK(is("CT_EMPTY", NULL));

  static char entry[] = "CT_PUT=via putenv";
  CHECK(putenv(entry) == 0);
  show("CT_PUT");
  CHECK(is("CT_PUT", "via putenv"));

  // invalid names
  errno = 0;
  int r1 = setenv("CT_BAD=NAME", "x", 1);
  int e1 = errno;
  errno = 0;
  int r2 = setenv("", "x", 1);
  int e2 = errno;
  errno = 0;
  int r3 = unsetenv("CT=X");
  int e3 = errno;
  printf("setenv(\"CT_BAD=NAME\"): %d %s; setenv(\"\"): %d %s; unsetenv(\"CT=X\"): %d %s\n", r1,
         e1 == EINVAL ? "EINVAL" : "?", r2, e2 == EINVAL ? "EINVAL" : "?", r3,
         e3 == EINVAL ? "EINVAL" : "?");
  CHECK(r1 == -1 && e1 == EINVAL && r2 == -1 && e2 == EINVAL && r3 == -1 && e3 == EINVAL);

  // many variables force environ to grow
  char name[32], value[32];
  for (int i = 0; i < 40; i++) {
    snprintf(name, sizeof name, "CT_BULK_%02d", i);
    snprintf(value, sizeof value, "value-%d", i * i);
    CHECK(setenv(name, value, 1) == 0);
  }
  int bulk_ok = 1;
  for (int i = 0; i < 40; i++) {
    snprintf(name, sizeof name, "CT_BULK_%02d", i);
    snprintf(value, sizeof value, "value-%d", i * i);
    if (!is(name, value)) bulk_ok = 0;
    if (i % 2 == 0) unsetenv(name);
  }
  printf("40 more variables set and read back: %s\n", bulk_ok ? "yes" : "no");
  CHECK(bulk_ok);
  for (int i = 1; i < 40; i += 2) {
    snprintf(name, sizeof name, "CT_BULK_%02d", i);
    unsetenv(name);
  }
  CHECK(list("at end") == 5);

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
