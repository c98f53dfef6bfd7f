/*
 * libc's descriptor table, on every triple.
 *
 * Preview 1 has no dup and no pipe, so the descriptor numbers a program sees
 * are libc's own. Every host call that takes a descriptor goes through the
 * base's __wasi_* bindings; host-calls.h renames those to __wasilibc_host_*
 * and fd-table.c defines the __wasi_* names, which look the number up
 * here. So the whole base (read, write, openat, poll, select, ...) works on
 * libc's numbers without being changed.
 *
 * A slot (one descriptor number) points to a description (what Linux calls
 * an open file description): dup'ed numbers share one, with a reference
 * count; FD_CLOEXEC belongs to the slot. A description is a host descriptor,
 * an in-process pipe end, or (wasm32-wasip2) a socket.
 *
 * New numbers are the lowest free ones, up to __WASILIBC_FD_MAX (EMFILE
 * beyond). The table starts as the host's own descriptors at startup (stdio
 * and preopens, numbered as the host numbers them), so numbers stay equal
 * to the host's until a program dups or makes pipes.
 *
 * wasm32-wasip2 keeps the adapter's numbers and libc's equal: see
 * "Descriptor numbers" in sysroots/p2/README.md.
 */
#ifndef __wasi_sysroots_common_fd_table_h
#define __wasi_sysroots_common_fd_table_h

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wasi/api.h>

#define __WASILIBC_FD_MAX 1024

enum {
  __WASILIBC_FD_HOST = 1, /* a host (Preview 1) descriptor */
  __WASILIBC_FD_PIPE,     /* one end of an in-process pipe */
  __WASILIBC_FD_SOCKET,   /* wasm32-wasip2: a wasi:sockets socket */
};

#define __WASILIBC_FD_WRITE_END 0x8000
/* HOST: opened by path (a file or a directory). Its O_NONBLOCK
 * lives here, not in the host (see __wasi_path_open). */
#define __WASILIBC_FD_PATH_OPENED 0x4000

typedef struct __wasilibc_fd_desc {
  uint8_t kind;
  uint8_t filetype;  /* HOST: the host's filetype, learnt at open */
  uint16_t flags;    /* PIPE: O_NONBLOCK, __WASILIBC_FD_WRITE_END; HOST: see __WASILIBC_FD_PATH_OPENED */
  int32_t refs;      /* slots pointing here */
  int32_t host;      /* HOST: the host's descriptor number */
  void *obj;         /* PIPE: the pipe; SOCKET: the socket */
} __wasilibc_fd_desc_t;

typedef struct {
  __wasilibc_fd_desc_t *desc; /* NULL: the number is free */
  bool cloexec;
  bool foreign;  /* wasm32-wasip2, mixed links: the adapter gave this number to another object */
} __wasilibc_fd_slot_t;

extern __wasilibc_fd_slot_t *__wasilibc_fd_slots;
extern size_t __wasilibc_fd_slots_len;

/* The description behind a number, or NULL. Only for kinds that live in
 * libc (PIPE, SOCKET); host descriptors go through the __wasi_* calls. */
static inline __wasilibc_fd_desc_t *__wasilibc_fd_peek(int fd) {
  if (fd < 0 || (size_t)fd >= __wasilibc_fd_slots_len)
    return NULL;
  return __wasilibc_fd_slots[fd].desc;
}

static inline void *__wasilibc_fd_object(int fd, int kind) {
  __wasilibc_fd_desc_t *d = __wasilibc_fd_peek(fd);
  return d && d->kind == kind ? d->obj : NULL;
}

/* For the files whose calls may need new slots (dup, fcntl): fd-table.c's
 * references to the allocator are weak on wasm32-wasip2, and this one is
 * not, so the allocator is linked wherever those calls are. */
#ifdef __wasip2__
#include <stdlib.h>
#define __WASILIBC_FD_LINK_ALLOCATOR \
  __attribute__((__used__)) static void *(*const __wasilibc_fd_allocator)(void *, size_t) = realloc;
#else
#define __WASILIBC_FD_LINK_ALLOCATOR
#endif

/* Gives a new description of `kind` the lowest free number >= min; -1 with
 * errno (EMFILE, ENOMEM) on failure. */
int __wasilibc_fd_add(int kind, void *obj, uint16_t flags, bool cloexec, int min);
/* 0 if a new number can be given out now; -1 with errno (EMFILE, ENOMEM)
 * if not. For callers that must not take anything from the host first. */
int __wasilibc_fd_can_add(void);
/* Looks up a number with the table set up; NULL (errno EBADF) if free. */
__wasilibc_fd_desc_t *__wasilibc_fd_get(int fd);
/* dup/dup2/F_DUPFD: `newfd` < 0 means the lowest free number >= min. */
int __wasilibc_fd_dup(int fd, int newfd, int min, bool cloexec);
int __wasilibc_fd_set_cloexec(int fd, bool cloexec);

/* Closes the libc side of a description whose last reference went away.
 * Set by the code that makes such descriptions, so that programs without
 * pipes or sockets link none of it. Returns a wasi errno. */
struct __wasilibc_fd_kind_ops {
  __wasi_errno_t (*close)(__wasilibc_fd_desc_t *);
  __wasi_errno_t (*read)(__wasilibc_fd_desc_t *, const __wasi_iovec_t *, size_t, size_t *);
  __wasi_errno_t (*write)(__wasilibc_fd_desc_t *, const __wasi_ciovec_t *, size_t, size_t *);
  /* Readiness without waiting: 0 ready, EAGAIN not yet, other: error. */
  __wasi_errno_t (*ready)(__wasilibc_fd_desc_t *, bool write, __wasi_filesize_t *nbytes,
                          bool *hangup);
  /* F_GETFL and F_SETFL; NULL: from the fdstat above. */
  int (*fcntl)(__wasilibc_fd_desc_t *, int cmd, int arg);
};
extern const struct __wasilibc_fd_kind_ops *__wasilibc_pipe_ops;
extern const struct __wasilibc_fd_kind_ops *__wasilibc_socket_kind_ops;

/* poll_oneoff for the threads triple when a pipe is waited for: the host
 * waits in slices and the pipes are looked at in between. */
__wasi_errno_t __wasilibc_poll_sliced(const __wasi_subscription_t *, __wasi_event_t *, __wasi_size_t,
                                      __wasi_size_t *);

/* poll() over Preview 1 descriptors and pipes; timeout in ns, negative for
 * none. */
struct pollfd;
int __wasilibc_poll_host(struct pollfd *, unsigned long nfds, int64_t timeout_ns);

/* Where poll, ppoll, select and pselect end: on wasm32-wasip2 the poll that
 * also waits for sockets (p2/src/poll.c), elsewhere the one above. */
#ifdef __wasip2__
int __wasip2_poll_ns(struct pollfd *, unsigned long nfds, int64_t timeout_ns);
#define POLL_NS __wasip2_poll_ns
#else
#define POLL_NS __wasilibc_poll_host
#endif

#endif
