# Which base (upstream wasi-libc 9886d3d) sources go into which library.
# SRC is the verified base tree; nothing in it is ever modified.

BOTTOM := $(SRC)/libc-bottom-half
TOP := $(SRC)/libc-top-half
MUSL := $(TOP)/musl
MUSL_SRC := $(MUSL)/src

find_c = $(sort $(shell find $(1) -name '*.c'))

# --- dlmalloc: the allocator ---
MALLOC_SOURCES := $(SRC)/dlmalloc/src/dlmalloc.c

# --- libc-bottom-half: cloudlibc and the WASI glue ---
BOTTOM_SOURCES := $(call find_c,$(BOTTOM)/cloudlibc/src) $(call find_c,$(BOTTOM)/sources) \
  $(BOTTOM)/clocks/clock.c
# A triple may replace a startup file with one of its own of the same name.
CRT_SOURCES := $(filter-out $(addprefix $(BOTTOM)/crt/,$(notdir $(TRIPLE_CRT_SOURCES))), \
  $(sort $(wildcard $(BOTTOM)/crt/*.c)))

# --- libc-top-half: musl plus wasi-libc's own top-half sources ---
# Individual files from directories that are only partly usable on WASI.
MUSL_PICKED := \
  misc/a64l.c misc/basename.c misc/dirname.c misc/ffs.c misc/ffsl.c misc/ffsll.c \
  misc/fmtmsg.c misc/getdomainname.c misc/gethostid.c misc/getopt.c misc/getopt_long.c \
  misc/getsubopt.c misc/uname.c misc/nftw.c \
  errno/strerror.c \
  network/htonl.c network/htons.c network/ntohl.c network/ntohs.c \
  network/inet_ntop.c network/inet_pton.c network/inet_aton.c \
  network/in6addr_any.c network/in6addr_loopback.c \
  fenv/fenv.c fenv/fesetround.c fenv/feupdateenv.c fenv/fesetexceptflag.c \
  fenv/fegetexceptflag.c fenv/feholdexcept.c \
  exit/exit.c exit/atexit.c exit/assert.c exit/quick_exit.c exit/at_quick_exit.c \
  time/strftime.c time/asctime.c time/asctime_r.c time/ctime.c time/ctime_r.c \
  time/wcsftime.c time/strptime.c time/difftime.c time/timegm.c time/ftime.c \
  time/gmtime.c time/gmtime_r.c time/timespec_get.c time/getdate.c time/localtime.c \
  time/localtime_r.c time/mktime.c time/__tm_to_secs.c time/__month_to_secs.c \
  time/__secs_to_tm.c time/__year_to_secs.c time/__tz.c \
  fcntl/creat.c \
  dirent/alphasort.c dirent/versionsort.c \
  env/clearenv.c env/getenv.c env/putenv.c env/setenv.c env/unsetenv.c \
  unistd/posix_close.c \
  stat/futimesat.c

# Whole directories, every file.
# temp: mkstemp, mkdtemp and friends (open and mkdir with O_EXCL work on WASI).
MUSL_WHOLE_DIRS := stdlib search multibyte regex prng conf ctype crypt temp

# Directories taken whole except for files that need a kernel, or that the
# bottom half or the compiler's builtins provide instead.
MUSL_INTERNAL_EXCLUDE := procfdname.c syscall.c syscall_ret.c vdso.c version.c
MUSL_STDIO_EXCLUDE := flockfile.c funlockfile.c __lockfile.c ftrylockfile.c rename.c \
  tmpnam.c tmpfile.c tempnam.c popen.c pclose.c remove.c gets.c
MUSL_STRING_EXCLUDE := strsignal.c
MUSL_LOCALE_EXCLUDE := dcngettext.c textdomain.c bind_textdomain_codeset.c
MUSL_MATH_EXCLUDE := __signbit.c __signbitf.c __signbitl.c \
  __fpclassify.c __fpclassifyf.c __fpclassifyl.c \
  ceilf.c ceil.c floorf.c floor.c truncf.c trunc.c rintf.c rint.c \
  nearbyintf.c nearbyint.c sqrtf.c sqrt.c fabsf.c fabs.c copysignf.c copysign.c \
  fminf.c fmaxf.c fmin.c fmax.c
MUSL_COMPLEX_EXCLUDE := crealf.c creal.c creall.c cimagf.c cimag.c cimagl.c

# $(call musl_dir_except,DIR,FILES): every .c in musl/src/DIR except FILES.
musl_dir_except = $(filter-out $(addprefix $(MUSL_SRC)/$(1)/,$(2)),$(sort $(wildcard $(MUSL_SRC)/$(1)/*.c)))

MUSL_SOURCES := \
  $(addprefix $(MUSL_SRC)/,$(MUSL_PICKED)) \
  $(foreach d,$(MUSL_WHOLE_DIRS),$(sort $(wildcard $(MUSL_SRC)/$(d)/*.c))) \
  $(call musl_dir_except,internal,$(MUSL_INTERNAL_EXCLUDE)) \
  $(call musl_dir_except,stdio,$(MUSL_STDIO_EXCLUDE)) \
  $(call musl_dir_except,string,$(MUSL_STRING_EXCLUDE)) \
  $(call musl_dir_except,locale,$(MUSL_LOCALE_EXCLUDE)) \
  $(call musl_dir_except,math,$(MUSL_MATH_EXCLUDE)) \
  $(call musl_dir_except,complex,$(MUSL_COMPLEX_EXCLUDE))

TOP_SOURCES := $(MUSL_SOURCES) $(call find_c,$(TOP)/sources)

# printf/scanf/strtod are built three ways: the default in libc.a lacks long double
# support; two side libraries add it or drop floating point entirely.
PRINTSCAN_SOURCES := $(addprefix $(MUSL_SRC)/, \
  internal/floatscan.c stdio/vfprintf.c stdio/vfwprintf.c stdio/vfscanf.c \
  stdlib/strtod.c stdlib/wcstod.c)

# --- the libwasi-emulated-* libraries, opted into with -D_WASI_EMULATED_* ---
EMULATED_LIBS := mman process-clocks getpid signal
EMULATED_mman_SOURCES := $(call find_c,$(BOTTOM)/mman)
# clock() is in libc.a on every triple; times() is ours (common/times.c).
EMULATED_process-clocks_SOURCES := $(filter-out %/clock.c %/times.c,$(call find_c,$(BOTTOM)/clocks))
EMULATED_process-clocks_OUR_SOURCES := $(SYSROOTS_DIR)/common/times.c
EMULATED_getpid_SOURCES := $(call find_c,$(BOTTOM)/getpid)
EMULATED_signal_SOURCES := $(call find_c,$(BOTTOM)/signal)
EMULATED_SIGNAL_MUSL_SOURCES := $(MUSL_SRC)/signal/psignal.c $(MUSL_SRC)/string/strsignal.c
EMULATED_signal_SOURCES += $(EMULATED_SIGNAL_MUSL_SOURCES)
# sigaction over the base's signal() and raise(); alarm(), which never fires.
EMULATED_signal_OUR_SOURCES := $(addprefix $(SYSROOTS_DIR)/common/signal/,sigaction.c alarm.c)

# Empty archives so that -lm, -lpthread and friends link as they do on Linux.
PLACEHOLDER_LIBS := m rt pthread crypt util xnet resolv dl

# --- our own fixes to the base, for every triple ---
# strerror: unknown error numbers said "Success".
COMMON_SOURCES := $(SYSROOTS_DIR)/common/strerror.c
COMMON_BASE_EXCLUDE := $(MUSL_SRC)/errno/strerror.c
# What the base lacks and libc++'s <filesystem> needs.
COMMON_SOURCES += $(addprefix $(SYSROOTS_DIR)/common/, \
  statvfs.c chmod.c realpath.c copy_file_range.c)
# libc's descriptor table (common/fd-table.h): dup, pipe, fcntl, record locks,
# poll and select over it; the base's bindings that take descriptors are
# renamed to __wasilibc_host_* (common/host-calls.h) and wrapped.
COMMON_SOURCES += $(addprefix $(SYSROOTS_DIR)/common/, \
  fd-table.c dup.c pipe.c fcntl.c fstat.c poll.c select.c)
COMMON_BASE_EXCLUDE += $(addprefix $(BOTTOM)/cloudlibc/src/libc/, \
  fcntl/fcntl.c sys/stat/fstat.c poll/poll.c sys/select/select.c sys/select/pselect.c)
HOST_CALLS_OBJ := $(OBJDIR)/base/libc-bottom-half/sources/__wasilibc_real.o
OPENAT_OBJ := $(OBJDIR)/base/libc-bottom-half/cloudlibc/src/libc/fcntl/openat.o
# futimens, utimensat: NULL times and UTIME_NOW/UTIME_OMIT (the base passed undefined values).
COMMON_SOURCES += $(SYSROOTS_DIR)/common/utimens.c
COMMON_BASE_EXCLUDE += $(addprefix $(BOTTOM)/cloudlibc/src/libc/sys/stat/,futimens.c utimensat.c)
# sbrk: the break covers only memory libc owns, never pages that the wasm32-wasip2 adapter grew
# for itself. The threaded triple has its own (threads/sbrk.c).
ifeq ($(THREAD_MODEL),single)
COMMON_SOURCES += $(SYSROOTS_DIR)/common/sbrk.c
COMMON_BASE_EXCLUDE += $(BOTTOM)/sources/sbrk.c
endif

# clock_nanosleep: TIMER_ABSTIME deadlines (node:wasi sleeps them as relative times).
COMMON_SOURCES += $(SYSROOTS_DIR)/common/clock_nanosleep.c
COMMON_BASE_EXCLUDE += $(BOTTOM)/cloudlibc/src/libc/time/clock_nanosleep.c
# linkat resolved two names into one buffer; common/at_fdcwd.c wraps the base's file (it and
# other wrappers of bottom-half files are COMMON_BOTTOM_SOURCES, built with the bottom's flags).
COMMON_BOTTOM_SOURCES := $(SYSROOTS_DIR)/common/at_fdcwd.c
# A path under no preopen is ENOENT (the base said ENOTCAPABLE): common/posix_paths.c wraps the
# base's posix.c.
COMMON_BOTTOM_SOURCES += $(SYSROOTS_DIR)/common/posix_paths.c
COMMON_SOURCES += $(COMMON_BOTTOM_SOURCES)
COMMON_BASE_EXCLUDE += $(BOTTOM)/sources/at_fdcwd.c $(BOTTOM)/sources/posix.c

# tmpfile and tmpnam, in $TMPDIR or /tmp (the base has neither; musl's use kernel calls).
COMMON_SOURCES += $(SYSROOTS_DIR)/common/tmpfile.c
# system(): no command processor (0 for NULL, else ENOSYS).
COMMON_SOURCES += $(SYSROOTS_DIR)/common/system.c
# <fts.h>: walking file hierarchies (the base has none).
COMMON_SOURCES += $(SYSROOTS_DIR)/common/fts.c
# posix_fadvise and posix_fallocate with Linux's error returns.
COMMON_SOURCES += $(SYSROOTS_DIR)/common/advise.c
COMMON_BASE_EXCLUDE += $(addprefix $(BOTTOM)/cloudlibc/src/libc/fcntl/,posix_fadvise.c posix_fallocate.c)
# chown family and getuid family: user and group 0 (what SQLite's os_unix.c calls).
COMMON_SOURCES += $(SYSROOTS_DIR)/common/chown.c

# Signal sets and the signal mask (per thread where there are threads), without the emulation
# flag: WASI delivers no signal asynchronously (common/include-add/signal.h). Built against the
# public headers, like the emulation's members: musl's internal <signal.h> is the base's.
SIGNAL_MASK_SOURCES := $(SYSROOTS_DIR)/common/signal_mask.c
COMMON_SOURCES += $(SIGNAL_MASK_SOURCES)

# --- libsetjmp.a: what clang's -mllvm -wasm-enable-sjlj lowering calls (every triple) ---
SETJMP_SOURCES := $(SYSROOTS_DIR)/common/setjmp/setjmp.c $(SYSROOTS_DIR)/common/setjmp/tag.s

# --- what goes into libc.a for this triple ---
LIBC_BASE_SOURCES := $(filter-out $(TRIPLE_BASE_EXCLUDE) $(COMMON_BASE_EXCLUDE), \
  $(MALLOC_SOURCES) $(BOTTOM_SOURCES) $(TOP_SOURCES) $(TRIPLE_BASE_SOURCES))
