/*
 * The host of wasm32-wasip2's libc: the base's Preview 1 host calls
 * (__wasilibc_host_* and the __wasi_* calls without descriptors), answered by
 * libc itself over Preview 2, so that no wasi_snapshot_preview1 import and
 * no adapter is needed.
 *
 * libc's descriptor table (common/fd-table.h) stays the only table of
 * descriptor numbers. A HOST description's `host` field is not a number in
 * some second table but the address of the object below (wasm32 pointers
 * fit in an i32): a stdio stream, a file or a directory. dup shares the
 * description, and with it the object; the object is closed once, when the
 * last number referring to it is.
 *
 * Each kind of object is a struct that starts with a __wasilibc_p2_object_t
 * and brings its own operations:
 *   stdio.c        stdin, stdout, stderr over wasi:cli/std* and terminal-*
 *   files.c        files and directories over wasi:filesystem, preopens
 * The calls every kind answers go through the ops below (host.c); the calls
 * only files and directories answer check the kind themselves.
 *
 * What a program does not use, it does not link. The file layer (files.c)
 * is referenced only weakly (common/fd-table.c, host.c) and is linked by the
 * base's path resolution and openat (link-files.h); without it there are no
 * preopens, and its calls answer for stdio (no-files.c). The allocator is a
 * weak reference of the descriptor table and of cabi_realloc (lists.c). So
 * a program that only prints imports no wasi:filesystem and links no malloc.
 */
#ifndef __wasi_sysroots_p2_host_h
#define __wasi_sysroots_p2_host_h

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wasi/api.h>

typedef __wasi_errno_t e_t;
typedef struct __wasilibc_p2_object __wasilibc_p2_object_t;

typedef struct {
  e_t (*read)(__wasilibc_p2_object_t *, const __wasi_iovec_t *, size_t, __wasi_size_t *);
  e_t (*write)(__wasilibc_p2_object_t *, const __wasi_ciovec_t *, size_t, __wasi_size_t *);
  /* fs_filetype, fs_flags; the rights are filled in by host.c */
  e_t (*fdstat_get)(__wasilibc_p2_object_t *, __wasi_fdstat_t *);
  e_t (*filestat_get)(__wasilibc_p2_object_t *, __wasi_filestat_t *);
  /* APPEND and NONBLOCK only; the others give NOTSUP */
  e_t (*set_flags)(__wasilibc_p2_object_t *, __wasi_fdflags_t);
  /* A new pollable (owned by the caller) ready when a read (write false)
   * or a write would not block; -1 when that is always so (regular files). */
  int32_t (*subscribe)(__wasilibc_p2_object_t *, bool write);
  /* Drops the object's resources; host.c frees the memory. */
  e_t (*close)(__wasilibc_p2_object_t *);
} __wasilibc_p2_object_ops_t;

enum {
  __WASILIBC_P2_STDIO = 1,
  __WASILIBC_P2_FILE,  /* a file or a directory (files.c) */
};

struct __wasilibc_p2_object {
  const __wasilibc_p2_object_ops_t *ops;
  uint8_t kind;
};

/* The object behind a host number, and back. */
static inline __wasilibc_p2_object_t *__wasilibc_p2_object(int32_t host) {
  return (__wasilibc_p2_object_t *)(uintptr_t)(uint32_t)host;
}
static inline int32_t __wasilibc_p2_host_number(__wasilibc_p2_object_t *o) {
  return (int32_t)(uint32_t)(uintptr_t)o;
}

/* The descriptors a program starts with, in Preview 1's numbering: 0, 1
 * and 2 are stdio, 3 and up the preopens in wasi:filesystem/preopens order
 * (the adapter numbers them the same way). The host number of descriptor
 * `n`, or -1 past the last. fd-table.c builds its table from this; asking
 * for n < 3 does not fetch the preopens. */
int32_t __wasilibc_host_initial(int32_t n);

/* stdio.c: stdin (0), stdout (1) or stderr (2); static objects, never freed,
 * the same one on every call. */
__wasilibc_p2_object_t *__wasilibc_p2_stdio_open(int which);
/* files.c: the preopened directories, in order; *n of them. */
__wasilibc_p2_object_t **__wasilibc_p2_preopens(size_t *n);

/* poll.c: the object's subscribe op, for poll() over sockets
 * (poll-sockets.c), which waits for these in the same host call. */
int32_t __wasilibc_p2_host_pollable(int32_t host, bool write);

/* component-type.c: links the section that types libc's imports; every
 * path that makes a Preview 2 call first passes one of its callers. */
void __wasi_sysroots_component_type_anchor(void);

/* wasi:io/error and stream errors as errno values. */
e_t __wasilibc_p2_stream_errno(int32_t error_handle);

#endif
