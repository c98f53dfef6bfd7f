// stdin: 3\n10 -20 30\n
// stdin: alice 2.75\n
// stdin: the rest of the line\n
// stdin: last line without newline
// scanf, getchar and fgets reading the program's stdin until end of file.
#include <stdio.h>
#include <string.h>

#include "check.h"

int main(void) {
  int count = 0;
  CHECK(scanf("%d", &count) == 1);
  printf("count = %d\n", count);
  CHECK(count == 3);
  int sum = 0;
  for (int i = 0; i < count && i < 10; i++) {
    int v = 0;
    CHECK(scanf("%d", &v) == 1);
    printf("value[%d] = %d\n", i, v);
    sum += v;
  }
  printf("sum = %d\n", sum);
  CHECK(sum == 20);

  char name[16] = "";
  double score = 0;
  int n = scanf("%15s %lf", name, &score);
  printf("name = %s, score = %.2f (n=%d)\n", name, score, n);
  CHECK(n == 2 && strcmp(name, "alice") == 0 && score == 2.75);

  // scanf leaves the newline after 2.75 unread.
  int c = getchar();
  printf("next char is %s\n", c == '\n' ? "a newline" : "something else");
  CHECK(c == '\n');

  char line[64];
  CHECK(fgets(line, sizeof line, stdin) != NULL);
  printf("fgets: [%.*s] ends with newline: %s\n", (int)strcspn(line, "\n"), line,
         strchr(line, '\n') ? "yes" : "no");
  CHECK(strcmp(line, "the rest of the line\n") == 0);
  CHECK(fgets(line, sizeof line, stdin) != NULL);
  printf("fgets: [%s] ends with newline: %s\n", line, strchr(line, '\n') ? "yes" : "no");
  CHECK(strcmp(line, "last line without newline") == 0);

  int more = 0;
  n = scanf("%d", &more);
  printf("scanf at end of input returns %s; feof=%d\n", n == EOF ? "EOF" : "something else",
         feof(stdin) ? 1 : 0);
  CHECK(n == EOF && feof(stdin));
  CHECK(getchar() == EOF);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
