// sbrk for this triple: the program break starts at __heap_base and moves up through memory the
// module already has before any memory.grow. Replaces the base's sbrk, which always grows,
// leaving whatever memory lies past __heap_base unused.
//
// That matters with threads: a host may then hand a threaded module all its memory up front,
// so that it never grows while threads run. Growing shared memory is a hazard on V8 (Node
// 20): memory.fill and memory.copy in other threads check bounds against a memory size they
// update only some time after the grow, and trap on memory that is already theirs to use.
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <__macro_PAGESIZE.h>
#include "lock.h"

extern unsigned char __heap_base;

static uintptr_t program_break;
static volatile int lock[1];

void *sbrk(intptr_t increment)
{
	void *result = (void *)-1;
	LOCK(lock);
	if (!program_break)
		program_break = (uintptr_t)&__heap_base;
	uintptr_t old = program_break;
	// In 64 bits: a full 4 GiB memory ends at 2^32.
	uint64_t memory_end = (uint64_t)__builtin_wasm_memory_size(0) * PAGESIZE;
	uint64_t new_break = (uint64_t)old + (uint64_t)increment;
	if (increment < 0 || new_break > UINTPTR_MAX) {
		errno = increment < 0 ? EINVAL : ENOMEM;
	} else if (new_break > memory_end &&
	           __builtin_wasm_memory_grow(0, (new_break - memory_end + PAGESIZE - 1) / PAGESIZE) == SIZE_MAX) {
		errno = ENOMEM;
	} else {
		program_break = new_break;
		result = (void *)old;
	}
	UNLOCK(lock);
	return result;
}
