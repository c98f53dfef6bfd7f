// exit: 42
// triples: wasm32-wasip1 wasm32-wasip1-threads
// exit(42) from a nested call ends the program with status 42 (a Preview 2 component can
// only report success or failure, hence the triples) and flushes stdout, including a last
// line without a newline; nothing after the call runs.
#include <stdio.h>
#include <stdlib.h>

static void leave(int status) {
  printf("leaving with %d", status);  // no newline: exit must flush it
  exit(status);
}

int main(void) {
  printf("before exit\n");
  leave(42);
  printf("FAIL: exit returned\n");
  return 0;
}
