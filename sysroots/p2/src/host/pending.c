/*
 * The host call not answered yet (issue 12 in progress): poll.c replaces
 * it. It gives the error a host without the feature would.
 */
#include <wasi/api.h>

#include "host.h"

#define HOST(name) __wasilibc_host_##name

e_t HOST(poll_oneoff)(const __wasi_subscription_t * a0, __wasi_event_t * a1, __wasi_size_t a2, __wasi_size_t * a3) {
  (void)a0, (void)a1, (void)a2, (void)a3;
  return __WASI_ERRNO_NOTSUP;
}
