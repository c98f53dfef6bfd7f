// <wasi/version.h> names the triple a program is compiled for and the sysroot's version.
#include <stdio.h>
#include <string.h>
#include <wasi/version.h>

#if defined(__wasip2__)
#define EXPECTED "wasm32-wasip2"
#ifndef WASI_SYSROOT_wasm32_wasip2
#error WASI_SYSROOT_wasm32_wasip2
#endif
#elif defined(_REENTRANT)
#define EXPECTED "wasm32-wasip1-threads"
#ifndef WASI_SYSROOT_wasm32_wasip1_threads
#error WASI_SYSROOT_wasm32_wasip1_threads
#endif
#else
#define EXPECTED "wasm32-wasip1"
#ifndef WASI_SYSROOT_wasm32_wasip1
#error WASI_SYSROOT_wasm32_wasip1
#endif
#endif

int main(void) {
  char numbers[32];
  snprintf(numbers, sizeof numbers, "%d.%d.%d", WASI_SYSROOT_VERSION_MAJOR, WASI_SYSROOT_VERSION_MINOR,
           WASI_SYSROOT_VERSION_PATCH);
  printf("triple is the target's: %d\n", strcmp(WASI_SYSROOT_TRIPLE, EXPECTED) == 0);
  printf("version string starts with its numbers: %d\n", strncmp(WASI_SYSROOT_VERSION, numbers, strlen(numbers)) == 0);
  printf("libc base: %s\n", WASI_LIBC_BASE);
  return 0;
}
