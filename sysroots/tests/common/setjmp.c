// flags: -mllvm -wasm-enable-sjlj -lsetjmp
// setjmp/longjmp: a direct return yields 0, longjmp from nested calls returns the given
// value (and 1 for longjmp(..., 0)), volatile locals keep their values, and a jmp_buf can
// be reused.
#include <stdio.h>

#include <setjmp.h>

static jmp_buf env;
static int depth;

static void dive(int levels, int value) {
  depth++;
  if (levels == 0) longjmp(env, value);
  dive(levels - 1, value);
  printf("FAIL: returned from below a longjmp\n");
}

// setjmp is only called in the forms the C standard allows (the whole controlling
// expression of a switch), and locals changed after it are volatile.
int main(void) {
  volatile int failures = 0;

  volatile int counter = 0;
  switch (setjmp(env)) {
    case 0:
      counter++;
      printf("setjmp returned 0 directly\n");
      dive(5, 7);
      printf("FAIL: dive returned\n");
      return 1;
    case 7:
      counter++;
      printf("longjmp(7) through 6 frames: setjmp returned 7, depth %d, counter %d\n", depth,
             counter);
      if (depth != 6 || counter != 2) failures++;
      break;
    default:
      printf("FAIL: setjmp returned an unexpected value\n");
      failures++;
  }

  // longjmp with 0 makes setjmp return 1
  volatile int rounds = 0;
  switch (setjmp(env)) {
    case 0:
      rounds++;
      longjmp(env, 0);
    case 1:
      rounds++;
      printf("longjmp(0): setjmp returned 1 after %d rounds\n", rounds);
      if (rounds != 2) failures++;
      break;
    default:
      printf("FAIL: longjmp(0) made setjmp return neither 0 nor 1\n");
      failures++;
  }

  // the same jmp_buf serves a series of jumps
  volatile int total = 0, jumps = 0;
  switch (setjmp(env)) {
    case 0: break;
    case 1: total += 1; break;
    case 2: total += 2; break;
    case 3: total += 3; break;
    case 4: total += 4; break;
    case 5: total += 5; break;
    default: total += 1000; break;
  }
  if (jumps < 5) {
    jumps++;
    longjmp(env, jumps);
  }
  printf("jmp_buf reused for %d jumps: sum of returns %d\n", jumps, total);
  if (total != 15) failures++;

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
