
/* Added by wasi-sysroots (sysroots/common/copy_file_range.c). */
#ifndef __wasi_sysroots_unistd_add
#define __wasi_sysroots_unistd_add
#ifdef _GNU_SOURCE
#ifdef __cplusplus
extern "C" {
#endif
ssize_t copy_file_range(int, off_t *, int, off_t *, size_t, unsigned);
#ifdef __cplusplus
}
#endif
#endif
#endif

/* Added by wasi-sysroots (sysroots/common/chown.c): user and group 0, owners that never change. */
#ifndef __wasi_sysroots_unistd_ids_add
#define __wasi_sysroots_unistd_ids_add
#ifdef __cplusplus
extern "C" {
#endif
int chown(const char *, uid_t, gid_t);
int fchown(int, uid_t, gid_t);
int lchown(const char *, uid_t, gid_t);
int fchownat(int, const char *, uid_t, gid_t, int);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int getgroups(int, gid_t []);
#ifdef __cplusplus
}
#endif
#endif

/* Added by wasi-sysroots (common/signal/alarm.c): alarm() with the signal emulation. It keeps
   the time left and never fires: WASI delivers no signal asynchronously. */
#ifndef __wasi_sysroots_unistd_alarm_add
#define __wasi_sysroots_unistd_alarm_add
#ifdef _WASI_EMULATED_SIGNAL
#ifdef __cplusplus
extern "C" {
#endif
unsigned alarm(unsigned);
#ifdef __cplusplus
}
#endif
#endif
#endif
