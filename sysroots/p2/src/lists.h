/*
 * Lists and strings the host returns: it allocates them with the module's
 * exported `cabi_realloc` (lists.c).
 */
#ifndef __wasi_sysroots_p2_lists_h
#define __wasi_sysroots_p2_lists_h

#include <stddef.h>
#include <stdint.h>

/* A buffer the host will fill with the next returned list<u8>, so that a
 * read lands in the caller's memory without a copy. */
void __wasip2_set_list_target(void *buf, size_t len);
/* After the call: copies the list to `buf` unless it is already there, and
 * frees it; clears the target. */
void __wasip2_take_list(void *buf, const uint8_t *ptr, size_t len);

/* Links cabi_realloc: for callers of imports that return lists and
 * strings but use neither function above. */
void __wasip2_lists_anchor(void);

#endif
