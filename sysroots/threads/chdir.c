// chdir, and resolving relative paths against the current directory it sets. Linked only into
// programs that call chdir: the base's preopens.c and posix.c call
// __wasilibc_find_relpath_alloc only when it is there, and otherwise resolve every path from
// the root. Replaces the base's chdir.c, whose buffers are shared between threads.
// <wasi/libc-find-relpath.h> (which needs size_t) before musl's internal <features.h>, whose
// macro named "weak" would break the header's __attribute__((weak)).
#include <stddef.h>
#include <wasi/libc-find-relpath.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lock.h"

extern hidden char *__wasilibc_cwd;
extern hidden volatile int __wasilibc_cwd_lock[1];

// Whether __wasilibc_cwd came from malloc (not so for the initial "/"). Under the lock.
static int cwd_allocated;

// path made absolute: itself when absolute, else the current directory joined with it (an
// empty path, "." and "./" name the current directory; one leading "./" is dropped). The
// result lives in a buffer of the calling thread's, valid until its next call.
static const char *make_absolute(const char *path)
{
	static _Thread_local char *buf;
	static _Thread_local size_t buf_size;

	if (path[0] == '/')
		return path;
	if (!strcmp(path, ".") || !strcmp(path, "./"))
		path = "";
	else if (path[0] == '.' && path[1] == '/')
		path += 2;

	const char *result = buf;
	size_t path_len = strlen(path);
	LOCK(__wasilibc_cwd_lock);
	size_t cwd_len = strlen(__wasilibc_cwd);
	int slash = path_len && __wasilibc_cwd[cwd_len - 1] != '/';
	size_t size = cwd_len + slash + path_len + 1;
	if (size > buf_size) {
		char *bigger = realloc(buf, size);
		if (bigger) {
			buf = bigger;
			buf_size = size;
		}
		result = bigger;
	}
	if (result) {
		memcpy(buf, __wasilibc_cwd, cwd_len);
		if (slash)
			buf[cwd_len] = '/';
		memcpy(buf + cwd_len + slash, path, path_len + 1);
	}
	UNLOCK(__wasilibc_cwd_lock);
	return result;
}

int __wasilibc_find_relpath_alloc(const char *path, const char **abs_prefix, char **relative_buf,
                                  size_t *relative_buf_len, int can_realloc)
{
	const char *abspath = make_absolute(path);
	if (!abspath) {
		errno = ENOMEM;
		return -1;
	}

	// The preopened directory containing it, and the rest of the path below that.
	const char *rel;
	int fd = __wasilibc_find_abspath(abspath, abs_prefix, &rel);
	if (fd == -1)
		return -1;

	size_t size = strlen(rel) + 1;
	if (*relative_buf_len < size) {
		if (!can_realloc) {
			errno = ERANGE;
			return -1;
		}
		char *bigger = realloc(*relative_buf, size);
		if (!bigger) {
			errno = ENOMEM;
			return -1;
		}
		*relative_buf = bigger;
		*relative_buf_len = size;
	}
	memcpy(*relative_buf, rel, size);
	return fd;
}

int chdir(const char *path)
{
	char *rel = 0;
	size_t rel_size = 0;
	const char *abs;
	int fd = __wasilibc_find_relpath_alloc(path, &abs, &rel, &rel_size, 1);
	if (fd == -1)
		return -1;

	int result = -1;
	struct stat st;
	if (fstatat(fd, rel, &st, 0) == -1)
		goto done;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		goto done;
	}

	// The new directory is "/" abs "/" rel, without the last two parts when rel is "."
	// and without the middle slash when abs is empty.
	size_t abs_len = strlen(abs);
	size_t rel_len = strcmp(rel, ".") ? strlen(rel) : 0;
	int mid = rel_len && abs_len;
	char *cwd = malloc(1 + abs_len + mid + rel_len + 1);
	if (!cwd) {
		errno = ENOMEM;
		goto done;
	}
	cwd[0] = '/';
	memcpy(cwd + 1, abs, abs_len);
	if (mid)
		cwd[1 + abs_len] = '/';
	memcpy(cwd + 1 + abs_len + mid, rel, rel_len);
	cwd[1 + abs_len + mid + rel_len] = 0;

	LOCK(__wasilibc_cwd_lock);
	char *old = cwd_allocated ? __wasilibc_cwd : 0;
	__wasilibc_cwd = cwd;
	cwd_allocated = 1;
	UNLOCK(__wasilibc_cwd_lock);
	free(old);
	result = 0;
done:
	free(rel);
	return result;
}
