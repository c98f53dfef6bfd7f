/*
 * The canonical ABI allocator (lists.h). Every program with a Preview 2
 * import that returns a list links this.
 */
#include <stdlib.h>
#include <string.h>

#include "lists.h"

/* Weak: a program whose only lists are reads into its own buffers (stdin,
 * say) needs no allocator. Everything that takes a list the host allocates
 * itself (arguments, environment, preopens, poll, sockets) allocates
 * elsewhere too and so links it; mixed links do through adapter-reserve.c. */
#pragma weak realloc
#pragma weak free
#pragma weak aligned_alloc

static void *list_target;
static size_t list_target_len;

void __wasip2_set_list_target(void *buf, size_t len) {
  list_target = buf;
  list_target_len = len;
}

void __wasip2_take_list(void *buf, const uint8_t *ptr, size_t len) {
  list_target = NULL;
  /* An empty list may come with any pointer (see the host's bindings). */
  if (ptr != buf && len) {
    memcpy(buf, ptr, len);
    free((void *)ptr);
  }
}

/* The canonical ABI allocator. A read of bytes sets a target buffer first,
 * so the host writes straight into the caller's memory; everything else is
 * malloc'd and freed by the code that asked for it. Weak, so that a program
 * with its own (for example from generated bindings) keeps it: the socket
 * code then copies and frees. */
__attribute__((__weak__, __export_name__("cabi_realloc")))
void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  if (!ptr && list_target && (uintptr_t)list_target % align == 0 && new_size <= list_target_len) {
    void *r = list_target;
    list_target = NULL;
    return r;
  }
  if (!realloc)
    abort(); /* a list this program did not expect (see above) */
  if (new_size == 0)
    new_size = 1;
  void *r;
  if (align > 16) {
    if (ptr)
      abort();
    r = aligned_alloc(align, (new_size + align - 1) & ~(align - 1));
  } else {
    r = realloc(ptr, new_size);
  }
  if (!r)
    abort();
  return r;
}


void __wasip2_lists_anchor(void) {}
