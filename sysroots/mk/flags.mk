# Compiler flags. The warning set is the base's own, plus what clang 22 newly reports.

WARNINGS := -Wall -Wextra -Werror \
  -Wno-null-pointer-arithmetic -Wno-unused-parameter -Wno-sign-compare \
  -Wno-unused-variable -Wno-unused-function -Wno-ignored-attributes \
  -Wno-missing-braces -Wno-ignored-pragmas -Wno-unused-but-set-variable \
  -Wno-unknown-warning-option
# clang 22: musl's vfprintf initialises a char array with a string exactly as long.
# Must follow -Wextra, which would turn it back on.
WARNINGS += -Wno-unterminated-string-initialization

ifeq ($(THREAD_MODEL),single)
THREAD_CFLAGS := -mthread-model single
else ifeq ($(THREAD_MODEL),posix)
THREAD_CFLAGS := -mthread-model posix -pthread
else
$(error THREAD_MODEL must be single or posix, not '$(THREAD_MODEL)')
endif

# Paths of the machine that built the library never reach the objects (reproducible output).
PREFIX_MAPS := -ffile-prefix-map=$(SRC)=/wasi-libc -ffile-prefix-map=$(SYSROOTS_DIR)=/wasi-sysroots

CFLAGS := --target=$(TARGET_TRIPLE) $(OPT_CFLAGS) -fno-trapping-math $(WARNINGS) \
  $(THREAD_CFLAGS) $(TRIPLE_CFLAGS) $(PREFIX_MAPS) -isystem $(SYSROOT_INC)

BOTTOM_CFLAGS := -I$(BOTTOM)/headers/private -I$(BOTTOM)/cloudlibc/src/include -I$(BOTTOM)/cloudlibc/src
TOP_CFLAGS := $(TRIPLE_TOP_CFLAGS) -I$(MUSL_SRC)/include -I$(MUSL_SRC)/internal -I$(MUSL)/arch/wasm32 \
  -I$(MUSL)/arch/generic -I$(TOP)/headers/private \
  -Wno-parentheses -Wno-shift-op-parentheses -Wno-bitwise-op-parentheses \
  -Wno-logical-op-parentheses -Wno-string-plus-int -Wno-dangling-else -Wno-unknown-pragmas
MALLOC_CFLAGS := -I$(SRC)/dlmalloc/include
PRINTSCAN_DEFAULT_CFLAGS := -D__wasilibc_printscan_no_long_double \
  -D__wasilibc_printscan_full_support_option='"add -lc-printscan-long-double to the link command"'
PRINTSCAN_NO_FP_CFLAGS := -D__wasilibc_printscan_no_floating_point \
  -D__wasilibc_printscan_floating_point_support_option='"remove -lc-printscan-no-floating-point from the link command"'
