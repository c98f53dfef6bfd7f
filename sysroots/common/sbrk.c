// sbrk for the single-threaded triples (wasm32-wasip1-threads has its own, threads/sbrk.c): the
// break only ever covers memory that libc itself owns.
//
// The base's sbrk(0) returned the current size of memory, and its allocator, at its first call,
// takes everything from __heap_base up to sbrk(0) as its first heap segment. On wasm32-wasip2
// the Preview 1 adapter grows memory for its own stack and state at its first call (when the
// module exports no cabi_realloc), which usually comes before the first malloc: the heap then
// took the adapter's pages, and the program trapped in the adapter once the heap reached them.
//
// What libc owns: the module's initial memory from __heap_base to __heap_end (both set by the
// linker), and each block of pages its own memory.grow returned. The break starts at __heap_end
// and moves to the end of each block grown; a block that does not follow the previous one (some
// other code grew memory in between) simply starts a new segment for the allocator.
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <__macro_PAGESIZE.h>

extern unsigned char __heap_end;

static uintptr_t program_break;

void *sbrk(intptr_t increment) {
  if (!program_break) program_break = (uintptr_t)&__heap_end;
  if (increment == 0) return (void *)program_break;
  // The allocator asks for whole pages only, and never gives memory back.
  if (increment < 0 || increment % PAGESIZE != 0) {
    errno = EINVAL;
    return (void *)-1;
  }
  size_t old_pages = __builtin_wasm_memory_grow(0, (size_t)increment / PAGESIZE);
  if (old_pages == SIZE_MAX) {
    errno = ENOMEM;
    return (void *)-1;
  }
  uintptr_t start = (uintptr_t)old_pages * PAGESIZE;
  program_break = start + (uintptr_t)increment;
  return (void *)start;
}
