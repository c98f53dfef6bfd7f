// atexit handlers run after main returns, in the reverse order of their registration
// (one registered twice runs twice), and their output is flushed before the program ends
// with status 0.
#include <stdio.h>
#include <stdlib.h>

static int order;

static void first(void) { printf("handler registered first runs last (#%d)\n", ++order); }
static void second(void) { printf("handler registered second (#%d)\n", ++order); }
static void third(void) { printf("handler registered third runs first (#%d)\n", ++order); }
static void twice(void) { printf("handler registered twice (#%d)\n", ++order); }
static void unterminated(void) { printf("last words without a newline"); }

int main(void) {
  int r = 0;
  r |= atexit(unterminated);
  r |= atexit(first);
  r |= atexit(twice);
  r |= atexit(second);
  r |= atexit(twice);
  r |= atexit(third);
  printf("atexit returned %d for all six registrations\n", r);
  printf("main returns\n");
  return r == 0 ? 0 : 1;
}
