// strerror, strerror_l and __strerror_l for every triple: the base's message table, but an
// error number without a message says so. (wasi-libc 9886d3d turned musl's fallback entry 0
// into "Success", so strerror(-1) or strerror(4096) claimed success; POSIX wants a message
// saying the error is unknown.)
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include "locale_impl.h"

// Compile the base's own strerror.c under other names, hidden, with no alias.
#pragma GCC visibility push(hidden)
#define __strerror_l __wasi_sysroots_base_strerror_l
#define strerror __wasi_sysroots_base_strerror
#undef weak_alias
#define weak_alias(old, new)
#include "errno/strerror.c"
#undef __strerror_l
#undef strerror
#pragma GCC visibility pop

char *__strerror_l(int e, locale_t loc) {
  char *message = __wasi_sysroots_base_strerror_l(e, loc);
  // Every number without an entry of its own falls back to entry 0.
  if (e != 0 && message == __wasi_sysroots_base_strerror_l(0, loc))
    return (char *)LCTRANS("Unknown error", LC_MESSAGES, loc);
  return message;
}

char *strerror(int e) {
  return __strerror_l(e, CURRENT_LOCALE);
}

extern __typeof(__strerror_l) strerror_l __attribute__((__weak__, __alias__("__strerror_l")));
