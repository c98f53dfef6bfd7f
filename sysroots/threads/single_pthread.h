// Force-included into the pthread objects of the single-threaded triples (single.mk): musl's
// internal <pthread.h> is the base's, whose static initializers are a plain 0 unless threaded,
// which initializes no struct. The fix that programs get (common/include-add/pthread.h) then
// applies to every later use here too.
#include <pthread.h>
#include "../common/include-add/pthread.h"
