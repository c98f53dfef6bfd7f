
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
