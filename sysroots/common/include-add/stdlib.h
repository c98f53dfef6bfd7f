
/* Added by wasi-sysroots (sysroots/common/realpath.c). */
#ifndef __wasi_sysroots_stdlib_add
#define __wasi_sysroots_stdlib_add
#if defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
#ifdef __cplusplus
extern "C" {
#endif
char *realpath(const char *__restrict, char *__restrict);
#ifdef __cplusplus
}
#endif
#endif
#endif
