// The base's table of preopened directories (libc-bottom-half/sources/preopens.c), made safe
// to share between threads: each of its entry points runs under one lock. The lock is
// recursive because __wasilibc_find_relpath can come back in, through
// __wasilibc_find_relpath_alloc (chdir.c), to __wasilibc_find_abspath.
// The public headers first: musl's internal <features.h> defines a macro named "weak" that
// would break their __attribute__((weak)). (<wasi/libc-find-relpath.h> needs size_t.)
#include <stddef.h>
#include <wasi/libc.h>
#include <wasi/libc-find-relpath.h>
#include "pthread_impl.h"

// A recursive mutex: its type is the first word (_m_type) of musl's pthread_mutex_t.
static pthread_mutex_t preopens_lock = { .__u.__i[0] = PTHREAD_MUTEX_RECURSIVE };

hidden int __wasilibc_register_preopened_fd_unlocked(int, const char *);
hidden int __wasilibc_find_relpath_unlocked(const char *, const char **, char **, size_t);
hidden int __wasilibc_find_abspath_unlocked(const char *, const char **, const char **);

// The base file stops with #error when built threaded, because it has no locking of its own;
// the functions below are that locking.
#undef _REENTRANT
#define __wasilibc_register_preopened_fd __wasilibc_register_preopened_fd_unlocked
#define __wasilibc_find_relpath __wasilibc_find_relpath_unlocked
#define __wasilibc_find_abspath __wasilibc_find_abspath_unlocked
#include "libc-bottom-half/sources/preopens.c"
#undef __wasilibc_register_preopened_fd
#undef __wasilibc_find_relpath
#undef __wasilibc_find_abspath

int __wasilibc_register_preopened_fd(int fd, const char *prefix)
{
	__pthread_mutex_lock(&preopens_lock);
	int r = __wasilibc_register_preopened_fd_unlocked(fd, prefix);
	__pthread_mutex_unlock(&preopens_lock);
	return r;
}

int __wasilibc_find_relpath(const char *path, const char **abs_prefix, char **relative_path,
                            size_t relative_path_len)
{
	__pthread_mutex_lock(&preopens_lock);
	int r = __wasilibc_find_relpath_unlocked(path, abs_prefix, relative_path, relative_path_len);
	__pthread_mutex_unlock(&preopens_lock);
	return r;
}

int __wasilibc_find_abspath(const char *path, const char **abs_prefix, const char **relative_path)
{
	__pthread_mutex_lock(&preopens_lock);
	int r = __wasilibc_find_abspath_unlocked(path, abs_prefix, relative_path);
	__pthread_mutex_unlock(&preopens_lock);
	return r;
}
