// musl's random() family (prng/random.c). Built threaded it takes a lock whose declaration the
// base keeps for upstream builds only; this is that lock.
#include <features.h>
#include "lock.h"

static volatile int lock[1];

#include "prng/random.c"
