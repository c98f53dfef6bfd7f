/*
 * libc's descriptor table and the __wasi_* calls that take descriptors
 * (fd-table.h explains the design).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "fd-table.h"

/* The base's bindings, renamed by host-calls.h. */
#define HOST(name) __wasilibc_host_##name
typedef __wasi_errno_t e_t;
e_t HOST(fd_advise)(__wasi_fd_t, __wasi_filesize_t, __wasi_filesize_t, __wasi_advice_t);
e_t HOST(fd_allocate)(__wasi_fd_t, __wasi_filesize_t, __wasi_filesize_t);
e_t HOST(fd_close)(__wasi_fd_t);
e_t HOST(fd_datasync)(__wasi_fd_t);
e_t HOST(fd_fdstat_get)(__wasi_fd_t, __wasi_fdstat_t *);
e_t HOST(fd_fdstat_set_flags)(__wasi_fd_t, __wasi_fdflags_t);
e_t HOST(fd_fdstat_set_rights)(__wasi_fd_t, __wasi_rights_t, __wasi_rights_t);
e_t HOST(fd_filestat_get)(__wasi_fd_t, __wasi_filestat_t *);
e_t HOST(fd_filestat_set_size)(__wasi_fd_t, __wasi_filesize_t);
e_t HOST(fd_filestat_set_times)(__wasi_fd_t, __wasi_timestamp_t, __wasi_timestamp_t, __wasi_fstflags_t);
e_t HOST(fd_pread)(__wasi_fd_t, const __wasi_iovec_t *, size_t, __wasi_filesize_t, __wasi_size_t *);
e_t HOST(fd_prestat_get)(__wasi_fd_t, __wasi_prestat_t *);
e_t HOST(fd_prestat_dir_name)(__wasi_fd_t, uint8_t *, __wasi_size_t);
e_t HOST(fd_pwrite)(__wasi_fd_t, const __wasi_ciovec_t *, size_t, __wasi_filesize_t, __wasi_size_t *);
e_t HOST(fd_read)(__wasi_fd_t, const __wasi_iovec_t *, size_t, __wasi_size_t *);
e_t HOST(fd_readdir)(__wasi_fd_t, uint8_t *, __wasi_size_t, __wasi_dircookie_t, __wasi_size_t *);
e_t HOST(fd_renumber)(__wasi_fd_t, __wasi_fd_t);
e_t HOST(fd_seek)(__wasi_fd_t, __wasi_filedelta_t, __wasi_whence_t, __wasi_filesize_t *);
e_t HOST(fd_sync)(__wasi_fd_t);
e_t HOST(fd_tell)(__wasi_fd_t, __wasi_filesize_t *);
e_t HOST(fd_write)(__wasi_fd_t, const __wasi_ciovec_t *, size_t, __wasi_size_t *);
e_t HOST(path_create_directory)(__wasi_fd_t, const char *);
e_t HOST(path_filestat_get)(__wasi_fd_t, __wasi_lookupflags_t, const char *, __wasi_filestat_t *);
e_t HOST(path_filestat_set_times)(__wasi_fd_t, __wasi_lookupflags_t, const char *, __wasi_timestamp_t,
                                  __wasi_timestamp_t, __wasi_fstflags_t);
e_t HOST(path_link)(__wasi_fd_t, __wasi_lookupflags_t, const char *, __wasi_fd_t, const char *);
e_t HOST(path_open)(__wasi_fd_t, __wasi_lookupflags_t, const char *, __wasi_oflags_t, __wasi_rights_t,
                    __wasi_rights_t, __wasi_fdflags_t, __wasi_fd_t *);
e_t HOST(path_readlink)(__wasi_fd_t, const char *, uint8_t *, __wasi_size_t, __wasi_size_t *);
e_t HOST(path_remove_directory)(__wasi_fd_t, const char *);
e_t HOST(path_rename)(__wasi_fd_t, const char *, __wasi_fd_t, const char *);
e_t HOST(path_symlink)(const char *, __wasi_fd_t, const char *);
e_t HOST(path_unlink_file)(__wasi_fd_t, const char *);
e_t HOST(poll_oneoff)(const __wasi_subscription_t *, __wasi_event_t *, __wasi_size_t, __wasi_size_t *);
e_t HOST(sock_accept)(__wasi_fd_t, __wasi_fdflags_t, __wasi_fd_t *);
e_t HOST(sock_recv)(__wasi_fd_t, const __wasi_iovec_t *, size_t, __wasi_riflags_t, __wasi_size_t *,
                    __wasi_roflags_t *);
e_t HOST(sock_send)(__wasi_fd_t, const __wasi_ciovec_t *, size_t, __wasi_siflags_t, __wasi_size_t *);
e_t HOST(sock_shutdown)(__wasi_fd_t, __wasi_sdflags_t);

#ifdef __wasip2__
/* The file layer (p2/src/host/files.c) is linked only into programs that name
 * paths (p2/src/host/host.h): weak here, so that a program that only prints
 * links neither it nor the allocator. Without it there are no files or
 * directories, and these calls answer for stdio (p2/src/host/no-files.c). */
#pragma weak __wasilibc_host_fd_pread
#pragma weak __wasilibc_host_fd_pwrite
#pragma weak __wasilibc_host_fd_seek
#pragma weak __wasilibc_host_fd_tell
#pragma weak __wasilibc_host_fd_prestat_get
#pragma weak __wasilibc_host_fd_prestat_dir_name
#pragma weak __wasilibc_host_fd_advise
#pragma weak __wasilibc_host_fd_allocate
#pragma weak __wasilibc_host_fd_datasync
#pragma weak __wasilibc_host_fd_sync
#pragma weak __wasilibc_host_fd_filestat_set_size
#pragma weak __wasilibc_host_fd_filestat_set_times
#pragma weak __wasilibc_host_fd_readdir
#pragma weak __wasilibc_host_path_create_directory
#pragma weak __wasilibc_host_path_filestat_get
#pragma weak __wasilibc_host_path_filestat_set_times
#pragma weak __wasilibc_host_path_link
#pragma weak __wasilibc_host_path_open
#pragma weak __wasilibc_host_path_readlink
#pragma weak __wasilibc_host_path_remove_directory
#pragma weak __wasilibc_host_path_rename
#pragma weak __wasilibc_host_path_symlink
#pragma weak __wasilibc_host_path_unlink_file
e_t __wasilibc_p2_no_file_fd_pread(__wasi_fd_t, const __wasi_iovec_t *, size_t, __wasi_filesize_t, __wasi_size_t *);
e_t __wasilibc_p2_no_file_fd_pwrite(__wasi_fd_t, const __wasi_ciovec_t *, size_t, __wasi_filesize_t, __wasi_size_t *);
e_t __wasilibc_p2_no_file_fd_seek(__wasi_fd_t, __wasi_filedelta_t, __wasi_whence_t, __wasi_filesize_t *);
e_t __wasilibc_p2_no_file_fd_tell(__wasi_fd_t, __wasi_filesize_t *);
e_t __wasilibc_p2_no_file_fd_prestat_get(__wasi_fd_t, __wasi_prestat_t *);
e_t __wasilibc_p2_no_file_fd_prestat_dir_name(__wasi_fd_t, uint8_t *, __wasi_size_t);
e_t __wasilibc_p2_no_file_fd_advise(__wasi_fd_t, __wasi_filesize_t, __wasi_filesize_t, __wasi_advice_t);
e_t __wasilibc_p2_no_file_fd_allocate(__wasi_fd_t, __wasi_filesize_t, __wasi_filesize_t);
e_t __wasilibc_p2_no_file_fd_datasync(__wasi_fd_t);
e_t __wasilibc_p2_no_file_fd_sync(__wasi_fd_t);
e_t __wasilibc_p2_no_file_fd_filestat_set_size(__wasi_fd_t, __wasi_filesize_t);
e_t __wasilibc_p2_no_file_fd_filestat_set_times(__wasi_fd_t, __wasi_timestamp_t, __wasi_timestamp_t, __wasi_fstflags_t);
e_t __wasilibc_p2_no_file_fd_readdir(__wasi_fd_t, uint8_t *, __wasi_size_t, __wasi_dircookie_t, __wasi_size_t *);
e_t __wasilibc_p2_no_file_path_create_directory(__wasi_fd_t, const char *);
e_t __wasilibc_p2_no_file_path_filestat_get(__wasi_fd_t, __wasi_lookupflags_t, const char *, __wasi_filestat_t *);
e_t __wasilibc_p2_no_file_path_filestat_set_times(__wasi_fd_t, __wasi_lookupflags_t, const char *, __wasi_timestamp_t, __wasi_timestamp_t, __wasi_fstflags_t);
e_t __wasilibc_p2_no_file_path_link(__wasi_fd_t, __wasi_lookupflags_t, const char *, __wasi_fd_t, const char *);
e_t __wasilibc_p2_no_file_path_open(__wasi_fd_t, __wasi_lookupflags_t, const char *, __wasi_oflags_t, __wasi_rights_t, __wasi_rights_t, __wasi_fdflags_t, __wasi_fd_t *);
e_t __wasilibc_p2_no_file_path_readlink(__wasi_fd_t, const char *, uint8_t *, __wasi_size_t, __wasi_size_t *);
e_t __wasilibc_p2_no_file_path_remove_directory(__wasi_fd_t, const char *);
e_t __wasilibc_p2_no_file_path_rename(__wasi_fd_t, const char *, __wasi_fd_t, const char *);
e_t __wasilibc_p2_no_file_path_symlink(const char *, __wasi_fd_t, const char *);
e_t __wasilibc_p2_no_file_path_unlink_file(__wasi_fd_t, const char *);
#define HOST_FILES(name) (HOST(name) ? HOST(name) : __wasilibc_p2_no_file_##name)
#else
#define HOST_FILES(name) HOST(name)
#endif

#ifdef __wasip2__
/* libc's host is libc itself (p2/src/host): the descriptors a program
 * starts with come from there, not from probing numbers. */
int32_t __wasilibc_host_initial(int32_t n);
/* Defined only in a mixed link, where an object of the program imports
 * Preview 1 and the adapter is linked (p2/src/adapter-reserve.c): reserves
 * the adapter's next number, on which Preview 1 calls fail with EBADF. */
__attribute__((__weak__)) int32_t __wasilibc_adapter_reserve(int32_t *fd);
#endif

__wasilibc_fd_slot_t *__wasilibc_fd_slots;
size_t __wasilibc_fd_slots_len;
const struct __wasilibc_fd_kind_ops *__wasilibc_pipe_ops;
const struct __wasilibc_fd_kind_ops *__wasilibc_socket_kind_ops;

#define FILETYPE_UNKNOWN_YET 0xff

/* ---- locking (wasm32-wasip1-threads) ------------------------------------ */

#ifdef _REENTRANT
static int table_lock;
static void lock(void) {
  while (__atomic_exchange_n(&table_lock, 1, __ATOMIC_ACQUIRE))
    __builtin_wasm_memory_atomic_wait32(&table_lock, 1, -1);
}
static void unlock(void) {
  __atomic_store_n(&table_lock, 0, __ATOMIC_RELEASE);
  __builtin_wasm_memory_atomic_notify(&table_lock, 1);
}
#else
static void lock(void) {}
static void unlock(void) {}
#endif

/* ---- the table ----------------------------------------------------------- */

static bool table_ready;
#ifdef __wasip2__
/* Mixed links: adapter numbers below this exist (stdio, a preopen, or a
 * placeholder of libc's). */
static int adapter_len;
static bool adapter_full;
#endif

/* The first slots and stdio's descriptions are static: a program that only
 * prints allocates nothing here. On wasm32-wasip2 the allocator is even a
 * weak reference, so that such a program links none (host/host.h); every
 * way to a new description or a slot past these (open, pipe, socket, dup)
 * links it strongly. */
#define STATIC_SLOTS 8
static __wasilibc_fd_slot_t static_slots[STATIC_SLOTS];
static __wasilibc_fd_desc_t stdio_descs[3];
#ifdef __wasip2__
#pragma weak calloc
#pragma weak realloc
#pragma weak free
#pragma weak malloc
#define ALLOCATOR_LINKED (realloc != NULL && calloc != NULL)
#else
#define ALLOCATOR_LINKED 1
#endif

static bool grow(size_t n) {
  if (n <= __wasilibc_fd_slots_len)
    return true;
  if (n > __WASILIBC_FD_MAX)
    return false;
  if (!__wasilibc_fd_slots && n <= STATIC_SLOTS) {
    __wasilibc_fd_slots = static_slots;
    __wasilibc_fd_slots_len = STATIC_SLOTS;
    return true;
  }
  if (!ALLOCATOR_LINKED)
    return false;
  size_t len = __wasilibc_fd_slots_len ? __wasilibc_fd_slots_len * 2 : 16;
  while (len < n)
    len *= 2;
  if (len > __WASILIBC_FD_MAX)
    len = __WASILIBC_FD_MAX;
  bool was_static = __wasilibc_fd_slots == static_slots;
  __wasilibc_fd_slot_t *slots = realloc(was_static ? NULL : __wasilibc_fd_slots, len * sizeof *slots);
  if (!slots)
    return false;
  if (was_static)
    memcpy(slots, static_slots, sizeof static_slots);
  memset(slots + __wasilibc_fd_slots_len, 0, (len - __wasilibc_fd_slots_len) * sizeof *slots);
  __wasilibc_fd_slots = slots;
  __wasilibc_fd_slots_len = len;
  return true;
}

static void init_desc(__wasilibc_fd_desc_t *d, int kind, int32_t host, uint8_t filetype) {
  d->kind = (uint8_t)kind;
  d->host = host;
  d->filetype = filetype;
}

static __wasilibc_fd_desc_t *new_desc(int kind, int32_t host, uint8_t filetype) {
  __wasilibc_fd_desc_t *d = ALLOCATOR_LINKED ? calloc(1, sizeof *d) : NULL;
  if (d)
    init_desc(d, kind, host, filetype);
  return d;
}

static void free_desc(__wasilibc_fd_desc_t *d) {
  if (d < stdio_descs || d >= stdio_descs + 3)
    free(d);
}

/* The host's descriptors at startup: stdio, then the preopens, numbered
 * from 0 without gaps by every host we know. They keep their numbers. */
static void setup(void) {
  if (table_ready)
    return;
  table_ready = true;
  for (int32_t n = 0; n < __WASILIBC_FD_MAX; n++) {
#ifdef __wasip2__
    int32_t h = __wasilibc_host_initial(n);
    if (h == -1) {
      adapter_len = n;
      break;
    }
    uint8_t filetype = FILETYPE_UNKNOWN_YET;
#else
    int32_t h = n;
    __wasi_fdstat_t st;
    if (HOST(fd_fdstat_get)(h, &st) != 0) {
      if (h < 3)
        continue;
      break;
    }
    uint8_t filetype = st.fs_filetype;
#endif
    __wasilibc_fd_desc_t *d = !grow((size_t)n + 1) ? NULL
                            : n < 3 ? &stdio_descs[n] : new_desc(__WASILIBC_FD_HOST, h, filetype);
    if (!d)
      abort();
    init_desc(d, __WASILIBC_FD_HOST, h, filetype);
    d->refs = 1;
    __wasilibc_fd_slots[n].desc = d;
  }
}

static int lowest_free(int min) {
  for (size_t i = (size_t)min; i < __WASILIBC_FD_MAX; i++) {
    if (i >= __wasilibc_fd_slots_len && !grow(i + 1))
      return -ENOMEM;
    if (!__wasilibc_fd_slots[i].desc && !__wasilibc_fd_slots[i].foreign)
      return (int)i;
  }
  return -EMFILE;
}

int __wasilibc_fd_can_add(void) {
  int u = lowest_free(0);
  if (u >= 0)
    return 0;
  errno = -u;
  return -1;
}

#ifdef __wasip2__
/* Mixed links keep libc's numbers and the adapter's from meaning different
 * things: every number libc uses beyond the ones both start with holds a
 * placeholder in the adapter, and so does every free number below it. A
 * number the adapter skipped while handing out placeholders was taken by
 * the foreign object itself: libc leaves it alone. Placeholders stay when
 * libc closes a number, ready for its next use. Numbers from 128 on, beyond
 * the adapter's table, are libc's alone. */
static void reserve(int u) {
  if (!__wasilibc_adapter_reserve)
    return;
  while (!adapter_full && adapter_len <= u) {
    int32_t r;
    if (__wasilibc_adapter_reserve(&r) != 0 || !grow((size_t)r + 1)) {
      adapter_full = true;
      break;
    }
    for (int k = adapter_len; k < r; k++)
      __wasilibc_fd_slots[k].foreign = true;
    if (r >= adapter_len)
      adapter_len = r + 1;
  }
}
#else
static void reserve(int u) { (void)u; }
#endif

/* The lowest free number >= min, with its placeholder in place (mixed
 * links); a negative errno if there is none. */
static int take_lowest(int min) {
  for (;;) {
    int u = lowest_free(min);
    if (u < 0)
      return u;
    reserve(u);
    if (!__wasilibc_fd_slots[u].foreign)
      return u;
  }
}

/* Puts `d` at number `u` (free). */
static void place(int u, __wasilibc_fd_desc_t *d, bool cloexec) {
  reserve(u);
  __wasilibc_fd_slots[u].desc = d;
  __wasilibc_fd_slots[u].cloexec = cloexec;
  d->refs++;
}

int __wasilibc_fd_add(int kind, void *obj, uint16_t flags, bool cloexec, int min) {
  lock();
  setup();
  int u = take_lowest(min);
  __wasilibc_fd_desc_t *d = u >= 0 ? new_desc(kind, -1, FILETYPE_UNKNOWN_YET) : NULL;
  if (d) {
    d->obj = obj;
    d->flags = flags;
    place(u, d, cloexec);
  }
  unlock();
  if (u < 0) {
    errno = -u;
    return -1;
  }
  if (!d) {
    errno = ENOMEM;
    return -1;
  }
  return u;
}

__wasilibc_fd_desc_t *__wasilibc_fd_get(int fd) {
  lock();
  setup();
  __wasilibc_fd_desc_t *d = __wasilibc_fd_peek(fd);
  unlock();
  if (!d)
    errno = EBADF;
  return d;
}

/* Removes number `fd`; returns its description if that was the last
 * reference (the caller closes it), else NULL. */
static __wasilibc_fd_desc_t *unplace(int fd) {
  __wasilibc_fd_slot_t *slot = &__wasilibc_fd_slots[fd];
  __wasilibc_fd_desc_t *d = slot->desc;
  slot->desc = NULL;
  slot->cloexec = false;
  if (--d->refs == 0)
    return d;
  return NULL;
}

static e_t close_desc(__wasilibc_fd_desc_t *d) {
  e_t error = 0;
  switch (d->kind) {
  case __WASILIBC_FD_HOST:
    error = HOST(fd_close)(d->host);
    break;
  case __WASILIBC_FD_PIPE:
    error = __wasilibc_pipe_ops->close(d);
    break;
  case __WASILIBC_FD_SOCKET:
    error = __wasilibc_socket_kind_ops->close(d);
    break;
  }
  free_desc(d);
  return error;
}

int __wasilibc_fd_dup(int fd, int newfd, int min, bool cloexec) {
  lock();
  setup();
  __wasilibc_fd_desc_t *d = __wasilibc_fd_peek(fd);
  int err = 0;
  __wasilibc_fd_desc_t *old = NULL;
  if (!d) {
    err = EBADF;
  } else if (newfd >= 0) {
    if (newfd >= __WASILIBC_FD_MAX || !grow((size_t)newfd + 1))
      err = EBADF;
    else if (__wasilibc_fd_slots[newfd].desc == d)
      __wasilibc_fd_slots[newfd].cloexec = cloexec;
    else {
      if (__wasilibc_fd_slots[newfd].desc)
        old = unplace(newfd);
      place(newfd, d, cloexec);
    }
  } else {
    newfd = take_lowest(min);
    if (newfd < 0)
      err = -newfd;
    else
      place(newfd, d, cloexec);
  }
  unlock();
  if (old)
    (void)close_desc(old); /* as on Linux, errors of the implicit close are lost */
  if (err) {
    errno = err;
    return -1;
  }
  return newfd;
}

int __wasilibc_fd_set_cloexec(int fd, bool cloexec) {
  lock();
  setup();
  int r = 0;
  if (__wasilibc_fd_peek(fd))
    __wasilibc_fd_slots[fd].cloexec = cloexec;
  else
    r = -1;
  unlock();
  if (r)
    errno = EBADF;
  return r;
}

/* ---- the __wasi_* calls -------------------------------------------------- */

/* The host number of `fd`; `other` for a description that lives in libc. */
static e_t host_of(__wasi_fd_t fd, int32_t *h, e_t other) {
  lock();
  setup();
  __wasilibc_fd_desc_t *d = __wasilibc_fd_peek((int)fd);
  e_t error = 0;
  if (!d)
    error = __WASI_ERRNO_BADF;
  else if (d->kind != __WASILIBC_FD_HOST)
    error = other;
  else
    *h = d->host;
  unlock();
  return error;
}

static const struct __wasilibc_fd_kind_ops *ops_of(const __wasilibc_fd_desc_t *d) {
  return d->kind == __WASILIBC_FD_PIPE ? __wasilibc_pipe_ops : __wasilibc_socket_kind_ops;
}

#define WITH_HOST(fd, other, call)                \
  do {                                            \
    int32_t h;                                    \
    e_t e_ = host_of((fd), &h, (other));          \
    return e_ ? e_ : (call);                      \
  } while (0)

/* WASI file names are UTF-8 strings: a name that is not fails with EILSEQ
 * before it reaches the host (node:wasi took any bytes). */
static bool valid_utf8(const char *p) {
  const unsigned char *s = (const unsigned char *)p;
  while (*s) {
    unsigned c = *s;
    if (c < 0x80) {
      s++;
      continue;
    }
    int n;
    unsigned min, cp;
    if ((c & 0xe0) == 0xc0) {
      n = 1, min = 0x80, cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      n = 2, min = 0x800, cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      n = 3, min = 0x10000, cp = c & 0x07;
    } else {
      return false;
    }
    for (int i = 1; i <= n; i++) {
      if ((s[i] & 0xc0) != 0x80)
        return false;
      cp = cp << 6 | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    s += n + 1;
  }
  return true;
}

#define WITH_HOST_PATH(fd, path, call)            \
  do {                                            \
    if (!valid_utf8(path))                        \
      return __WASI_ERRNO_ILSEQ;                  \
    WITH_HOST(fd, __WASI_ERRNO_NOTDIR, call);     \
  } while (0)

e_t __wasi_fd_advise(__wasi_fd_t fd, __wasi_filesize_t off, __wasi_filesize_t len, __wasi_advice_t a) {
  WITH_HOST(fd, __WASI_ERRNO_SPIPE, HOST_FILES(fd_advise)(h, off, len, a));
}
e_t __wasi_fd_allocate(__wasi_fd_t fd, __wasi_filesize_t off, __wasi_filesize_t len) {
  WITH_HOST(fd, __WASI_ERRNO_SPIPE, HOST_FILES(fd_allocate)(h, off, len));
}
e_t __wasi_fd_datasync(__wasi_fd_t fd) { WITH_HOST(fd, __WASI_ERRNO_INVAL, HOST_FILES(fd_datasync)(h)); }
e_t __wasi_fd_sync(__wasi_fd_t fd) { WITH_HOST(fd, __WASI_ERRNO_INVAL, HOST_FILES(fd_sync)(h)); }
e_t __wasi_fd_fdstat_set_rights(__wasi_fd_t fd, __wasi_rights_t base, __wasi_rights_t inh) {
  WITH_HOST(fd, __WASI_ERRNO_NOTSUP, HOST(fd_fdstat_set_rights)(h, base, inh));
}
e_t __wasi_fd_filestat_set_size(__wasi_fd_t fd, __wasi_filesize_t size) {
  WITH_HOST(fd, __WASI_ERRNO_INVAL, HOST_FILES(fd_filestat_set_size)(h, size));
}
e_t __wasi_fd_filestat_set_times(__wasi_fd_t fd, __wasi_timestamp_t a, __wasi_timestamp_t m,
                                 __wasi_fstflags_t f) {
  WITH_HOST(fd, __WASI_ERRNO_INVAL, HOST_FILES(fd_filestat_set_times)(h, a, m, f));
}
e_t __wasi_fd_pread(__wasi_fd_t fd, const __wasi_iovec_t *iovs, size_t n, __wasi_filesize_t off,
                    __wasi_size_t *nread) {
  WITH_HOST(fd, __WASI_ERRNO_SPIPE, HOST_FILES(fd_pread)(h, iovs, n, off, nread));
}
e_t __wasi_fd_pwrite(__wasi_fd_t fd, const __wasi_ciovec_t *iovs, size_t n, __wasi_filesize_t off,
                     __wasi_size_t *nwritten) {
  WITH_HOST(fd, __WASI_ERRNO_SPIPE, HOST_FILES(fd_pwrite)(h, iovs, n, off, nwritten));
}
e_t __wasi_fd_prestat_get(__wasi_fd_t fd, __wasi_prestat_t *p) {
  WITH_HOST(fd, __WASI_ERRNO_BADF, HOST_FILES(fd_prestat_get)(h, p));
}
e_t __wasi_fd_prestat_dir_name(__wasi_fd_t fd, uint8_t *path, __wasi_size_t len) {
  WITH_HOST(fd, __WASI_ERRNO_BADF, HOST_FILES(fd_prestat_dir_name)(h, path, len));
}
/*
 * fd_readdir: "." and ".." first, as on Linux (node:wasi lists neither; a
 * host that lists them has them dropped), then the host's entries. libc's
 * cookies: 0 is the start, 1 follows ".", and 2 + c is the host's cookie c.
 */
#define DOT_COOKIES 2

static bool is_dot_name(const uint8_t *name, uint32_t len) {
  return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

/* Appends as much of one entry as fits at buf[*at..len). */
static void put_entry(uint8_t *buf, __wasi_size_t len, __wasi_size_t *at, __wasi_dircookie_t next,
                      __wasi_inode_t ino, const char *name) {
  __wasi_dirent_t ent = {.d_next = next, .d_ino = ino, .d_namlen = (uint32_t)strlen(name),
                         .d_type = __WASI_FILETYPE_DIRECTORY};
  uint8_t whole[sizeof ent + 2];
  memcpy(whole, &ent, sizeof ent);
  memcpy(whole + sizeof ent, name, ent.d_namlen);
  size_t n = sizeof ent + ent.d_namlen;
  if (n > len - *at)
    n = len - *at;
  memcpy(buf + *at, whole, n);
  *at += (__wasi_size_t)n;
}

e_t __wasi_fd_readdir(__wasi_fd_t fd, uint8_t *buf, __wasi_size_t len, __wasi_dircookie_t cookie,
                      __wasi_size_t *used) {
  int32_t h;
  e_t e = host_of(fd, &h, __WASI_ERRNO_NOTDIR);
  if (e)
    return e;
  __wasi_size_t out = 0;
  if (cookie < DOT_COOKIES) {
    __wasi_filestat_t self, parent;
    e = HOST(fd_filestat_get)(h, &self);
    if (e)
      return e;
    if (self.filetype != __WASI_FILETYPE_DIRECTORY)
      return __WASI_ERRNO_NOTDIR;
    /* Above a preopen the host refuses to look: ".." is then the directory itself. */
    if (HOST_FILES(path_filestat_get)(h, 0, "..", &parent) != 0)
      parent = self;
    if (cookie == 0)
      put_entry(buf, len, &out, 1, self.ino, ".");
    put_entry(buf, len, &out, 2, parent.ino, "..");
    cookie = DOT_COOKIES;
  }
  __wasi_dircookie_t host_cookie = cookie - DOT_COOKIES;
  while (out < len) {
    __wasi_size_t got;
    e = HOST_FILES(fd_readdir)(h, buf + out, len - out, host_cookie, &got);
    if (e && out == 0)
      return e;
    if (e)
      break; /* what is already there comes first; the error comes again next time */
    bool full = got == len - out;
    size_t p = out, end = out + got;
    bool dropped = false;
    while (end - p >= sizeof(__wasi_dirent_t)) {
      __wasi_dirent_t ent;
      memcpy(&ent, buf + p, sizeof ent);
      size_t size = sizeof ent + ent.d_namlen;
      if (end - p < size)
        break; /* cut off: read again from its cookie */
      host_cookie = ent.d_next;
      if (is_dot_name(buf + p + sizeof ent, ent.d_namlen)) {
        memmove(buf + p, buf + p + size, end - p - size);
        end -= size;
        dropped = true;
        continue;
      }
      ent.d_next += DOT_COOKIES;
      memcpy(buf + p, &ent, sizeof ent);
      p += size;
    }
    if (!full) {
      out = (__wasi_size_t)end; /* the end of the directory */
      break;
    }
    if (!dropped) {
      out = len; /* full, maybe with a cut-off entry that readdir reads again */
      break;
    }
    /* Dropped entries left room: fill it from after the last whole entry. */
    out = (__wasi_size_t)p;
  }
  *used = out;
  return 0;
}
e_t __wasi_fd_seek(__wasi_fd_t fd, __wasi_filedelta_t off, __wasi_whence_t w, __wasi_filesize_t *pos) {
  WITH_HOST(fd, __WASI_ERRNO_SPIPE, HOST_FILES(fd_seek)(h, off, w, pos));
}
e_t __wasi_fd_tell(__wasi_fd_t fd, __wasi_filesize_t *pos) {
  WITH_HOST(fd, __WASI_ERRNO_SPIPE, HOST_FILES(fd_tell)(h, pos));
}
e_t __wasi_path_create_directory(__wasi_fd_t fd, const char *path) {
  WITH_HOST_PATH(fd, path, HOST_FILES(path_create_directory)(h, path));
}
e_t __wasi_path_filestat_get(__wasi_fd_t fd, __wasi_lookupflags_t f, const char *path,
                             __wasi_filestat_t *st) {
  WITH_HOST_PATH(fd, path, HOST_FILES(path_filestat_get)(h, f, path, st));
}
e_t __wasi_path_filestat_set_times(__wasi_fd_t fd, __wasi_lookupflags_t f, const char *path,
                                   __wasi_timestamp_t a, __wasi_timestamp_t m, __wasi_fstflags_t ff) {
  WITH_HOST_PATH(fd, path, HOST_FILES(path_filestat_set_times)(h, f, path, a, m, ff));
}
/* node:wasi fails a target that exactly fills the buffer with ENOBUFS, and
 * stores a NUL after a shorter one. readlink stores the target, truncated
 * to the buffer, and nothing else, as on Linux: the host writes into a
 * buffer of our own, one byte longer (larger while it says ENOBUFS). */
e_t __wasi_path_readlink(__wasi_fd_t fd, const char *path, uint8_t *buf, __wasi_size_t len,
                         __wasi_size_t *used) {
  if (!valid_utf8(path))
    return __WASI_ERRNO_ILSEQ;
  int32_t h;
  e_t e = host_of(fd, &h, __WASI_ERRNO_NOTDIR);
  if (e)
    return e;
  uint8_t small[256];
  size_t size = (size_t)len + 1;
  for (;;) {
    uint8_t *tmp = size <= sizeof small ? small : malloc(size);
    if (!tmp)
      return __WASI_ERRNO_NOMEM;
    __wasi_size_t got;
    e = HOST_FILES(path_readlink)(h, path, tmp, (__wasi_size_t)size, &got);
    if (e == 0) {
      *used = got < len ? got : len;
      memcpy(buf, tmp, *used);
    }
    if (tmp != small)
      free(tmp);
    if (e != __WASI_ERRNO_NOBUFS || size > (1 << 20))
      return e;
    size *= 2;
  }
}

e_t __wasi_path_remove_directory(__wasi_fd_t fd, const char *path) {
  WITH_HOST_PATH(fd, path, HOST_FILES(path_remove_directory)(h, path));
}
e_t __wasi_path_symlink(const char *old_path, __wasi_fd_t fd, const char *new_path) {
  if (!valid_utf8(old_path))
    return __WASI_ERRNO_ILSEQ;
  WITH_HOST_PATH(fd, new_path, HOST_FILES(path_symlink)(old_path, h, new_path));
}
e_t __wasi_path_unlink_file(__wasi_fd_t fd, const char *path) {
  WITH_HOST_PATH(fd, path, HOST_FILES(path_unlink_file)(h, path));
}
e_t __wasi_sock_recv(__wasi_fd_t fd, const __wasi_iovec_t *iovs, size_t n, __wasi_riflags_t f,
                     __wasi_size_t *nread, __wasi_roflags_t *of) {
  WITH_HOST(fd, __WASI_ERRNO_NOTSOCK, HOST(sock_recv)(h, iovs, n, f, nread, of));
}
e_t __wasi_sock_send(__wasi_fd_t fd, const __wasi_ciovec_t *iovs, size_t n, __wasi_siflags_t f,
                     __wasi_size_t *nwritten) {
  WITH_HOST(fd, __WASI_ERRNO_NOTSOCK, HOST(sock_send)(h, iovs, n, f, nwritten));
}
e_t __wasi_sock_shutdown(__wasi_fd_t fd, __wasi_sdflags_t how) {
  WITH_HOST(fd, __WASI_ERRNO_NOTSOCK, HOST(sock_shutdown)(h, how));
}

e_t __wasi_path_link(__wasi_fd_t old_fd, __wasi_lookupflags_t f, const char *old_path,
                     __wasi_fd_t new_fd, const char *new_path) {
  if (!valid_utf8(old_path) || !valid_utf8(new_path))
    return __WASI_ERRNO_ILSEQ;
  int32_t ho, hn;
  e_t e = host_of(old_fd, &ho, __WASI_ERRNO_NOTDIR);
  if (!e)
    e = host_of(new_fd, &hn, __WASI_ERRNO_NOTDIR);
  return e ? e : HOST_FILES(path_link)(ho, f, old_path, hn, new_path);
}

e_t __wasi_path_rename(__wasi_fd_t old_fd, const char *old_path, __wasi_fd_t new_fd,
                       const char *new_path) {
  if (!valid_utf8(old_path) || !valid_utf8(new_path))
    return __WASI_ERRNO_ILSEQ;
  int32_t ho, hn;
  e_t e = host_of(old_fd, &ho, __WASI_ERRNO_NOTDIR);
  if (!e)
    e = host_of(new_fd, &hn, __WASI_ERRNO_NOTDIR);
  return e ? e : HOST_FILES(path_rename)(ho, old_path, hn, new_path);
}

/* A descriptor the host just made (path_open, sock_accept): gives it libc's
 * lowest free number. */
typedef struct {
  int u;
} host_open_t;

static e_t host_open_begin(host_open_t *o) {
  o->u = take_lowest(0);
  if (o->u < 0)
    return o->u == -EMFILE ? __WASI_ERRNO_MFILE : __WASI_ERRNO_NOMEM;
  return 0;
}

static e_t host_open_end(host_open_t *o, __wasi_fd_t *fd, uint8_t filetype) {
  int32_t h = (int32_t)*fd;
  __wasilibc_fd_desc_t *d = new_desc(__WASILIBC_FD_HOST, h, filetype);
  if (!d) {
    HOST(fd_close)(h);
    return __WASI_ERRNO_NOMEM;
  }
  place(o->u, d, false);
  *fd = (__wasi_fd_t)o->u;
  return 0;
}

e_t __wasi_path_open(__wasi_fd_t dirfd, __wasi_lookupflags_t df, const char *path, __wasi_oflags_t of,
                     __wasi_rights_t base, __wasi_rights_t inh, __wasi_fdflags_t ff, __wasi_fd_t *fd) {
  if (!valid_utf8(path))
    return __WASI_ERRNO_ILSEQ;
  int32_t h;
  e_t e = host_of(dirfd, &h, __WASI_ERRNO_NOTDIR);
  if (e)
    return e;
  /* O_NONBLOCK means nothing for files and directories, the only things a path
   * opens, but hosts got it wrong (node:wasi forgets the flag; the Preview 1
   * adapter made reads non-blocking: EAGAIN before the data and again at end
   * of file). libc keeps it for F_GETFL on every triple; the host never sees it. */
  e = HOST_FILES(path_open)(h, df, path, of, base, inh, ff & ~__WASI_FDFLAGS_NONBLOCK, fd);
  if (e)
    return e;
  lock();
  host_open_t o;
  e = host_open_begin(&o);
  if (e == 0)
    e = host_open_end(&o, fd, FILETYPE_UNKNOWN_YET);
  else
    HOST(fd_close)((int32_t)*fd);
  if (e == 0)
    __wasilibc_fd_peek((int)*fd)->flags = (uint16_t)(__WASILIBC_FD_PATH_OPENED | (ff & __WASI_FDFLAGS_NONBLOCK));
  unlock();
  return e;
}

e_t __wasi_sock_accept(__wasi_fd_t fd, __wasi_fdflags_t flags, __wasi_fd_t *newfd) {
  int32_t h;
  e_t e = host_of(fd, &h, __WASI_ERRNO_NOTSOCK);
  if (e)
    return e;
  e = HOST(sock_accept)(h, flags, newfd);
  if (e)
    return e;
  lock();
  host_open_t o;
  e = host_open_begin(&o);
  if (e == 0)
    e = host_open_end(&o, newfd, __WASI_FILETYPE_SOCKET_STREAM);
  else
    HOST(fd_close)((int32_t)*newfd);
  unlock();
  return e;
}

e_t __wasi_fd_close(__wasi_fd_t fd) {
  lock();
  setup();
  __wasilibc_fd_desc_t *d = __wasilibc_fd_peek((int)fd);
  __wasilibc_fd_desc_t *last = d ? unplace((int)fd) : NULL;
  unlock();
  if (!d)
    return __WASI_ERRNO_BADF;
  return last ? close_desc(last) : 0;
}

/* fd_renumber: dup2 then close, as libc sees it. */
e_t __wasi_fd_renumber(__wasi_fd_t fd, __wasi_fd_t to) {
  if (__wasilibc_fd_dup((int)fd, (int)to, 0, false) < 0)
    return (e_t)errno;
  return fd == to ? 0 : __wasi_fd_close(fd);
}

e_t __wasi_fd_read(__wasi_fd_t fd, const __wasi_iovec_t *iovs, size_t n, __wasi_size_t *nread) {
  __wasilibc_fd_desc_t *d = __wasilibc_fd_get((int)fd);
  if (!d)
    return __WASI_ERRNO_BADF;
  if (d->kind == __WASILIBC_FD_HOST)
    return HOST(fd_read)(d->host, iovs, n, nread);
  return ops_of(d)->read(d, iovs, n, nread);
}

e_t __wasi_fd_write(__wasi_fd_t fd, const __wasi_ciovec_t *iovs, size_t n, __wasi_size_t *nwritten) {
  __wasilibc_fd_desc_t *d = __wasilibc_fd_get((int)fd);
  if (!d)
    return __WASI_ERRNO_BADF;
  if (d->kind == __WASILIBC_FD_HOST)
    return HOST(fd_write)(d->host, iovs, n, nwritten);
  return ops_of(d)->write(d, iovs, n, nwritten);
}

/* What libc knows of a description that lives in it. */
static void libc_fdstat(const __wasilibc_fd_desc_t *d, __wasi_fdstat_t *st) {
  memset(st, 0, sizeof *st);
  if (d->kind == __WASILIBC_FD_SOCKET) {
    st->fs_filetype = __WASI_FILETYPE_SOCKET_STREAM;
    st->fs_rights_base = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE;
  } else {
    st->fs_filetype = __WASI_FILETYPE_UNKNOWN;
    st->fs_rights_base = d->flags & __WASILIBC_FD_WRITE_END ? __WASI_RIGHTS_FD_WRITE : __WASI_RIGHTS_FD_READ;
  }
  st->fs_rights_base |= __WASI_RIGHTS_POLL_FD_READWRITE;
  st->fs_flags = d->flags & __WASI_FDFLAGS_NONBLOCK;
}

e_t __wasi_fd_fdstat_get(__wasi_fd_t fd, __wasi_fdstat_t *st) {
  __wasilibc_fd_desc_t *d = __wasilibc_fd_get((int)fd);
  if (!d)
    return __WASI_ERRNO_BADF;
  if (d->kind != __WASILIBC_FD_HOST) {
    libc_fdstat(d, st);
    return 0;
  }
  e_t e = HOST(fd_fdstat_get)(d->host, st);
  if (e == 0)
    d->filetype = st->fs_filetype;
  if (e == 0 && (d->flags & __WASILIBC_FD_PATH_OPENED))
    st->fs_flags = (__wasi_fdflags_t)((st->fs_flags & ~__WASI_FDFLAGS_NONBLOCK) | (d->flags & __WASI_FDFLAGS_NONBLOCK));
  return e;
}

e_t __wasi_fd_fdstat_set_flags(__wasi_fd_t fd, __wasi_fdflags_t flags) {
  __wasilibc_fd_desc_t *d = __wasilibc_fd_get((int)fd);
  if (!d)
    return __WASI_ERRNO_BADF;
  if (d->kind == __WASILIBC_FD_HOST && (d->flags & __WASILIBC_FD_PATH_OPENED)) {
    e_t e = HOST(fd_fdstat_set_flags)(d->host, flags & ~__WASI_FDFLAGS_NONBLOCK);
    if (e == 0)
      d->flags = (uint16_t)((d->flags & ~__WASI_FDFLAGS_NONBLOCK) | (flags & __WASI_FDFLAGS_NONBLOCK));
    return e;
  }
  if (d->kind == __WASILIBC_FD_HOST)
    return HOST(fd_fdstat_set_flags)(d->host, flags);
  d->flags = (uint16_t)((d->flags & ~__WASI_FDFLAGS_NONBLOCK) | (flags & __WASI_FDFLAGS_NONBLOCK));
  return 0;
}

e_t __wasi_fd_filestat_get(__wasi_fd_t fd, __wasi_filestat_t *st) {
  __wasilibc_fd_desc_t *d = __wasilibc_fd_get((int)fd);
  if (!d)
    return __WASI_ERRNO_BADF;
  if (d->kind == __WASILIBC_FD_HOST)
    return HOST(fd_filestat_get)(d->host, st);
  memset(st, 0, sizeof *st);
  st->filetype = d->kind == __WASILIBC_FD_SOCKET ? __WASI_FILETYPE_SOCKET_STREAM : __WASI_FILETYPE_UNKNOWN;
  st->nlink = 1;
  return 0;
}

/* ---- poll_oneoff --------------------------------------------------------- */

/* Filetype of a host description, asked once. */
static uint8_t filetype_of(__wasilibc_fd_desc_t *d) {
  if (d->filetype == FILETYPE_UNKNOWN_YET) {
    __wasi_fdstat_t st;
    if (HOST(fd_fdstat_get)(d->host, &st) == 0)
      d->filetype = st.fs_filetype;
  }
  return d->filetype;
}

static __wasi_event_t event_for(const __wasi_subscription_t *s, e_t error, __wasi_filesize_t nbytes,
                                bool hangup) {
  __wasi_event_t ev;
  memset(&ev, 0, sizeof ev);
  ev.userdata = s->userdata;
  ev.error = error;
  ev.type = s->u.tag;
  ev.fd_readwrite.nbytes = nbytes;
  ev.fd_readwrite.flags = hangup ? __WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP : 0;
  return ev;
}

#define OUR_CLOCK UINT64_C(0xfd7ab1e0fd7ab1e0)

/*
 * Descriptors the host does not have (closed numbers), regular files and
 * directories (always ready; some hosts fail them), pipes and sockets are
 * answered here; the rest goes to the host with its own numbers. Invalid
 * numbers never reach the host: node:wasi crashes on one listed before a
 * valid descriptor.
 */
static e_t poll_once(const __wasi_subscription_t *in, __wasi_event_t *out, __wasi_size_t n,
                     __wasi_size_t *nevents, bool slice) {
  __wasi_subscription_t stack[8];
  __wasi_subscription_t *subs = n + 1 <= 8 ? stack : malloc((n + 1) * sizeof *subs);
  if (!subs)
    return __WASI_ERRNO_NOMEM;
  size_t nsubs = 0, nready = 0, nfd = 0;
  bool waiting_in_libc = false;
  for (size_t i = 0; i < n; i++) {
    const __wasi_subscription_t *s = &in[i];
    if (s->u.tag == __WASI_EVENTTYPE_CLOCK) {
      subs[nsubs++] = *s;
      continue;
    }
    bool write = s->u.tag == __WASI_EVENTTYPE_FD_WRITE;
    __wasi_fd_t fd = write ? s->u.u.fd_write.file_descriptor : s->u.u.fd_read.file_descriptor;
    __wasilibc_fd_desc_t *d = __wasilibc_fd_get((int)fd);
    if (!d) {
      out[nready++] = event_for(s, __WASI_ERRNO_BADF, 0, false);
    } else if (d->kind == __WASILIBC_FD_HOST) {
      uint8_t type = filetype_of(d);
      if (type == __WASI_FILETYPE_REGULAR_FILE || type == __WASI_FILETYPE_DIRECTORY) {
        out[nready++] = event_for(s, 0, 0, false);
      } else {
        subs[nsubs] = *s;
        if (write)
          subs[nsubs].u.u.fd_write.file_descriptor = (__wasi_fd_t)d->host;
        else
          subs[nsubs].u.u.fd_read.file_descriptor = (__wasi_fd_t)d->host;
        nsubs++;
        nfd++;
      }
    } else {
      const struct __wasilibc_fd_kind_ops *ops = ops_of(d);
      __wasi_filesize_t nbytes = 0;
      bool hangup = false;
      e_t e = ops && ops->ready ? ops->ready(d, write, &nbytes, &hangup) : __WASI_ERRNO_BADF;
      if (e == __WASI_ERRNO_AGAIN)
        waiting_in_libc = true;
      else
        out[nready++] = event_for(s, e, nbytes, hangup);
    }
  }

  e_t error = 0;
  size_t got = 0;
  if (nready > 0) {
    /* Something is ready: collect what the host has ready too, without
     * waiting (and without the caller's clocks, which have not run out). */
    if (nfd > 0) {
      size_t k = 0;
      for (size_t i = 0; i < nsubs; i++)
        if (subs[i].u.tag != __WASI_EVENTTYPE_CLOCK)
          subs[k++] = subs[i];
      subs[k++] = (__wasi_subscription_t){
          .userdata = OUR_CLOCK,
          .u.tag = __WASI_EVENTTYPE_CLOCK,
          .u.u.clock.id = __WASI_CLOCKID_MONOTONIC,
          .u.u.clock.timeout = 0,
      };
      __wasi_event_t *rest = out + nready;
      error = HOST(poll_oneoff)(subs, rest, k, &got);
      if (error == 0) {
        size_t kept = 0;
        for (size_t i = 0; i < got; i++)
          if (rest[i].userdata != OUR_CLOCK || rest[i].type != __WASI_EVENTTYPE_CLOCK)
            rest[kept++] = rest[i];
        got = kept;
      } else {
        error = 0;
        got = 0;
      }
    }
    *nevents = nready + got;
#ifdef _REENTRANT
  } else if (waiting_in_libc && slice) {
    /* Another thread may write to a pipe: wait in slices. */
    if (subs != stack)
      free(subs);
    return __wasilibc_poll_sliced(in, out, n, nevents);
#endif
  } else if (nsubs == 0) {
    /* Only pipes that are not ready, and no other thread to make them
     * ready: waiting would never end. */
    error = waiting_in_libc ? __WASI_ERRNO_DEADLK : __WASI_ERRNO_INVAL;
  } else {
    error = HOST(poll_oneoff)(subs, out, nsubs, nevents);
  }
  if (subs != stack)
    free(subs);
  return error;
}

e_t __wasi_poll_oneoff(const __wasi_subscription_t *in, __wasi_event_t *out, __wasi_size_t n,
                       __wasi_size_t *nevents) {
  return poll_once(in, out, n, nevents, true);
}

#ifdef _REENTRANT
#define SLICE_NS 5000000

e_t __wasilibc_poll_sliced(const __wasi_subscription_t *in, __wasi_event_t *out, __wasi_size_t n,
                           __wasi_size_t *nevents) {
  __wasi_subscription_t *subs = malloc((n + 1) * sizeof *subs);
  __wasi_event_t *events = malloc((n + 1) * sizeof *events);
  e_t error = 0;
  __wasi_timestamp_t start, now;
  if (!subs || !events || __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &start) != 0) {
    error = __WASI_ERRNO_NOMEM;
    goto out;
  }
  for (;;) {
    if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &now) != 0)
      now = start;
    __wasi_timestamp_t spent = now - start;
    for (size_t i = 0; i < n; i++) {
      subs[i] = in[i];
      /* The caller's relative clocks keep counting from the first call. */
      if (in[i].u.tag == __WASI_EVENTTYPE_CLOCK &&
          !(in[i].u.u.clock.flags & __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME))
        subs[i].u.u.clock.timeout = in[i].u.u.clock.timeout > spent ? in[i].u.u.clock.timeout - spent : 0;
    }
    subs[n] = (__wasi_subscription_t){
        .userdata = OUR_CLOCK,
        .u.tag = __WASI_EVENTTYPE_CLOCK,
        .u.u.clock.id = __WASI_CLOCKID_MONOTONIC,
        .u.u.clock.timeout = SLICE_NS,
    };
    size_t got;
    error = poll_once(subs, events, n + 1, &got, false);
    if (error != 0)
      break;
    size_t kept = 0;
    for (size_t i = 0; i < got; i++)
      if (events[i].userdata != OUR_CLOCK || events[i].type != __WASI_EVENTTYPE_CLOCK)
        out[kept++] = events[i];
    if (kept > 0) {
      *nevents = kept;
      break;
    }
  }
out:
  free(subs);
  free(events);
  return error;
}
#endif
