// The current directory. WASI has none, so libc keeps it as a string, "/" until chdir
// (chdir.c) replaces it. Threads share it: it is read and replaced under a lock. Replaces the
// base's getcwd.c, which refuses to build threaded for lack of that lock.
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lock.h"

hidden char *__wasilibc_cwd = "/";
hidden volatile int __wasilibc_cwd_lock[1];

char *getcwd(char *buf, size_t size)
{
	char *result = buf;
	LOCK(__wasilibc_cwd_lock);
	size_t len = strlen(__wasilibc_cwd);
	if (!buf) {
		result = strdup(__wasilibc_cwd);
		if (!result)
			errno = ENOMEM;
	} else if (size < len + 1) {
		result = 0;
		errno = ERANGE;
	} else {
		memcpy(buf, __wasilibc_cwd, len + 1);
	}
	UNLOCK(__wasilibc_cwd_lock);
	return result;
}
