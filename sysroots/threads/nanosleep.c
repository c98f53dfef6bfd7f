// cloudlibc's nanosleep. Built threaded it also defines C11's thrd_sleep as an alias, with
// cloudlibc's __strong_reference, from a header it does not include.
#include "libc-bottom-half/cloudlibc/src/include/_/cdefs.h"
#include "libc-bottom-half/cloudlibc/src/libc/time/nanosleep.c"
