/* fcntl commands beyond the WASI ones (F_GETFD..F_SETFL, in
 * __header_fcntl.h), with Linux's numbers: libc implements them over its own
 * descriptor table. */
#define F_DUPFD 0
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_DUPFD_CLOEXEC 1030

#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
