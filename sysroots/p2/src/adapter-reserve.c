/*
 * Mixed links only: when an object of the program imports Preview 1 itself,
 * wasm-component-ld adds the adapter and links this file (by asking for the
 * symbol below), so that libc's descriptor table reserves its numbers in the
 * adapter's (common/fd-table.c, "Descriptor numbers" in ../README.md). A
 * program without Preview 1 imports never links it, and has no adapter.
 */
#include <stdint.h>
#include <stdlib.h>

/* The adapter allocates its state through cabi_realloc (lists.c), whose
 * allocator is a weak reference: link it. */
__attribute__((__used__)) static void *(*const allocator)(void *, size_t) = realloc;

__attribute__((__import_module__("wasi_snapshot_preview1"), __import_name__("adapter_open_badfd")))
int32_t __wasip2_adapter_open_badfd(int32_t *fd);

int32_t __wasilibc_adapter_reserve(int32_t *fd) { return __wasip2_adapter_open_badfd(fd); }
