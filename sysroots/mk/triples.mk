# The one place where target triples differ. Adding a triple means adding one block.
#
#   THREAD_MODEL       single | posix
#   WASI_SNAPSHOT      p1 | p2  (p2: sockets over wasi:sockets, everything else over p1)
#   TRIPLE_CFLAGS      extra flags for every libc object of this triple
#   TRIPLE_TOP_CFLAGS  extra flags for the objects built against musl's internal headers
#   TRIPLE_SOURCES     our own C and assembly (.s) sources (under sysroots/) added to libc.a
#   TRIPLE_CRT_SOURCES our own startup files, installed in place of the base's of the same name
#   TRIPLE_BASE_SOURCES  extra base (upstream) sources added to libc.a
#   TRIPLE_BASE_EXCLUDE  base sources replaced by ours for this triple (patterns)
#   TRIPLE_HEADERS_DIR our own public headers, installed over the base ones
#   TRIPLE_KEEP_HEADERS  musl headers the base omits that this triple provides
#   TRIPLE_OMIT_HEADERS  base headers this triple leaves out
#   TRIPLE_ABI_SKIP    installed objects (file names) left out of the ABI symbol snapshot
#   TRIPLE_BASE_INCLUDE  a header forced into the base sources TRIPLE_BASE_INCLUDE_SOURCES

TRIPLE_CFLAGS :=
TRIPLE_TOP_CFLAGS :=
TRIPLE_SOURCES :=
TRIPLE_CRT_SOURCES :=
TRIPLE_BASE_SOURCES :=
TRIPLE_BASE_EXCLUDE :=
TRIPLE_HEADERS_DIR :=
TRIPLE_KEEP_HEADERS :=
TRIPLE_OMIT_HEADERS :=
TRIPLE_ABI_SKIP :=
TRIPLE_BASE_INCLUDE :=
TRIPLE_BASE_INCLUDE_SOURCES :=

ifeq ($(TARGET_TRIPLE),wasm32-wasip1)
THREAD_MODEL := single
WASI_SNAPSHOT := p1
include $(SYSROOTS_DIR)/threads/single.mk

else ifeq ($(TARGET_TRIPLE),wasm32-wasip1-threads)
THREAD_MODEL := posix
WASI_SNAPSHOT := p1
include $(SYSROOTS_DIR)/threads/threads.mk

else ifeq ($(TARGET_TRIPLE),wasm32-wasip2)
THREAD_MODEL := single
WASI_SNAPSHOT := p2
include $(SYSROOTS_DIR)/threads/single.mk
include $(SYSROOTS_DIR)/p2/p2.mk

else
$(error unknown TARGET_TRIPLE '$(TARGET_TRIPLE)': use wasm32-wasip1, wasm32-wasip1-threads or wasm32-wasip2)
endif
