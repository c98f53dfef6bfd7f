
/* Added by wasi-sysroots: WASI has no permission bits. These check that their target exists
   and then succeed without changing anything (sysroots/common/chmod.c). */
#ifndef __wasi_sysroots_sys_stat_add
#define __wasi_sysroots_sys_stat_add
#ifdef __cplusplus
extern "C" {
#endif
int chmod(const char *, mode_t);
int fchmod(int, mode_t);
int fchmodat(int, const char *, mode_t, int);
#ifdef __cplusplus
}
#endif
#endif
