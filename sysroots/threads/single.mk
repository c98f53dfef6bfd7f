# <pthread.h> for the single-threaded triples (wasm32-wasip1, wasm32-wasip2): the same musl
# thread sources and wasm glue as wasm32-wasip1-threads (threads.mk), built without threads.
# Mutexes of every type, rwlocks, condition variables, semaphores, barriers, once, keys and
# C11 <threads.h> behave as with one thread: what would wait for another thread waits out its
# timeout (ETIMEDOUT) or, with none, stops the program with a message (futex.c). Creating a
# thread fails with EAGAIN (single.c). The rest of libc stays single-threaded (no locks).
#
# These objects see threads/arch before the base's arch/wasm32 (whose pthread_arch.h has no
# thread descriptor); with -mthread-model single the atomics there are plain memory accesses.

THREADS_DIR := $(SYSROOTS_DIR)/threads
include $(THREADS_DIR)/musl-sources.mk

# __lock.c is musl's internal lock for a threaded libc; lock.h makes LOCK() a no-op here.
PTHREAD_BASE_SOURCES := $(addprefix $(SRC)/libc-top-half/musl/src/thread/, \
  $(filter-out __lock.c,$(THREADS_MUSL)))
PTHREAD_OUR_SOURCES := $(addprefix $(THREADS_DIR)/, \
  futex.c thread.c single.c pthread_exit.c c11.c attr.c cond_clock.c cond_timedwait.c key_create.c)
PTHREAD_CFLAGS := -I$(THREADS_DIR)/arch -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_MMAN \
  -include $(THREADS_DIR)/single_pthread.h

TRIPLE_BASE_SOURCES += $(PTHREAD_BASE_SOURCES)
TRIPLE_SOURCES += $(PTHREAD_OUR_SOURCES)
