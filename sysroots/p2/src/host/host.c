/*
 * The host calls every kind of object answers, dispatched through its ops,
 * the descriptors a program starts with, and the Preview 1 calls that have
 * no Preview 2 meaning here (host.h explains the design).
 */
#include <stdlib.h>
#include <wasi/api.h>

#include "host.h"

#define HOST(name) __wasilibc_host_##name

/* Rights are not a Preview 2 notion: report every right, as the adapter
 * does, so the base's checks (isatty's seek rights aside) pass. */
#define ALL_RIGHTS ((__wasi_rights_t)0x1fffffff)

/* Weak: files.c comes only with the functions that name paths, and the
 * allocator with whatever allocates objects (host.h). */
#pragma weak __wasilibc_p2_preopens
#pragma weak free

static __wasilibc_p2_object_t **preopens;
static size_t preopens_len;
static bool preopens_ready;

int32_t __wasilibc_host_initial(int32_t n) {
  __wasi_sysroots_component_type_anchor();
  if (n >= 0 && n < 3) {
    return __wasilibc_p2_host_number(__wasilibc_p2_stdio_open(n));
  }
  if (!preopens_ready) {
    preopens_ready = true;
    if (__wasilibc_p2_preopens)
      preopens = __wasilibc_p2_preopens(&preopens_len);
  }
  if (n < 3 || (size_t)(n - 3) >= preopens_len)
    return -1;
  return __wasilibc_p2_host_number(preopens[n - 3]);
}

e_t HOST(fd_read)(__wasi_fd_t h, const __wasi_iovec_t *iovs, size_t n, __wasi_size_t *nread) {
  __wasilibc_p2_object_t *o = __wasilibc_p2_object((int32_t)h);
  return o->ops->read(o, iovs, n, nread);
}

e_t HOST(fd_write)(__wasi_fd_t h, const __wasi_ciovec_t *iovs, size_t n, __wasi_size_t *nwritten) {
  __wasilibc_p2_object_t *o = __wasilibc_p2_object((int32_t)h);
  return o->ops->write(o, iovs, n, nwritten);
}

e_t HOST(fd_fdstat_get)(__wasi_fd_t h, __wasi_fdstat_t *st) {
  __wasilibc_p2_object_t *o = __wasilibc_p2_object((int32_t)h);
  e_t e = o->ops->fdstat_get(o, st);
  if (e == 0) {
    /* Kinds that know their rights (files: the open mode) set them. */
    if (!st->fs_rights_base)
      st->fs_rights_base = ALL_RIGHTS;
    if (!st->fs_rights_inheriting)
      st->fs_rights_inheriting = ALL_RIGHTS;
    /* isatty: a character device without seek rights. */
    if (st->fs_filetype == __WASI_FILETYPE_CHARACTER_DEVICE)
      st->fs_rights_base &= ~(__wasi_rights_t)(__WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL);
  }
  return e;
}

e_t HOST(fd_fdstat_set_flags)(__wasi_fd_t h, __wasi_fdflags_t flags) {
  __wasilibc_p2_object_t *o = __wasilibc_p2_object((int32_t)h);
  return o->ops->set_flags(o, flags);
}

e_t HOST(fd_fdstat_set_rights)(__wasi_fd_t h, __wasi_rights_t base, __wasi_rights_t inheriting) {
  (void)h, (void)base, (void)inheriting;
  return 0;
}

e_t HOST(fd_filestat_get)(__wasi_fd_t h, __wasi_filestat_t *st) {
  __wasilibc_p2_object_t *o = __wasilibc_p2_object((int32_t)h);
  return o->ops->filestat_get(o, st);
}

e_t HOST(fd_close)(__wasi_fd_t h) {
  __wasilibc_p2_object_t *o = __wasilibc_p2_object((int32_t)h);
  e_t e = o->ops->close(o);
  /* stdio's objects are static (stdio.c). */
  if (o->kind != __WASILIBC_P2_STDIO)
    free(o);
  return e;
}

/* libc renumbers in its own table; nothing below it has numbers. */
e_t HOST(fd_renumber)(__wasi_fd_t from, __wasi_fd_t to) {
  (void)from, (void)to;
  return __WASI_ERRNO_NOTSUP;
}

/* Sockets are libc's own (socket.c), never host descriptors. */
e_t HOST(sock_accept)(__wasi_fd_t h, __wasi_fdflags_t f, __wasi_fd_t *out) {
  (void)h, (void)f, (void)out;
  return __WASI_ERRNO_NOTSOCK;
}
e_t HOST(sock_recv)(__wasi_fd_t h, const __wasi_iovec_t *iovs, size_t n, __wasi_riflags_t f,
                    __wasi_size_t *len, __wasi_roflags_t *of) {
  (void)h, (void)iovs, (void)n, (void)f, (void)len, (void)of;
  return __WASI_ERRNO_NOTSOCK;
}
e_t HOST(sock_send)(__wasi_fd_t h, const __wasi_ciovec_t *iovs, size_t n, __wasi_siflags_t f,
                    __wasi_size_t *len) {
  (void)h, (void)iovs, (void)n, (void)f, (void)len;
  return __WASI_ERRNO_NOTSOCK;
}
e_t HOST(sock_shutdown)(__wasi_fd_t h, __wasi_sdflags_t how) {
  (void)h, (void)how;
  return __WASI_ERRNO_NOTSOCK;
}
