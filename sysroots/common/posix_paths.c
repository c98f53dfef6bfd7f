// The base's functions that take a path (sources/posix.c: open, stat, access, mkdir, unlink,
// rename, ...), with one change: a path under no preopened directory (absolute, or relative to
// the current directory) fails with ENOENT, as on Linux a path that is not there, instead of the
// base's ENOTCAPABLE, which no POSIX program expects. posix.c uses ENOTCAPABLE for nothing else
// that a host could return for a path under a preopen that has no such file.
#include <errno.h>
#undef ENOTCAPABLE
#define ENOTCAPABLE ENOENT
#include "libc-bottom-half/sources/posix.c"
