# share/<triple>/: what the ABI guard compares with the committed snapshots in sysroots/abi/.
#   defined-symbols.txt    every external symbol the libraries define
#   undefined-symbols.txt  what they need from outside (the host, the compiler runtime)
#   predefined-macros.txt  every macro a program sees after including every public header
#   include-all.c          one #include per public header; compiling it is the header check,
#                          in every language mode of HEADER_CHECK_STDS (C and C++)

DEFINED_SYMBOLS := $(SYSROOT_SHARE)/defined-symbols.txt
UNDEFINED_SYMBOLS := $(SYSROOT_SHARE)/undefined-symbols.txt
INCLUDE_ALL := $(SYSROOT_SHARE)/include-all.c
PREDEFINED_MACROS := $(SYSROOT_SHARE)/predefined-macros.txt
SYMBOL_LIBS := $(SYSROOT_LIB)/libc.a $(SYSROOT_LIB)/libsetjmp.a $(foreach l,$(EMULATED_LIBS),$(SYSROOT_LIB)/libwasi-emulated-$(l).a)

# Headers that only work when a program opts into an emulation say so with #error;
# the check opts into all of them.
EMULATION_OPT_INS := -D_WASI_EMULATED_MMAN -D_WASI_EMULATED_SIGNAL \
  -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID

# How every header check compiles include-all.c: the emulations opted into, and <setjmp.h>'s
# lowering flag (without it, that header stops at #error by design).
HEADER_CHECK_FLAGS = --target=$(TARGET_TRIPLE) $(THREAD_CFLAGS) $(TRIPLE_CFLAGS) -nostdinc \
  -isystem '$(SYSROOT_INC)' -isystem "$$($(CC) -print-resource-dir)/include" $(EMULATION_OPT_INS) \
  -mllvm -wasm-enable-sjlj

# Every public header must compile in each of these modes, both strict (no feature macros)
# and with _ALL_SOURCE.
HEADER_CHECK_STDS := c99 c11 c17 gnu23 c++17
HEADER_CHECK := $(OBJDIR)/header-check.stamp

# Version-specific macros of the compiler are not part of our ABI.
COMPILER_VERSION_MACROS := __clang__ __clang_major__ __clang_minor__ __clang_patchlevel__ \
  __clang_version__ __clang_literal_encoding__ __clang_wide_literal_encoding__ __llvm__ \
  __GNUC__ __GNUC_MINOR__ __GNUC_PATCHLEVEL__ __VERSION__
# Nor is our own version (<wasi/version.h>), which every release changes.
COMPILER_VERSION_MACROS += WASI_SYSROOT_VERSION WASI_SYSROOT_VERSION_MAJOR \
  WASI_SYSROOT_VERSION_MINOR WASI_SYSROOT_VERSION_PATCH

# A triple's link-time extras that are not libc (TRIPLE_ABI_SKIP, file names) stay out of the
# symbol lists.
ABI_CRT_OBJS := $(filter-out $(addprefix %/,$(TRIPLE_ABI_SKIP)),$(CRT_OBJS))
$(DEFINED_SYMBOLS) $(UNDEFINED_SYMBOLS) &: $(SYMBOL_LIBS) $(CRT_OBJS) $(LIBS)
	@printf 'META symbols\n'
	@mkdir -p '$(@D)'
	$(Q)$(NM) --defined-only --extern-only --just-symbol-name $(SYMBOL_LIBS) $(ABI_CRT_OBJS) 2>/dev/null \
	  | grep -v -e ':$$' -e '^$$' | LC_ALL=C sort -u > '$(DEFINED_SYMBOLS)'
	$(Q)$(NM) --undefined-only --extern-only --just-symbol-name $(SYSROOT_LIB)/libc.a $(SYSROOT_LIB)/libc-*.a $(ABI_CRT_OBJS) 2>/dev/null \
	  | grep -v -e ':$$' -e '^$$' | LC_ALL=C sort -u \
	  | LC_ALL=C comm -23 - '$(DEFINED_SYMBOLS)' > '$(UNDEFINED_SYMBOLS)'

$(INCLUDE_ALL): $(HEADERS_STAMP)
	@mkdir -p '$(@D)'
	$(Q)cd '$(SYSROOT_INC)' && find . -type f -name '*.h' ! -path './bits/*' ! -path '*/bits/*' \
	  | sed -e 's|^\./||' | LC_ALL=C sort | sed -e 's|.*|#include <&>|' > '$@'

$(HEADER_CHECK): $(INCLUDE_ALL) $(HEADERS_STAMP)
	@printf 'META headers: %s\n' '$(HEADER_CHECK_STDS)'
	$(Q)for std in gnu17 $(HEADER_CHECK_STDS); do \
	  case $$std in c++*) lang=c++ ;; *) lang=c ;; esac; \
	  for features in '' -D_ALL_SOURCE; do \
	    $(CC) $(HEADER_CHECK_FLAGS) -x $$lang -std=$$std $$features -Werror -Wno-#warnings \
	      -fsyntax-only '$(INCLUDE_ALL)' \
	    || { echo "public headers fail to compile with -x $$lang -std=$$std $$features" >&2; exit 1; }; \
	  done; \
	done
	@touch '$@'

$(PREDEFINED_MACROS): $(INCLUDE_ALL) $(HEADERS_STAMP) $(HEADER_CHECK)
	$(Q)$(CC) $(HEADER_CHECK_FLAGS) \
	  -std=gnu17 -D_ALL_SOURCE -Wno-#warnings -E -dM '$(INCLUDE_ALL)' \
	  | grep -v -E '^#define ($(subst $() ,|,$(strip $(COMPILER_VERSION_MACROS)))) ' \
	  | LC_ALL=C sort > '$@'

metadata: $(DEFINED_SYMBOLS) $(UNDEFINED_SYMBOLS) $(PREDEFINED_MACROS)

all: libs metadata

.PHONY: all metadata
