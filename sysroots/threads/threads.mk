# wasm32-wasip1-threads: the Preview 1 libc of the base with POSIX threads over wasi-threads.
#
# Every object is built with -pthread (THREAD_MODEL=posix, flags.mk): _REENTRANT switches the
# base's musl to its locking paths and makes thread_local real TLS. The target itself turns
# on atomics, bulk-memory, mutable-globals and sign-ext (clang 22), so the objects link into
# a shared-memory module.
#
# The synchronisation objects are musl's own sources, used as they are. What is ours:
#   arch/           the wasm32 arch headers for threads (atomics, thread pointer, "syscalls")
#   futex.c         the futex on memory.atomic.wait32/notify, timed waits
#   thread.c        the main thread's descriptor, the thread list lock, pthread_create
#   spawn.c         creating threads, their start and end, join and detach
#   thread_start.s  wasi_thread_start, the entry point the host calls
#   ../common/crt1-command.c  _start, running constructors and destructors around main (not around
#                   every export, as wasm-ld does for the base's)
#   pthread_exit.c + pthread_exit_unwind.s   pthread_exit by a WebAssembly exception
#   c11.c, attr.c, cond_clock.c              what musl's files can't do on wasm32/WASI
#   sbrk.c          a heap that uses the memory a host gives before growing it
#   cond_timedwait.c, key_create.c           musl's files with a small adaptation
#   getcwd.c, chdir.c, preopens.c, getentropy.c, random.c, sysconf.c, nanosleep.c
#                   for base files that do not build threaded as they are
# (sched.h and semaphore.h are in common/include, for every triple.)

THREADS_DIR := $(SYSROOTS_DIR)/threads
THREADS_MUSL_SRC := $(SRC)/libc-top-half/musl/src
THREADS_BOTTOM := $(SRC)/libc-bottom-half

# The arch directory must come before the base's arch/wasm32, which stops at #error when
# _REENTRANT is defined. musl's pthread_impl.h includes <signal.h> and <sys/mman.h>, which
# insist on their emulation macros; only declarations are taken from them.
TRIPLE_TOP_CFLAGS := -I$(THREADS_DIR)/arch -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_MMAN


include $(THREADS_DIR)/musl-sources.mk

# FILE locking, which the single-threaded base leaves out.
THREADS_MUSL_STDIO := __lockfile.c flockfile.c ftrylockfile.c funlockfile.c

TRIPLE_BASE_SOURCES := $(addprefix $(THREADS_MUSL_SRC)/thread/,$(THREADS_MUSL)) \
  $(addprefix $(THREADS_MUSL_SRC)/stdio/,$(THREADS_MUSL_STDIO))

# Base files replaced by ours: sbrk.c (see there), and files that stop at #error or fail to
# compile under _REENTRANT.
TRIPLE_BASE_EXCLUDE := \
  $(addprefix $(THREADS_BOTTOM)/sources/,getcwd.c chdir.c preopens.c getentropy.c sbrk.c) \
  $(THREADS_BOTTOM)/cloudlibc/src/libc/time/nanosleep.c \
  $(THREADS_MUSL_SRC)/prng/random.c $(THREADS_MUSL_SRC)/conf/sysconf.c

TRIPLE_SOURCES := $(addprefix $(THREADS_DIR)/, \
  futex.c thread.c spawn.c thread_start.s pthread_exit.c pthread_exit_unwind.s \
  c11.c attr.c cond_clock.c cond_timedwait.c key_create.c \
  sbrk.c getcwd.c chdir.c preopens.c getentropy.c random.c sysconf.c nanosleep.c)

TRIPLE_CRT_SOURCES := $(SYSROOTS_DIR)/common/crt1-command.c

# musl's internal headers; the wrappers include base files by their path in the tree.
OUR_CFLAGS = $(TOP_CFLAGS) -I$(THREADS_MUSL_SRC) -I$(SRC)

# The assembler gets no features from the target triple: name the ones used.
OUR_ASFLAGS := -matomics
$(OBJDIR)/ours/threads/pthread_exit_unwind.o: OUR_ASFLAGS += -mexception-handling
