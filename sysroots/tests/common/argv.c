// args: first --flag=value -x 42 ünïcödé last
// argc/argv as passed by the host: argv[0] is the program name, then each argument in
// order, and argv[argc] is a null pointer.
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  static const char *const want[] = {"argv", "first", "--flag=value", "-x", "42", "ünïcödé", "last"};
  const int nwant = (int)(sizeof want / sizeof *want);
  int failures = 0;
  printf("argc = %d\n", argc);
  if (argc != nwant) {
    printf("FAIL: want argc %d\n", nwant);
    failures++;
  }
  for (int i = 0; i < argc; i++) {
    printf("argv[%d] = \"%s\" (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    if (i < nwant && strcmp(argv[i], want[i]) != 0) {
      printf("FAIL: want \"%s\"\n", want[i]);
      failures++;
    }
  }
  printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
  if (argv[argc] != NULL) failures++;
  // the strings are writable
  if (argc > 1) {
    argv[1][0] = 'F';
    printf("modified argv[1] = \"%s\"\n", argv[1]);
    if (strcmp(argv[1], "First") != 0) failures++;
  }
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
