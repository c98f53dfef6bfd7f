/*
 * Files and directories over wasi:filesystem@0.2.0: the preopens, the
 * object kind __WASILIBC_P2_FILE, and every Preview 1 call only files and
 * directories answer (host.h explains the design).
 *
 * Preview 2 descriptors have no position: the object keeps it, and reads
 * and writes go through descriptor.read and descriptor.write at that
 * offset (one host call each, straight into the caller's buffer). O_APPEND
 * is the object's too: each write goes to the size stat reports.
 *
 * Some hosts refuse stat, metadata-hash and read-directory on a preopen
 * itself (jco's preview2-shim: "invalid", "bad-descriptor") but answer them
 * for "." below it, which means the same on every host: preopens use that.
 */
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "host.h"
#include "lists.h"
#include "wasip2-filesystem.h"

#define HOST(name) __wasilibc_host_##name

#define TYPE_NOT_ASKED 0xff
#define NS_PER_S UINT64_C(1000000000)

typedef struct {
  __wasilibc_p2_object_t base;
  int32_t handle;   /* own<descriptor> */
  uint8_t flags;    /* the descriptor-flags it was opened with */
  uint8_t type;     /* descriptor-type, TYPE_NOT_ASKED until needed */
  bool append;
  bool nonblock;    /* kept for F_GETFL; files never block */
  bool preopen;
  char *name;       /* preopens: the name the program knows it by */
  size_t name_len;
  uint64_t pos;
  /* fd_readdir: the open stream and how many entries it has yielded; an
   * entry read but not handed out (it did not fit) waits in `held`. */
  int32_t dir_stream;
  int32_t dir_self; /* preopens: "." opened for the stream */
  uint64_t dir_index;
  bool has_held;
  uint8_t held_type;
  wasip2_string_t held_name;
} file_t;

static const __wasilibc_p2_object_ops_t file_ops;

/* ---- errors --------------------------------------------------------------- */

static const uint8_t errno_of_code[WASIP2_FS_ERR_COUNT] = {
  [WASIP2_FS_ERR_ACCESS] = __WASI_ERRNO_ACCES,
  [WASIP2_FS_ERR_WOULD_BLOCK] = __WASI_ERRNO_AGAIN,
  [WASIP2_FS_ERR_ALREADY] = __WASI_ERRNO_ALREADY,
  [WASIP2_FS_ERR_BAD_DESCRIPTOR] = __WASI_ERRNO_BADF,
  [WASIP2_FS_ERR_BUSY] = __WASI_ERRNO_BUSY,
  [WASIP2_FS_ERR_DEADLOCK] = __WASI_ERRNO_DEADLK,
  [WASIP2_FS_ERR_QUOTA] = __WASI_ERRNO_DQUOT,
  [WASIP2_FS_ERR_EXIST] = __WASI_ERRNO_EXIST,
  [WASIP2_FS_ERR_FILE_TOO_LARGE] = __WASI_ERRNO_FBIG,
  [WASIP2_FS_ERR_ILLEGAL_BYTE_SEQUENCE] = __WASI_ERRNO_ILSEQ,
  [WASIP2_FS_ERR_IN_PROGRESS] = __WASI_ERRNO_INPROGRESS,
  [WASIP2_FS_ERR_INTERRUPTED] = __WASI_ERRNO_INTR,
  [WASIP2_FS_ERR_INVALID] = __WASI_ERRNO_INVAL,
  [WASIP2_FS_ERR_IO] = __WASI_ERRNO_IO,
  [WASIP2_FS_ERR_IS_DIRECTORY] = __WASI_ERRNO_ISDIR,
  [WASIP2_FS_ERR_LOOP] = __WASI_ERRNO_LOOP,
  [WASIP2_FS_ERR_TOO_MANY_LINKS] = __WASI_ERRNO_MLINK,
  [WASIP2_FS_ERR_MESSAGE_SIZE] = __WASI_ERRNO_MSGSIZE,
  [WASIP2_FS_ERR_NAME_TOO_LONG] = __WASI_ERRNO_NAMETOOLONG,
  [WASIP2_FS_ERR_NO_DEVICE] = __WASI_ERRNO_NODEV,
  [WASIP2_FS_ERR_NO_ENTRY] = __WASI_ERRNO_NOENT,
  [WASIP2_FS_ERR_NO_LOCK] = __WASI_ERRNO_NOLCK,
  [WASIP2_FS_ERR_INSUFFICIENT_MEMORY] = __WASI_ERRNO_NOMEM,
  [WASIP2_FS_ERR_INSUFFICIENT_SPACE] = __WASI_ERRNO_NOSPC,
  [WASIP2_FS_ERR_NOT_DIRECTORY] = __WASI_ERRNO_NOTDIR,
  [WASIP2_FS_ERR_NOT_EMPTY] = __WASI_ERRNO_NOTEMPTY,
  [WASIP2_FS_ERR_NOT_RECOVERABLE] = __WASI_ERRNO_NOTRECOVERABLE,
  [WASIP2_FS_ERR_UNSUPPORTED] = __WASI_ERRNO_NOTSUP,
  [WASIP2_FS_ERR_NO_TTY] = __WASI_ERRNO_NOTTY,
  [WASIP2_FS_ERR_NO_SUCH_DEVICE] = __WASI_ERRNO_NXIO,
  [WASIP2_FS_ERR_OVERFLOW] = __WASI_ERRNO_OVERFLOW,
  [WASIP2_FS_ERR_NOT_PERMITTED] = __WASI_ERRNO_PERM,
  [WASIP2_FS_ERR_PIPE] = __WASI_ERRNO_PIPE,
  [WASIP2_FS_ERR_READ_ONLY] = __WASI_ERRNO_ROFS,
  [WASIP2_FS_ERR_INVALID_SEEK] = __WASI_ERRNO_SPIPE,
  [WASIP2_FS_ERR_TEXT_FILE_BUSY] = __WASI_ERRNO_TXTBSY,
  [WASIP2_FS_ERR_CROSS_DEVICE] = __WASI_ERRNO_XDEV,
};

static e_t fs_errno(uint8_t code) {
  return code < WASIP2_FS_ERR_COUNT ? errno_of_code[code] : __WASI_ERRNO_IO;
}

static e_t result_errno(const wasip2_result_t *r) { return r->is_err ? fs_errno(r->err) : 0; }

/* ---- objects -------------------------------------------------------------- */

/* The file or directory behind a host number; NULL for other kinds. */
static file_t *file_of(__wasi_fd_t h) {
  __wasilibc_p2_object_t *o = __wasilibc_p2_object((int32_t)h);
  return o->kind == __WASILIBC_P2_FILE ? (file_t *)o : NULL;
}

static file_t *file_new(int32_t handle, uint8_t flags, uint8_t type) {
  file_t *f = calloc(1, sizeof *f);
  if (!f)
    return NULL;
  f->base.ops = &file_ops;
  f->base.kind = __WASILIBC_P2_FILE;
  f->handle = handle;
  f->flags = flags;
  f->type = type;
  return f;
}

static uint8_t type_of(file_t *f) {
  if (f->type == TYPE_NOT_ASKED) {
    wasip2_result_u8_t r;
    __wasip2_fs_get_type(f->handle, &r);
    if (r.is_err)
      return WASIP2_FS_TYPE_UNKNOWN; /* asked again next time */
    f->type = r.u.ok;
  }
  return f->type;
}

static __wasi_filetype_t filetype_of(uint8_t type) {
  switch (type) {
  case WASIP2_FS_TYPE_BLOCK_DEVICE: return __WASI_FILETYPE_BLOCK_DEVICE;
  case WASIP2_FS_TYPE_CHARACTER_DEVICE: return __WASI_FILETYPE_CHARACTER_DEVICE;
  case WASIP2_FS_TYPE_DIRECTORY: return __WASI_FILETYPE_DIRECTORY;
  case WASIP2_FS_TYPE_SYMBOLIC_LINK: return __WASI_FILETYPE_SYMBOLIC_LINK;
  case WASIP2_FS_TYPE_REGULAR_FILE: return __WASI_FILETYPE_REGULAR_FILE;
  /* Preview 1 has no FIFO type; a socket here is a Unix socket file. */
  case WASIP2_FS_TYPE_SOCKET: return __WASI_FILETYPE_SOCKET_STREAM;
  default: return __WASI_FILETYPE_UNKNOWN;
  }
}

static uint32_t path_flags_of(__wasi_lookupflags_t lf) {
  return (lf & __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW) ? WASIP2_FS_SYMLINK_FOLLOW : 0;
}

/* ---- stat ----------------------------------------------------------------- */

static __wasi_timestamp_t ns_of(const wasip2_option_datetime_t *t) {
  return t->is_some ? t->value.seconds * NS_PER_S + t->value.nanoseconds : 0;
}

static void to_filestat(const wasip2_descriptor_stat_t *s, uint64_t ino, __wasi_filestat_t *st) {
  memset(st, 0, sizeof *st);
  st->ino = ino;
  st->filetype = filetype_of(s->type);
  st->nlink = s->link_count;
  st->size = s->size;
  st->atim = ns_of(&s->atime);
  st->mtim = ns_of(&s->mtime);
  st->ctim = ns_of(&s->ctime);
}

static e_t stat_at(int32_t dir, uint32_t path_flags, const char *path, __wasi_filestat_t *st) {
  size_t len = strlen(path);
  wasip2_result_stat_t r;
  __wasip2_fs_stat_at(dir, (int32_t)path_flags, path, len, &r);
  if (r.is_err)
    return fs_errno(r.u.err);
  /* The inode is the hash's lower half (what hosts fill it from); a host
   * that cannot hash gives 0, as Preview 1 hosts without inodes do. */
  wasip2_result_hash_t h;
  __wasip2_fs_metadata_hash_at(dir, (int32_t)path_flags, path, len, &h);
  to_filestat(&r.u.ok, h.is_err ? 0 : h.u.ok.lower, st);
  return 0;
}

static e_t file_stat(file_t *f, __wasi_filestat_t *st) {
  if (f->preopen)
    return stat_at(f->handle, WASIP2_FS_SYMLINK_FOLLOW, ".", st);
  wasip2_result_stat_t r;
  __wasip2_fs_stat(f->handle, &r);
  if (r.is_err)
    return fs_errno(r.u.err);
  wasip2_result_hash_t h;
  __wasip2_fs_metadata_hash(f->handle, &h);
  to_filestat(&r.u.ok, h.is_err ? 0 : h.u.ok.lower, st);
  if (f->type == TYPE_NOT_ASKED)
    f->type = r.u.ok.type;
  return 0;
}

static e_t file_size(file_t *f, uint64_t *size) {
  wasip2_result_stat_t r;
  if (f->preopen)
    __wasip2_fs_stat_at(f->handle, WASIP2_FS_SYMLINK_FOLLOW, ".", 1, &r);
  else
    __wasip2_fs_stat(f->handle, &r);
  if (r.is_err)
    return fs_errno(r.u.err);
  *size = r.u.ok.size;
  return 0;
}

/* ---- reading and writing -------------------------------------------------- */

/* Fills the buffers in order from `offset`, one host read each, until one
 * comes back short. */
static e_t read_at(file_t *f, const __wasi_iovec_t *iovs, size_t n, uint64_t offset, __wasi_size_t *nread) {
  *nread = 0;
  if (!(f->flags & WASIP2_FS_READ))
    return __WASI_ERRNO_BADF;
  /* Linux: EISDIR. Asked first: jco's shim lets the host's EISDIR escape
   * from descriptor.read as an exception (a trap), not an error-code. */
  if (type_of(f) == WASIP2_FS_TYPE_DIRECTORY)
    return __WASI_ERRNO_ISDIR;
  size_t total = 0;
  for (size_t i = 0; i < n; i++) {
    size_t want = iovs[i].buf_len;
    if (want == 0)
      continue;
    wasip2_result_read_t r;
    __wasip2_set_list_target(iovs[i].buf, want);
    __wasip2_fs_read(f->handle, (int64_t)want, (int64_t)(offset + total), &r);
    if (r.is_err) {
      __wasip2_set_list_target(NULL, 0);
      if (total)
        break; /* what was read counts; the error comes again */
      return fs_errno(r.u.err);
    }
    size_t got = r.u.ok.data.len;
    __wasip2_take_list(iovs[i].buf, r.u.ok.data.ptr, got);
    total += got;
    if (got < want || r.u.ok.end)
      break;
  }
  *nread = (__wasi_size_t)total;
  return 0;
}

static e_t write_at(file_t *f, const __wasi_ciovec_t *iovs, size_t n, uint64_t offset,
                    __wasi_size_t *nwritten) {
  *nwritten = 0;
  if (!(f->flags & WASIP2_FS_WRITE))
    return __WASI_ERRNO_BADF;
  size_t total = 0;
  for (size_t i = 0; i < n; i++) {
    const uint8_t *p = iovs[i].buf;
    size_t left = iovs[i].buf_len;
    while (left > 0) {
      wasip2_result_u64_t r;
      __wasip2_fs_write(f->handle, p, left, (int64_t)(offset + total), &r);
      if (r.is_err || r.u.ok == 0) {
        if (total)
          goto done;
        return r.is_err ? fs_errno(r.u.err) : __WASI_ERRNO_IO;
      }
      size_t k = r.u.ok < left ? (size_t)r.u.ok : left;
      p += k;
      left -= k;
      total += k;
    }
  }
done:
  *nwritten = (__wasi_size_t)total;
  return 0;
}

static e_t file_read(__wasilibc_p2_object_t *o, const __wasi_iovec_t *iovs, size_t n, __wasi_size_t *nread) {
  file_t *f = (file_t *)o;
  e_t e = read_at(f, iovs, n, f->pos, nread);
  if (e == 0)
    f->pos += *nread;
  return e;
}

static e_t file_write(__wasilibc_p2_object_t *o, const __wasi_ciovec_t *iovs, size_t n,
                      __wasi_size_t *nwritten) {
  file_t *f = (file_t *)o;
  if (f->append && (f->flags & WASIP2_FS_WRITE)) {
    e_t e = file_size(f, &f->pos);
    if (e)
      return e;
  }
  e_t e = write_at(f, iovs, n, f->pos, nwritten);
  if (e == 0)
    f->pos += *nwritten;
  return e;
}

e_t HOST(fd_pread)(__wasi_fd_t h, const __wasi_iovec_t *iovs, size_t n, __wasi_filesize_t offset,
                   __wasi_size_t *nread) {
  file_t *f = file_of(h);
  if (!f)
    return __WASI_ERRNO_SPIPE;
  if ((int64_t)offset < 0)
    return __WASI_ERRNO_INVAL;
  return read_at(f, iovs, n, offset, nread);
}

/* With O_APPEND, Linux's pwrite appends whatever the offset; so does this. */
e_t HOST(fd_pwrite)(__wasi_fd_t h, const __wasi_ciovec_t *iovs, size_t n, __wasi_filesize_t offset,
                    __wasi_size_t *nwritten) {
  file_t *f = file_of(h);
  if (!f)
    return __WASI_ERRNO_SPIPE;
  if ((int64_t)offset < 0)
    return __WASI_ERRNO_INVAL;
  if (f->append && (f->flags & WASIP2_FS_WRITE)) {
    e_t e = file_size(f, &offset);
    if (e)
      return e;
  }
  return write_at(f, iovs, n, offset, nwritten);
}

e_t HOST(fd_seek)(__wasi_fd_t h, __wasi_filedelta_t delta, __wasi_whence_t whence, __wasi_filesize_t *pos) {
  file_t *f = file_of(h);
  if (!f)
    return __WASI_ERRNO_SPIPE;
  int64_t base;
  switch (whence) {
  case __WASI_WHENCE_SET:
    base = 0;
    break;
  case __WASI_WHENCE_CUR:
    base = (int64_t)f->pos;
    break;
  case __WASI_WHENCE_END: {
    uint64_t size;
    e_t e = file_size(f, &size);
    if (e)
      return e;
    base = (int64_t)size;
    break;
  }
  default:
    return __WASI_ERRNO_INVAL;
  }
  /* Linux: EINVAL for a position below 0 or past the largest. */
  if (delta > 0 && base > INT64_MAX - delta)
    return __WASI_ERRNO_INVAL;
  int64_t to = base + delta;
  if (to < 0)
    return __WASI_ERRNO_INVAL;
  f->pos = (uint64_t)to;
  *pos = f->pos;
  return 0;
}

e_t HOST(fd_tell)(__wasi_fd_t h, __wasi_filesize_t *pos) {
  file_t *f = file_of(h);
  if (!f)
    return __WASI_ERRNO_SPIPE;
  *pos = f->pos;
  return 0;
}

/* ---- the other ops -------------------------------------------------------- */

/* Rights are no Preview 2 notion, but libc checks FD_READ and FD_WRITE
 * (posix_fallocate on a read-only file): those follow the open flags. */
#define ALL_RIGHTS ((__wasi_rights_t)0x1fffffff)
#define READ_RIGHTS ((__wasi_rights_t)(__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_READDIR))
#define WRITE_RIGHTS                                                                    \
  ((__wasi_rights_t)(__WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_WRITE |             \
                     __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE))

static e_t file_fdstat_get(__wasilibc_p2_object_t *o, __wasi_fdstat_t *st) {
  file_t *f = (file_t *)o;
  memset(st, 0, sizeof *st);
  st->fs_filetype = filetype_of(type_of(f));
  if (f->append)
    st->fs_flags |= __WASI_FDFLAGS_APPEND;
  if (f->nonblock)
    st->fs_flags |= __WASI_FDFLAGS_NONBLOCK;
  if (f->flags & WASIP2_FS_FILE_INTEGRITY_SYNC)
    st->fs_flags |= __WASI_FDFLAGS_SYNC;
  if (f->flags & WASIP2_FS_DATA_INTEGRITY_SYNC)
    st->fs_flags |= __WASI_FDFLAGS_DSYNC;
  if (f->flags & WASIP2_FS_REQUESTED_WRITE_SYNC)
    st->fs_flags |= __WASI_FDFLAGS_RSYNC;
  st->fs_rights_inheriting = ALL_RIGHTS;
  st->fs_rights_base = ALL_RIGHTS;
  if (!f->preopen) {
    if (!(f->flags & WASIP2_FS_READ))
      st->fs_rights_base &= ~READ_RIGHTS;
    if (!(f->flags & WASIP2_FS_WRITE))
      st->fs_rights_base &= ~WRITE_RIGHTS;
  }
  return 0;
}

static e_t file_filestat_get(__wasilibc_p2_object_t *o, __wasi_filestat_t *st) {
  return file_stat((file_t *)o, st);
}

static e_t file_set_flags(__wasilibc_p2_object_t *o, __wasi_fdflags_t flags) {
  file_t *f = (file_t *)o;
  if (flags & ~(__WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_NONBLOCK))
    return __WASI_ERRNO_NOTSUP;
  f->append = (flags & __WASI_FDFLAGS_APPEND) != 0;
  f->nonblock = (flags & __WASI_FDFLAGS_NONBLOCK) != 0;
  return 0;
}

/* Files and directories are always ready. */
static int32_t file_subscribe(__wasilibc_p2_object_t *o, bool write) {
  (void)o, (void)write;
  return -1;
}

static void dir_stream_close(file_t *f) {
  if (f->dir_stream)
    __wasip2_fs_directory_entry_stream_drop(f->dir_stream);
  if (f->dir_self)
    __wasip2_fs_descriptor_drop(f->dir_self);
  if (f->has_held)
    free(f->held_name.ptr);
  f->dir_stream = f->dir_self = 0;
  f->has_held = false;
  f->dir_index = 0;
}

static e_t file_close(__wasilibc_p2_object_t *o) {
  file_t *f = (file_t *)o;
  dir_stream_close(f);
  __wasip2_fs_descriptor_drop(f->handle);
  free(f->name);
  return 0;
}

static const __wasilibc_p2_object_ops_t file_ops = {
  .read = file_read,
  .write = file_write,
  .fdstat_get = file_fdstat_get,
  .filestat_get = file_filestat_get,
  .set_flags = file_set_flags,
  .subscribe = file_subscribe,
  .close = file_close,
};

/* What the base's path functions reference to link this file (link-files.h). */
const char __wasilibc_p2_files = 1;

/* ---- preopens ------------------------------------------------------------- */

__wasilibc_p2_object_t **__wasilibc_p2_preopens(size_t *n) {
  wasip2_preopen_list_t list;
  __wasip2_fs_get_directories(&list);
  __wasilibc_p2_object_t **objects = calloc(list.len ? list.len : 1, sizeof *objects);
  if (!objects)
    abort();
  for (size_t i = 0; i < list.len; i++) {
    file_t *f = file_new(list.ptr[i].descriptor, WASIP2_FS_READ, WASIP2_FS_TYPE_DIRECTORY);
    if (!f)
      abort();
    f->preopen = true;
    f->name = list.ptr[i].name.ptr; /* allocated for us by cabi_realloc */
    f->name_len = list.ptr[i].name.len;
    objects[i] = &f->base;
  }
  free(list.ptr);
  *n = list.len;
  return objects;
}

e_t HOST(fd_prestat_get)(__wasi_fd_t h, __wasi_prestat_t *p) {
  file_t *f = file_of(h);
  if (!f || !f->preopen)
    return __WASI_ERRNO_BADF;
  p->tag = __WASI_PREOPENTYPE_DIR;
  p->u.dir.pr_name_len = (__wasi_size_t)f->name_len;
  return 0;
}

e_t HOST(fd_prestat_dir_name)(__wasi_fd_t h, uint8_t *buf, __wasi_size_t len) {
  file_t *f = file_of(h);
  if (!f || !f->preopen)
    return __WASI_ERRNO_BADF;
  if (len < f->name_len)
    return __WASI_ERRNO_NAMETOOLONG;
  memcpy(buf, f->name, f->name_len);
  return 0;
}

/* ---- calls on open files -------------------------------------------------- */

e_t HOST(fd_advise)(__wasi_fd_t h, __wasi_filesize_t offset, __wasi_filesize_t len, __wasi_advice_t advice) {
  file_t *f = file_of(h);
  if (!f)
    return __WASI_ERRNO_SPIPE;
  if (advice > __WASI_ADVICE_NOREUSE)
    return __WASI_ERRNO_INVAL;
  wasip2_result_t r;
  __wasip2_fs_advise(f->handle, (int64_t)offset, (int64_t)len, advice, &r);
  return result_errno(&r);
}

/* wasi:filesystem has no allocate: posix_fallocate (common/advise.c) then
 * extends the file itself. */
e_t HOST(fd_allocate)(__wasi_fd_t h, __wasi_filesize_t offset, __wasi_filesize_t len) {
  (void)h, (void)offset, (void)len;
  return __WASI_ERRNO_NOTSUP;
}

e_t HOST(fd_datasync)(__wasi_fd_t h) {
  file_t *f = file_of(h);
  if (!f)
    return __WASI_ERRNO_INVAL;
  wasip2_result_t r;
  __wasip2_fs_sync_data(f->handle, &r);
  return result_errno(&r);
}

e_t HOST(fd_sync)(__wasi_fd_t h) {
  file_t *f = file_of(h);
  if (!f)
    return __WASI_ERRNO_INVAL;
  wasip2_result_t r;
  __wasip2_fs_sync(f->handle, &r);
  return result_errno(&r);
}

e_t HOST(fd_filestat_set_size)(__wasi_fd_t h, __wasi_filesize_t size) {
  file_t *f = file_of(h);
  if (!f)
    return __WASI_ERRNO_INVAL;
  if ((int64_t)size < 0)
    return __WASI_ERRNO_INVAL;
  wasip2_result_t r;
  __wasip2_fs_set_size(f->handle, (int64_t)size, &r);
  return result_errno(&r);
}

/* A Preview 1 time and its two flags as a new-timestamp. */
typedef struct {
  int32_t tag;
  int64_t seconds;
  int32_t nanoseconds;
} new_timestamp_t;

static bool new_timestamp(__wasi_timestamp_t t, __wasi_fstflags_t flags, __wasi_fstflags_t set,
                          __wasi_fstflags_t now, new_timestamp_t *out) {
  if ((flags & set) && (flags & now))
    return false;
  out->seconds = 0;
  out->nanoseconds = 0;
  if (flags & now) {
    out->tag = WASIP2_FS_NOW;
  } else if (flags & set) {
    out->tag = WASIP2_FS_TIMESTAMP;
    out->seconds = (int64_t)(t / NS_PER_S);
    out->nanoseconds = (int32_t)(t % NS_PER_S);
  } else {
    out->tag = WASIP2_FS_NO_CHANGE;
  }
  return true;
}

static bool new_timestamps(__wasi_timestamp_t a, __wasi_timestamp_t m, __wasi_fstflags_t flags,
                           new_timestamp_t *at, new_timestamp_t *mt) {
  return new_timestamp(a, flags, __WASI_FSTFLAGS_ATIM, __WASI_FSTFLAGS_ATIM_NOW, at) &&
         new_timestamp(m, flags, __WASI_FSTFLAGS_MTIM, __WASI_FSTFLAGS_MTIM_NOW, mt);
}

e_t HOST(fd_filestat_set_times)(__wasi_fd_t h, __wasi_timestamp_t a, __wasi_timestamp_t m,
                                __wasi_fstflags_t flags) {
  file_t *f = file_of(h);
  if (!f)
    return __WASI_ERRNO_INVAL;
  new_timestamp_t at, mt;
  if (!new_timestamps(a, m, flags, &at, &mt))
    return __WASI_ERRNO_INVAL;
  wasip2_result_t r;
  if (f->preopen)
    __wasip2_fs_set_times_at(f->handle, WASIP2_FS_SYMLINK_FOLLOW, ".", 1, at.tag, at.seconds,
                             at.nanoseconds, mt.tag, mt.seconds, mt.nanoseconds, &r);
  else
    __wasip2_fs_set_times(f->handle, at.tag, at.seconds, at.nanoseconds, mt.tag, mt.seconds,
                          mt.nanoseconds, &r);
  return result_errno(&r);
}

/* ---- fd_readdir ----------------------------------------------------------- */

/* A fresh stream at the directory's first entry. */
static e_t dir_stream_open(file_t *f) {
  dir_stream_close(f);
  int32_t dir = f->handle;
  if (f->preopen) {
    wasip2_result_u32_t o;
    __wasip2_fs_open_at(f->handle, WASIP2_FS_SYMLINK_FOLLOW, ".", 1, WASIP2_FS_DIRECTORY, WASIP2_FS_READ, &o);
    if (o.is_err)
      return fs_errno(o.u.err);
    dir = f->dir_self = (int32_t)o.u.ok;
  }
  wasip2_result_u32_t r;
  __wasip2_fs_read_directory(dir, &r);
  if (r.is_err) {
    dir_stream_close(f);
    return fs_errno(r.u.err);
  }
  f->dir_stream = (int32_t)r.u.ok;
  return 0;
}

/* The next entry into `held`; false at the end. */
static e_t dir_stream_next(file_t *f, bool *got) {
  wasip2_result_dirent_t r;
  __wasip2_fs_read_directory_entry(f->dir_stream, &r);
  if (r.is_err)
    return fs_errno(r.u.err);
  *got = r.u.ok.is_some;
  if (*got) {
    f->has_held = true;
    f->held_type = r.u.ok.entry.type;
    f->held_name = r.u.ok.entry.name;
    f->dir_index++;
  }
  return 0;
}

/* Entries are numbered from 0 in the stream's order; an entry's cookie is
 * the number of the one after it. A cookie that is not where the stream
 * stands (rewinddir, seekdir) starts a new stream and skips to it: cookie 0
 * always does, so that rewinddir sees the directory as it is now. */
e_t HOST(fd_readdir)(__wasi_fd_t h, uint8_t *buf, __wasi_size_t len, __wasi_dircookie_t cookie,
                     __wasi_size_t *used) {
  file_t *f = file_of(h);
  *used = 0;
  if (!f)
    return __WASI_ERRNO_NOTDIR;
  uint64_t here = f->has_held ? f->dir_index - 1 : f->dir_index;
  if (!f->dir_stream || cookie == 0 || cookie != here) {
    e_t e = dir_stream_open(f);
    if (e)
      return e;
    while (f->dir_index < cookie) {
      bool got;
      e = dir_stream_next(f, &got);
      if (e)
        return e;
      if (!got)
        return 0; /* past the end */
      free(f->held_name.ptr);
      f->has_held = false;
    }
  }
  size_t out = 0;
  while (out < len) {
    if (!f->has_held) {
      bool got;
      e_t e = dir_stream_next(f, &got);
      if (e) {
        if (out)
          break;
        return e;
      }
      if (!got)
        break;
    }
    /* d_ino costs a host call per entry, but 0 would not do: some programs
     * skip entries with inode 0 (once the mark of a deleted entry). */
    uint64_t ino = 0;
    wasip2_result_hash_t hash;
    __wasip2_fs_metadata_hash_at(f->dir_self ? f->dir_self : f->handle, 0, f->held_name.ptr,
                                 f->held_name.len, &hash);
    if (!hash.is_err)
      ino = hash.u.ok.lower;
    __wasi_dirent_t ent = {
      .d_next = f->dir_index,
      .d_ino = ino,
      .d_namlen = (__wasi_dirnamlen_t)f->held_name.len,
      .d_type = filetype_of(f->held_type),
    };
    size_t room = len - out, whole = sizeof ent + f->held_name.len;
    size_t k = sizeof ent < room ? sizeof ent : room;
    memcpy(buf + out, &ent, k);
    if (room > sizeof ent)
      memcpy(buf + out + sizeof ent, f->held_name.ptr, whole < room ? f->held_name.len : room - sizeof ent);
    if (whole > room) {
      /* Cut off: readdir asks again from this entry's cookie; it waits. */
      out = len;
      break;
    }
    out += whole;
    free(f->held_name.ptr);
    f->has_held = false;
  }
  *used = (__wasi_size_t)out;
  return 0;
}

/* ---- calls on paths ------------------------------------------------------- */

e_t HOST(path_create_directory)(__wasi_fd_t h, const char *path) {
  file_t *d = file_of(h);
  if (!d)
    return __WASI_ERRNO_NOTDIR;
  wasip2_result_t r;
  __wasip2_fs_create_directory_at(d->handle, path, strlen(path), &r);
  return result_errno(&r);
}

e_t HOST(path_filestat_get)(__wasi_fd_t h, __wasi_lookupflags_t lf, const char *path, __wasi_filestat_t *st) {
  file_t *d = file_of(h);
  if (!d)
    return __WASI_ERRNO_NOTDIR;
  return stat_at(d->handle, path_flags_of(lf), path, st);
}

e_t HOST(path_filestat_set_times)(__wasi_fd_t h, __wasi_lookupflags_t lf, const char *path,
                                  __wasi_timestamp_t a, __wasi_timestamp_t m, __wasi_fstflags_t flags) {
  file_t *d = file_of(h);
  if (!d)
    return __WASI_ERRNO_NOTDIR;
  new_timestamp_t at, mt;
  if (!new_timestamps(a, m, flags, &at, &mt))
    return __WASI_ERRNO_INVAL;
  wasip2_result_t r;
  __wasip2_fs_set_times_at(d->handle, (int32_t)path_flags_of(lf), path, strlen(path), at.tag, at.seconds,
                           at.nanoseconds, mt.tag, mt.seconds, mt.nanoseconds, &r);
  return result_errno(&r);
}

e_t HOST(path_link)(__wasi_fd_t old_h, __wasi_lookupflags_t lf, const char *old_path, __wasi_fd_t new_h,
                    const char *new_path) {
  file_t *od = file_of(old_h), *nd = file_of(new_h);
  if (!od || !nd)
    return __WASI_ERRNO_NOTDIR;
  wasip2_result_t r;
  __wasip2_fs_link_at(od->handle, (int32_t)path_flags_of(lf), old_path, strlen(old_path), nd->handle,
                      new_path, strlen(new_path), &r);
  return result_errno(&r);
}

/* Whether the host takes mutate-directory in open-at (jco's shim refuses
 * it as unsupported; wasmtime needs it to change a directory opened below
 * a preopen). */
static bool mutate_refused;

e_t HOST(path_open)(__wasi_fd_t h, __wasi_lookupflags_t lf, const char *path, __wasi_oflags_t of,
                    __wasi_rights_t base, __wasi_rights_t inheriting, __wasi_fdflags_t ff, __wasi_fd_t *out) {
  (void)inheriting;
  file_t *d = file_of(h);
  if (!d)
    return __WASI_ERRNO_NOTDIR;
  uint32_t open_flags = 0;
  if (of & __WASI_OFLAGS_CREAT)
    open_flags |= WASIP2_FS_CREATE;
  if (of & __WASI_OFLAGS_DIRECTORY)
    open_flags |= WASIP2_FS_DIRECTORY;
  if (of & __WASI_OFLAGS_EXCL)
    open_flags |= WASIP2_FS_EXCLUSIVE;
  if (of & __WASI_OFLAGS_TRUNC)
    open_flags |= WASIP2_FS_TRUNCATE;
  uint32_t flags = 0;
  if (of & __WASI_OFLAGS_DIRECTORY) {
    flags = WASIP2_FS_READ;
    if (!mutate_refused)
      flags |= WASIP2_FS_MUTATE_DIRECTORY;
  } else {
    if (base & __WASI_RIGHTS_FD_READ)
      flags |= WASIP2_FS_READ;
    if (base & __WASI_RIGHTS_FD_WRITE)
      flags |= WASIP2_FS_WRITE;
  }
  if (ff & __WASI_FDFLAGS_SYNC)
    flags |= WASIP2_FS_FILE_INTEGRITY_SYNC;
  if (ff & __WASI_FDFLAGS_DSYNC)
    flags |= WASIP2_FS_DATA_INTEGRITY_SYNC;
  if (ff & __WASI_FDFLAGS_RSYNC)
    flags |= WASIP2_FS_REQUESTED_WRITE_SYNC;
  size_t len = strlen(path);
  wasip2_result_u32_t r;
  __wasip2_fs_open_at(d->handle, (int32_t)path_flags_of(lf), path, len, (int32_t)open_flags, (int32_t)flags, &r);
  if (r.is_err && r.u.err == WASIP2_FS_ERR_UNSUPPORTED && (flags & WASIP2_FS_MUTATE_DIRECTORY)) {
    mutate_refused = true;
    flags &= ~(uint32_t)WASIP2_FS_MUTATE_DIRECTORY;
    __wasip2_fs_open_at(d->handle, (int32_t)path_flags_of(lf), path, len, (int32_t)open_flags, (int32_t)flags, &r);
  }
  if (r.is_err)
    return fs_errno(r.u.err);
  file_t *f = file_new((int32_t)r.u.ok, (uint8_t)flags,
                       (of & __WASI_OFLAGS_DIRECTORY) ? WASIP2_FS_TYPE_DIRECTORY : TYPE_NOT_ASKED);
  if (!f) {
    __wasip2_fs_descriptor_drop((int32_t)r.u.ok);
    return __WASI_ERRNO_NOMEM;
  }
  f->append = (ff & __WASI_FDFLAGS_APPEND) != 0;
  *out = (__wasi_fd_t)__wasilibc_p2_host_number(&f->base);
  return 0;
}

e_t HOST(path_readlink)(__wasi_fd_t h, const char *path, uint8_t *buf, __wasi_size_t len, __wasi_size_t *used) {
  file_t *d = file_of(h);
  if (!d)
    return __WASI_ERRNO_NOTDIR;
  wasip2_result_string_t r;
  __wasip2_fs_readlink_at(d->handle, path, strlen(path), &r);
  if (r.is_err)
    return fs_errno(r.u.err);
  size_t k = r.u.ok.len < len ? r.u.ok.len : len;
  memcpy(buf, r.u.ok.ptr, k);
  free(r.u.ok.ptr);
  *used = (__wasi_size_t)k;
  return 0;
}

e_t HOST(path_remove_directory)(__wasi_fd_t h, const char *path) {
  file_t *d = file_of(h);
  if (!d)
    return __WASI_ERRNO_NOTDIR;
  wasip2_result_t r;
  __wasip2_fs_remove_directory_at(d->handle, path, strlen(path), &r);
  return result_errno(&r);
}

e_t HOST(path_rename)(__wasi_fd_t old_h, const char *old_path, __wasi_fd_t new_h, const char *new_path) {
  file_t *od = file_of(old_h), *nd = file_of(new_h);
  if (!od || !nd)
    return __WASI_ERRNO_NOTDIR;
  wasip2_result_t r;
  __wasip2_fs_rename_at(od->handle, old_path, strlen(old_path), nd->handle, new_path, strlen(new_path), &r);
  return result_errno(&r);
}

e_t HOST(path_symlink)(const char *target, __wasi_fd_t h, const char *path) {
  file_t *d = file_of(h);
  if (!d)
    return __WASI_ERRNO_NOTDIR;
  wasip2_result_t r;
  __wasip2_fs_symlink_at(d->handle, target, strlen(target), path, strlen(path), &r);
  return result_errno(&r);
}

e_t HOST(path_unlink_file)(__wasi_fd_t h, const char *path) {
  file_t *d = file_of(h);
  if (!d)
    return __WASI_ERRNO_NOTDIR;
  wasip2_result_t r;
  __wasip2_fs_unlink_file_at(d->handle, path, strlen(path), &r);
  return result_errno(&r);
}
