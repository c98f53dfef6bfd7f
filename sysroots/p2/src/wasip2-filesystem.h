/*
 * C bindings to wasi:filesystem@0.2.0 (types and preopens), at the level of
 * the canonical ABI, in wasip2.h's conventions. Flags are i32 as parameters
 * and u8 in memory (none has more than 8 members); enums are u8 in memory.
 *
 * packages/sysroot-wasip2/test/bindings.test.ts compares every declaration
 * here with the WIT, as it does wasip2.h's.
 */
#ifndef __wasi_sysroots_wasip2_filesystem_h
#define __wasi_sysroots_wasip2_filesystem_h

#include "wasip2.h"

/* descriptor-type */
enum {
  WASIP2_FS_TYPE_UNKNOWN = 0,
  WASIP2_FS_TYPE_BLOCK_DEVICE = 1,
  WASIP2_FS_TYPE_CHARACTER_DEVICE = 2,
  WASIP2_FS_TYPE_DIRECTORY = 3,
  WASIP2_FS_TYPE_FIFO = 4,
  WASIP2_FS_TYPE_SYMBOLIC_LINK = 5,
  WASIP2_FS_TYPE_REGULAR_FILE = 6,
  WASIP2_FS_TYPE_SOCKET = 7,
};

/* descriptor-flags */
enum {
  WASIP2_FS_READ = 1 << 0,
  WASIP2_FS_WRITE = 1 << 1,
  WASIP2_FS_FILE_INTEGRITY_SYNC = 1 << 2,
  WASIP2_FS_DATA_INTEGRITY_SYNC = 1 << 3,
  WASIP2_FS_REQUESTED_WRITE_SYNC = 1 << 4,
  WASIP2_FS_MUTATE_DIRECTORY = 1 << 5,
};

/* path-flags */
enum { WASIP2_FS_SYMLINK_FOLLOW = 1 << 0 };

/* open-flags */
enum {
  WASIP2_FS_CREATE = 1 << 0,
  WASIP2_FS_DIRECTORY = 1 << 1,
  WASIP2_FS_EXCLUSIVE = 1 << 2,
  WASIP2_FS_TRUNCATE = 1 << 3,
};

/* new-timestamp tags; as a parameter it is 3 values: tag, seconds, nanoseconds. */
enum { WASIP2_FS_NO_CHANGE = 0, WASIP2_FS_NOW = 1, WASIP2_FS_TIMESTAMP = 2 };
#define WASIP2_NEW_TIMESTAMP_PARAMS int32_t, int64_t, int32_t

/* error-code */
enum {
  WASIP2_FS_ERR_ACCESS = 0,
  WASIP2_FS_ERR_WOULD_BLOCK,
  WASIP2_FS_ERR_ALREADY,
  WASIP2_FS_ERR_BAD_DESCRIPTOR,
  WASIP2_FS_ERR_BUSY,
  WASIP2_FS_ERR_DEADLOCK,
  WASIP2_FS_ERR_QUOTA,
  WASIP2_FS_ERR_EXIST,
  WASIP2_FS_ERR_FILE_TOO_LARGE,
  WASIP2_FS_ERR_ILLEGAL_BYTE_SEQUENCE,
  WASIP2_FS_ERR_IN_PROGRESS,
  WASIP2_FS_ERR_INTERRUPTED,
  WASIP2_FS_ERR_INVALID,
  WASIP2_FS_ERR_IO,
  WASIP2_FS_ERR_IS_DIRECTORY,
  WASIP2_FS_ERR_LOOP,
  WASIP2_FS_ERR_TOO_MANY_LINKS,
  WASIP2_FS_ERR_MESSAGE_SIZE,
  WASIP2_FS_ERR_NAME_TOO_LONG,
  WASIP2_FS_ERR_NO_DEVICE,
  WASIP2_FS_ERR_NO_ENTRY,
  WASIP2_FS_ERR_NO_LOCK,
  WASIP2_FS_ERR_INSUFFICIENT_MEMORY,
  WASIP2_FS_ERR_INSUFFICIENT_SPACE,
  WASIP2_FS_ERR_NOT_DIRECTORY,
  WASIP2_FS_ERR_NOT_EMPTY,
  WASIP2_FS_ERR_NOT_RECOVERABLE,
  WASIP2_FS_ERR_UNSUPPORTED,
  WASIP2_FS_ERR_NO_TTY,
  WASIP2_FS_ERR_NO_SUCH_DEVICE,
  WASIP2_FS_ERR_OVERFLOW,
  WASIP2_FS_ERR_NOT_PERMITTED,
  WASIP2_FS_ERR_PIPE,
  WASIP2_FS_ERR_READ_ONLY,
  WASIP2_FS_ERR_INVALID_SEEK,
  WASIP2_FS_ERR_TEXT_FILE_BUSY,
  WASIP2_FS_ERR_CROSS_DEVICE,
  WASIP2_FS_ERR_COUNT
};

/* option<datetime>: size 24, align 8. */
typedef struct {
  uint8_t is_some;
  wasip2_datetime_t value;
} wasip2_option_datetime_t;

/* descriptor-stat: size 96, align 8. */
typedef struct {
  uint8_t type;
  uint64_t link_count;
  uint64_t size;
  wasip2_option_datetime_t atime, mtime, ctime;
} wasip2_descriptor_stat_t;

/* result<descriptor-stat, error-code> */
typedef struct {
  uint8_t is_err;
  union { wasip2_descriptor_stat_t ok; uint8_t err; } u;
} wasip2_result_stat_t;

/* result<tuple<list<u8>, bool>, error-code> */
typedef struct {
  uint8_t is_err;
  union { struct { wasip2_bytes_t data; uint8_t end; } ok; uint8_t err; } u;
} wasip2_result_read_t;

/* result<string, error-code> */
typedef struct {
  uint8_t is_err;
  union { wasip2_string_t ok; uint8_t err; } u;
} wasip2_result_string_t;

/* result<metadata-hash-value, error-code> */
typedef struct {
  uint8_t is_err;
  union { struct { uint64_t lower, upper; } ok; uint8_t err; } u;
} wasip2_result_hash_t;

/* result<option<directory-entry>, error-code> */
typedef struct {
  uint8_t is_err;
  union {
    struct { uint8_t is_some; struct { uint8_t type; wasip2_string_t name; } entry; } ok;
    uint8_t err;
  } u;
} wasip2_result_dirent_t;

/* option<error-code> */
typedef struct { uint8_t is_some; uint8_t code; } wasip2_option_fs_error_t;

/* tuple<own<descriptor>, string>, list of them */
typedef struct { int32_t descriptor; wasip2_string_t name; } wasip2_preopen_t;
typedef struct { wasip2_preopen_t *ptr; size_t len; } wasip2_preopen_list_t;

/* ---- wasi:filesystem/types@0.2.0 ---------------------------------------- */

#define WASIP2_FS(name) WASIP2_IMPORT("wasi:filesystem/types@0.2.0", "[method]descriptor." name)

WASIP2_FS("advise")
void __wasip2_fs_advise(int32_t self, int64_t offset, int64_t len, int32_t advice, wasip2_result_t *ret);
WASIP2_FS("sync-data")
void __wasip2_fs_sync_data(int32_t self, wasip2_result_t *ret);
WASIP2_FS("get-flags")
void __wasip2_fs_get_flags(int32_t self, wasip2_result_u8_t *ret);
WASIP2_FS("get-type")
void __wasip2_fs_get_type(int32_t self, wasip2_result_u8_t *ret);
WASIP2_FS("set-size")
void __wasip2_fs_set_size(int32_t self, int64_t size, wasip2_result_t *ret);
WASIP2_FS("set-times")
void __wasip2_fs_set_times(int32_t self, WASIP2_NEW_TIMESTAMP_PARAMS, WASIP2_NEW_TIMESTAMP_PARAMS,
                           wasip2_result_t *ret);
WASIP2_FS("read")
void __wasip2_fs_read(int32_t self, int64_t len, int64_t offset, wasip2_result_read_t *ret);
WASIP2_FS("write")
void __wasip2_fs_write(int32_t self, const uint8_t *ptr, size_t len, int64_t offset, wasip2_result_u64_t *ret);
WASIP2_FS("read-directory")
void __wasip2_fs_read_directory(int32_t self, wasip2_result_u32_t *ret);
WASIP2_FS("sync")
void __wasip2_fs_sync(int32_t self, wasip2_result_t *ret);
WASIP2_FS("create-directory-at")
void __wasip2_fs_create_directory_at(int32_t self, const char *path, size_t path_len, wasip2_result_t *ret);
WASIP2_FS("stat")
void __wasip2_fs_stat(int32_t self, wasip2_result_stat_t *ret);
WASIP2_FS("stat-at")
void __wasip2_fs_stat_at(int32_t self, int32_t path_flags, const char *path, size_t path_len,
                         wasip2_result_stat_t *ret);
WASIP2_FS("set-times-at")
void __wasip2_fs_set_times_at(int32_t self, int32_t path_flags, const char *path, size_t path_len,
                              WASIP2_NEW_TIMESTAMP_PARAMS, WASIP2_NEW_TIMESTAMP_PARAMS, wasip2_result_t *ret);
WASIP2_FS("link-at")
void __wasip2_fs_link_at(int32_t self, int32_t old_path_flags, const char *old_path, size_t old_len,
                         int32_t new_descriptor, const char *new_path, size_t new_len, wasip2_result_t *ret);
WASIP2_FS("open-at")
void __wasip2_fs_open_at(int32_t self, int32_t path_flags, const char *path, size_t path_len,
                         int32_t open_flags, int32_t flags, wasip2_result_u32_t *ret);
WASIP2_FS("readlink-at")
void __wasip2_fs_readlink_at(int32_t self, const char *path, size_t path_len, wasip2_result_string_t *ret);
WASIP2_FS("remove-directory-at")
void __wasip2_fs_remove_directory_at(int32_t self, const char *path, size_t path_len, wasip2_result_t *ret);
WASIP2_FS("rename-at")
void __wasip2_fs_rename_at(int32_t self, const char *old_path, size_t old_len, int32_t new_descriptor,
                           const char *new_path, size_t new_len, wasip2_result_t *ret);
WASIP2_FS("symlink-at")
void __wasip2_fs_symlink_at(int32_t self, const char *old_path, size_t old_len, const char *new_path,
                            size_t new_len, wasip2_result_t *ret);
WASIP2_FS("unlink-file-at")
void __wasip2_fs_unlink_file_at(int32_t self, const char *path, size_t path_len, wasip2_result_t *ret);
WASIP2_FS("metadata-hash")
void __wasip2_fs_metadata_hash(int32_t self, wasip2_result_hash_t *ret);
WASIP2_FS("metadata-hash-at")
void __wasip2_fs_metadata_hash_at(int32_t self, int32_t path_flags, const char *path, size_t path_len,
                                  wasip2_result_hash_t *ret);
WASIP2_IMPORT("wasi:filesystem/types@0.2.0", "[resource-drop]descriptor")
void __wasip2_fs_descriptor_drop(int32_t self);

WASIP2_IMPORT("wasi:filesystem/types@0.2.0", "[method]directory-entry-stream.read-directory-entry")
void __wasip2_fs_read_directory_entry(int32_t self, wasip2_result_dirent_t *ret);
WASIP2_IMPORT("wasi:filesystem/types@0.2.0", "[resource-drop]directory-entry-stream")
void __wasip2_fs_directory_entry_stream_drop(int32_t self);

WASIP2_IMPORT("wasi:filesystem/types@0.2.0", "filesystem-error-code")
void __wasip2_fs_filesystem_error_code(int32_t error, wasip2_option_fs_error_t *ret);

/* ---- wasi:filesystem/preopens@0.2.0 ------------------------------------- */

WASIP2_IMPORT("wasi:filesystem/preopens@0.2.0", "get-directories")
void __wasip2_fs_get_directories(wasip2_preopen_list_t *ret);

/* ---- layout checks (canonical ABI sizes and offsets) -------------------- */

WASIP2_LAYOUT(wasip2_option_datetime_t, 24, value, 8);
WASIP2_LAYOUT(wasip2_descriptor_stat_t, 96, link_count, 8);
_Static_assert(offsetof(wasip2_descriptor_stat_t, size) == 16, "descriptor-stat size");
_Static_assert(offsetof(wasip2_descriptor_stat_t, atime) == 24, "descriptor-stat atime");
_Static_assert(offsetof(wasip2_descriptor_stat_t, mtime) == 48, "descriptor-stat mtime");
_Static_assert(offsetof(wasip2_descriptor_stat_t, ctime) == 72, "descriptor-stat ctime");
_Static_assert(_Alignof(wasip2_descriptor_stat_t) == 8, "descriptor-stat align");
WASIP2_LAYOUT(wasip2_result_stat_t, 104, u, 8);
WASIP2_LAYOUT(wasip2_result_read_t, 16, u, 4);
_Static_assert(offsetof(wasip2_result_read_t, u.ok.end) == 12, "tuple<list<u8>, bool>");
WASIP2_LAYOUT(wasip2_result_string_t, 12, u, 4);
WASIP2_LAYOUT(wasip2_result_hash_t, 24, u, 8);
_Static_assert(offsetof(wasip2_result_hash_t, u.ok.upper) == 16, "metadata-hash-value upper");
WASIP2_LAYOUT(wasip2_result_dirent_t, 20, u, 4);
_Static_assert(offsetof(wasip2_result_dirent_t, u.ok.entry) == 8, "option<directory-entry>");
_Static_assert(offsetof(wasip2_result_dirent_t, u.ok.entry.name) == 12, "directory-entry name");
WASIP2_LAYOUT(wasip2_option_fs_error_t, 2, code, 1);
WASIP2_LAYOUT(wasip2_preopen_t, 12, name, 4);

#endif
