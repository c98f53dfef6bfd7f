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
#   thread.c        thread descriptors, pthread_create/join/detach, thread start and end
#   thread_start.s  wasi_thread_start, the entry point the host calls
#   ../common/crt1-command.c  _start, running constructors and destructors around main (not around
#                   every export, as wasm-ld does for the base's)
#   pthread_exit.c + pthread_exit_unwind.s   pthread_exit by a WebAssembly exception
#   c11.c, attr.c, cond_clock.c              what musl's files can't do on wasm32/WASI
#   sbrk.c          a heap that uses the memory a host gives before growing it
#   cond_timedwait.c, key_create.c           musl's files with a small adaptation
#   getcwd.c, chdir.c, preopens.c, getentropy.c, random.c, sysconf.c, nanosleep.c
#                   for base files that do not build threaded as they are
#   include/        sched.h (struct sched_param) and semaphore.h (SEM_VALUE_MAX)

THREADS_DIR := $(SYSROOTS_DIR)/threads
THREADS_MUSL_SRC := $(SRC)/libc-top-half/musl/src
THREADS_BOTTOM := $(SRC)/libc-bottom-half

# The arch directory must come before the base's arch/wasm32, which stops at #error when
# _REENTRANT is defined. musl's pthread_impl.h includes <signal.h> and <sys/mman.h>, which
# insist on their emulation macros; only declarations are taken from them.
TRIPLE_TOP_CFLAGS := -I$(THREADS_DIR)/arch -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_MMAN

TRIPLE_HEADERS_DIR := $(THREADS_DIR)/include
# No POSIX AIO here, and <aio.h> does not even compile: WASI's <signal.h> has no struct sigevent.
TRIPLE_OMIT_HEADERS := aio.h

THREADS_MUSL := \
  __lock.c __wait.c vmlock.c default_attr.c lock_ptc.c call_once.c \
  pthread_attr_destroy.c pthread_attr_init.c pthread_attr_setdetachstate.c \
  pthread_attr_setguardsize.c pthread_attr_setinheritsched.c pthread_attr_setschedparam.c \
  pthread_attr_setschedpolicy.c pthread_attr_setscope.c pthread_attr_setstack.c \
  pthread_attr_setstacksize.c pthread_setattr_default_np.c \
  pthread_barrier_destroy.c pthread_barrier_init.c pthread_barrier_wait.c \
  pthread_barrierattr_destroy.c pthread_barrierattr_init.c pthread_barrierattr_setpshared.c \
  pthread_cleanup_push.c pthread_setcancelstate.c pthread_setcanceltype.c pthread_testcancel.c \
  pthread_cond_broadcast.c pthread_cond_destroy.c pthread_cond_init.c pthread_cond_signal.c \
  pthread_cond_wait.c pthread_condattr_destroy.c pthread_condattr_init.c \
  pthread_condattr_setpshared.c \
  pthread_equal.c pthread_self.c pthread_once.c pthread_getspecific.c pthread_setspecific.c \
  pthread_getconcurrency.c pthread_setconcurrency.c pthread_atfork.c \
  pthread_mutex_consistent.c pthread_mutex_destroy.c pthread_mutex_init.c \
  pthread_mutex_lock.c pthread_mutex_timedlock.c pthread_mutex_trylock.c \
  pthread_mutex_unlock.c pthread_mutex_getprioceiling.c pthread_mutex_setprioceiling.c \
  pthread_mutexattr_destroy.c pthread_mutexattr_init.c pthread_mutexattr_setprotocol.c \
  pthread_mutexattr_setpshared.c pthread_mutexattr_setrobust.c pthread_mutexattr_settype.c \
  pthread_rwlock_destroy.c pthread_rwlock_init.c pthread_rwlock_rdlock.c \
  pthread_rwlock_timedrdlock.c pthread_rwlock_timedwrlock.c pthread_rwlock_tryrdlock.c \
  pthread_rwlock_trywrlock.c pthread_rwlock_unlock.c pthread_rwlock_wrlock.c \
  pthread_rwlockattr_destroy.c pthread_rwlockattr_init.c pthread_rwlockattr_setpshared.c \
  pthread_spin_destroy.c pthread_spin_init.c pthread_spin_lock.c pthread_spin_trylock.c \
  pthread_spin_unlock.c \
  sem_destroy.c sem_getvalue.c sem_init.c sem_post.c sem_timedwait.c sem_trywait.c sem_wait.c \
  cnd_broadcast.c cnd_destroy.c cnd_init.c cnd_signal.c cnd_timedwait.c cnd_wait.c \
  mtx_destroy.c mtx_init.c mtx_lock.c mtx_timedlock.c mtx_trylock.c mtx_unlock.c \
  thrd_exit.c thrd_join.c tss_create.c tss_delete.c tss_set.c

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
  futex.c thread.c thread_start.s pthread_exit.c pthread_exit_unwind.s \
  c11.c attr.c cond_clock.c cond_timedwait.c key_create.c \
  sbrk.c getcwd.c chdir.c preopens.c getentropy.c random.c sysconf.c nanosleep.c)

TRIPLE_CRT_SOURCES := $(SYSROOTS_DIR)/common/crt1-command.c

# musl's internal headers; the wrappers include base files by their path in the tree.
OUR_CFLAGS = $(TOP_CFLAGS) -I$(THREADS_MUSL_SRC) -I$(SRC)

# The assembler gets no features from the target triple: name the ones used.
OUR_ASFLAGS := -matomics
$(OBJDIR)/ours/threads/pthread_exit_unwind.o: OUR_ASFLAGS += -mexception-handling
