// musl's thread-specific data keys (thread/pthread_key_create.c). pthread_key_delete blocks
// application signals while it walks the thread list; WASI has no signals to block.
#include "wasm_thread.h"

#define __block_app_sigs(set) ((void)(set))
#define __restore_sigs(set) ((void)(set))
#include "thread/pthread_key_create.c"
