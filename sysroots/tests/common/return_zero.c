// Returning 0 from main ends the program with status 0 and flushes buffered stdout,
// including a last line without a newline.
#include <stdio.h>

int main(void) {
  setvbuf(stdout, NULL, _IOFBF, 4096);  // fully buffered: nothing is written before the end
  printf("main returns 0\n");
  printf("unterminated last line");
  return 0;
}
