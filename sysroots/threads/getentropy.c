// getentropy: up to 256 bytes from WASI's random_get. Replaces the base's version, which
// refuses to build threaded because musl would make it a cancellation point; there is no
// thread cancellation here.
#include <errno.h>
#include <unistd.h>
#include <wasi/api.h>

int __getentropy(void *buffer, size_t len)
{
	if (len > 256) {
		errno = EIO;
		return -1;
	}
	__wasi_errno_t error = __wasi_random_get(buffer, len);
	if (error) {
		errno = error;
		return -1;
	}
	return 0;
}

weak_alias(__getentropy, getentropy);
