// The default (no-exceptions) C++ variant: clang compiles `throw` into calls of these even when
// nothing can unwind, so they exist here and end the program with a message instead of failing
// to link. abort() traps, which the hosts report as exit status 134.
#include <stdio.h>
#include <stdlib.h>
#include <typeinfo>

extern "C" {

// From libc++abi (not through <cxxabi.h>, whose declarations of the functions below differ in attributes).
char *__cxa_demangle(const char *mangled, char *buf, size_t *len, int *status);

void *__cxa_allocate_exception(size_t size) noexcept {
  void *p = calloc(1, size);
  if (!p) abort();
  return p;
}

void __cxa_free_exception(void *thrown) noexcept { free(thrown); }

void __cxa_throw(void *thrown, std::type_info *type, void (*)(void *)) {
  (void)thrown;
  const char *name = type ? type->name() : "?";
  int status = 1;
  char *readable = __cxa_demangle(name, nullptr, nullptr, &status);
  fprintf(stderr,
          "terminate: a C++ exception of type %s was thrown, but this program was built without exception "
          "support (build it with -fwasm-exceptions to catch it)\n",
          status == 0 && readable ? readable : name);
  abort();
}

void __cxa_rethrow() {
  fputs("terminate: a C++ exception was rethrown, but this program was built without exception support\n", stderr);
  abort();
}
}
