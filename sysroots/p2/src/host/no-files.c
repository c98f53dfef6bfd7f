/*
 * What the file layer's calls answer in a program without it (host.h):
 * its only host objects are stdio's, which are not files, directories or
 * preopens. common/fd-table.c calls these when host/files.c is not linked.
 */
#include <wasi/api.h>

#include "host.h"

e_t __wasilibc_p2_no_file_fd_pread(__wasi_fd_t a0, const __wasi_iovec_t *a1, size_t a2, __wasi_filesize_t a3, __wasi_size_t *a4) {
  (void)a0, (void)a1, (void)a2, (void)a3, (void)a4;
  return __WASI_ERRNO_SPIPE;
}

e_t __wasilibc_p2_no_file_fd_pwrite(__wasi_fd_t a0, const __wasi_ciovec_t *a1, size_t a2, __wasi_filesize_t a3, __wasi_size_t *a4) {
  (void)a0, (void)a1, (void)a2, (void)a3, (void)a4;
  return __WASI_ERRNO_SPIPE;
}

e_t __wasilibc_p2_no_file_fd_seek(__wasi_fd_t a0, __wasi_filedelta_t a1, __wasi_whence_t a2, __wasi_filesize_t *a3) {
  (void)a0, (void)a1, (void)a2, (void)a3;
  return __WASI_ERRNO_SPIPE;
}

e_t __wasilibc_p2_no_file_fd_tell(__wasi_fd_t a0, __wasi_filesize_t *a1) {
  (void)a0, (void)a1;
  return __WASI_ERRNO_SPIPE;
}

e_t __wasilibc_p2_no_file_fd_prestat_get(__wasi_fd_t a0, __wasi_prestat_t *a1) {
  (void)a0, (void)a1;
  return __WASI_ERRNO_BADF;
}

e_t __wasilibc_p2_no_file_fd_prestat_dir_name(__wasi_fd_t a0, uint8_t *a1, __wasi_size_t a2) {
  (void)a0, (void)a1, (void)a2;
  return __WASI_ERRNO_BADF;
}

e_t __wasilibc_p2_no_file_fd_advise(__wasi_fd_t a0, __wasi_filesize_t a1, __wasi_filesize_t a2, __wasi_advice_t a3) {
  (void)a0, (void)a1, (void)a2, (void)a3;
  return __WASI_ERRNO_SPIPE;
}

e_t __wasilibc_p2_no_file_fd_allocate(__wasi_fd_t a0, __wasi_filesize_t a1, __wasi_filesize_t a2) {
  (void)a0, (void)a1, (void)a2;
  return __WASI_ERRNO_NOTSUP;
}

e_t __wasilibc_p2_no_file_fd_datasync(__wasi_fd_t a0) {
  (void)a0;
  return __WASI_ERRNO_INVAL;
}

e_t __wasilibc_p2_no_file_fd_sync(__wasi_fd_t a0) {
  (void)a0;
  return __WASI_ERRNO_INVAL;
}

e_t __wasilibc_p2_no_file_fd_filestat_set_size(__wasi_fd_t a0, __wasi_filesize_t a1) {
  (void)a0, (void)a1;
  return __WASI_ERRNO_INVAL;
}

e_t __wasilibc_p2_no_file_fd_filestat_set_times(__wasi_fd_t a0, __wasi_timestamp_t a1, __wasi_timestamp_t a2, __wasi_fstflags_t a3) {
  (void)a0, (void)a1, (void)a2, (void)a3;
  return __WASI_ERRNO_INVAL;
}

e_t __wasilibc_p2_no_file_fd_readdir(__wasi_fd_t a0, uint8_t *a1, __wasi_size_t a2, __wasi_dircookie_t a3, __wasi_size_t *a4) {
  (void)a0, (void)a1, (void)a2, (void)a3, (void)a4;
  return __WASI_ERRNO_NOTDIR;
}

e_t __wasilibc_p2_no_file_path_create_directory(__wasi_fd_t a0, const char *a1) {
  (void)a0, (void)a1;
  return __WASI_ERRNO_NOTDIR;
}

e_t __wasilibc_p2_no_file_path_filestat_get(__wasi_fd_t a0, __wasi_lookupflags_t a1, const char *a2, __wasi_filestat_t *a3) {
  (void)a0, (void)a1, (void)a2, (void)a3;
  return __WASI_ERRNO_NOTDIR;
}

e_t __wasilibc_p2_no_file_path_filestat_set_times(__wasi_fd_t a0, __wasi_lookupflags_t a1, const char *a2, __wasi_timestamp_t a3, __wasi_timestamp_t a4, __wasi_fstflags_t a5) {
  (void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
  return __WASI_ERRNO_NOTDIR;
}

e_t __wasilibc_p2_no_file_path_link(__wasi_fd_t a0, __wasi_lookupflags_t a1, const char *a2, __wasi_fd_t a3, const char *a4) {
  (void)a0, (void)a1, (void)a2, (void)a3, (void)a4;
  return __WASI_ERRNO_NOTDIR;
}

e_t __wasilibc_p2_no_file_path_open(__wasi_fd_t a0, __wasi_lookupflags_t a1, const char *a2, __wasi_oflags_t a3, __wasi_rights_t a4, __wasi_rights_t a5, __wasi_fdflags_t a6, __wasi_fd_t *a7) {
  (void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6, (void)a7;
  return __WASI_ERRNO_NOTDIR;
}

e_t __wasilibc_p2_no_file_path_readlink(__wasi_fd_t a0, const char *a1, uint8_t *a2, __wasi_size_t a3, __wasi_size_t *a4) {
  (void)a0, (void)a1, (void)a2, (void)a3, (void)a4;
  return __WASI_ERRNO_NOTDIR;
}

e_t __wasilibc_p2_no_file_path_remove_directory(__wasi_fd_t a0, const char *a1) {
  (void)a0, (void)a1;
  return __WASI_ERRNO_NOTDIR;
}

e_t __wasilibc_p2_no_file_path_rename(__wasi_fd_t a0, const char *a1, __wasi_fd_t a2, const char *a3) {
  (void)a0, (void)a1, (void)a2, (void)a3;
  return __WASI_ERRNO_NOTDIR;
}

e_t __wasilibc_p2_no_file_path_symlink(const char *a0, __wasi_fd_t a1, const char *a2) {
  (void)a0, (void)a1, (void)a2;
  return __WASI_ERRNO_NOTDIR;
}

e_t __wasilibc_p2_no_file_path_unlink_file(__wasi_fd_t a0, const char *a1) {
  (void)a0, (void)a1;
  return __WASI_ERRNO_NOTDIR;
}
