// args: a b
// triples: wasm32-wasip1 wasm32-wasip1-threads
// exit: 3
#include <stdio.h>

int main(int argc, char **argv) {
  for (int i = 0; i < argc; i++) printf("%d:%s\n", i, argv[i]);
  return 3;
}
