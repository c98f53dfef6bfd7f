# wasm32-wasip2: the base's libc answered by Preview 2 itself (src/host/host.h),
# plus BSD sockets over wasi:sockets 0.2.0 (src/descriptors.h). libc makes no
# Preview 1 imports.
#
# Programs link with -fuse-ld=lld into a core module; a component is made
# from it without an adapter (with one only for objects that import Preview 1
# themselves). libc.a and crt1-command.o carry their own component-type
# sections (the WIT worlds in sysroots/p2/wit), so that needs no WIT from the user.

P2_DIR := $(SYSROOTS_DIR)/p2
P2_SRC := $(P2_DIR)/src
P2_GEN := $(OBJDIR)/p2

TRIPLE_SOURCES += $(addprefix $(P2_SRC)/, \
  host/host.c host/stdio.c host/cli.c host/exit.c host/files.c host/no-files.c host/poll.c \
  lists.c \
  dispatch.c ioctl.c poll.c clocks.c \
  socket-table.c addr.c socket.c tcp.c udp.c poll-sockets.c netdb.c \
  component-type.c)

# The base's Preview 1 bindings: src/host answers those calls instead. Base
# files whose functions take descriptors, replaced by versions that look in
# the socket table first; and the base's Preview 1 socket calls.
P2_CLOUDLIBC := $(SRC)/libc-bottom-half/cloudlibc/src/libc
TRIPLE_BASE_EXCLUDE += \
  $(SRC)/libc-bottom-half/sources/__wasilibc_real.c \
  $(SRC)/libc-bottom-half/sources/accept.c \
  $(addprefix $(P2_CLOUDLIBC)/sys/socket/, getsockopt.c recv.c send.c shutdown.c) \
  $(addprefix $(P2_CLOUDLIBC)/unistd/, read.c write.c close.c) \
  $(addprefix $(P2_CLOUDLIBC)/sys/uio/, readv.c writev.c) \
  $(P2_CLOUDLIBC)/sys/ioctl/ioctl.c

# musl's address text helpers the base leaves out.
TRIPLE_BASE_SOURCES += $(addprefix $(SRC)/libc-top-half/musl/src/network/, inet_addr.c inet_ntoa.c)

# The file layer is referenced weakly (src/host/host.h): the base's path
# resolution and openat link it.
TRIPLE_BASE_INCLUDE := $(P2_SRC)/host/link-files.h
TRIPLE_BASE_INCLUDE_SOURCES := $(SRC)/libc-bottom-half/sources/preopens.c \
  $(SRC)/libc-bottom-half/cloudlibc/src/libc/fcntl/openat.c

# sys/socket.h, netdb.h and arpa/inet.h of this triple.
TRIPLE_HEADERS_DIR := $(P2_DIR)/include

# The generated component-type bytes; libc's descriptor table.
OUR_CFLAGS := -I$(P2_GEN) -I$(P2_SRC) -I$(SYSROOTS_DIR)/common

# The component-type section: the WIT world encoded by jco's WIT encoder.
P2_WIT := $(sort $(wildcard $(P2_DIR)/wit/*.wit $(P2_DIR)/wit/deps/*/*.wit))
$(P2_GEN)/component-type.inc: $(P2_WIT) $(P2_DIR)/tools/component-type.mjs
	@printf 'GEN %s\n' '$@'
	@mkdir -p '$(@D)'
	$(Q)node '$(P2_DIR)/tools/component-type.mjs' '$(P2_DIR)/wit' imports '$@'
$(OBJDIR)/ours/p2/src/component-type.o: $(P2_GEN)/component-type.inc
$(P2_GEN)/command-type.inc: $(P2_WIT) $(P2_DIR)/tools/component-type.mjs
	@printf 'GEN %s\n' '$@'
	@mkdir -p '$(@D)'
	$(Q)node '$(P2_DIR)/tools/component-type.mjs' '$(P2_DIR)/wit' command '$@'
$(OBJDIR)/ours/common/crt1-command.o: $(P2_GEN)/command-type.inc

# Commands run their constructors and destructors around main themselves (see
# common/crt1-command.c): otherwise wasm-ld wraps the exported cabi_realloc too.
TRIPLE_CRT_SOURCES := $(SYSROOTS_DIR)/common/crt1-command.c
# Installed beside crt1-command.o, not in libc.a: the one object that imports
# Preview 1 (the adapter's placeholders), which wasm-component-ld adds only to
# mixed links (src/adapter-reserve.c).
TRIPLE_CRT_SOURCES += $(P2_SRC)/adapter-reserve.c
# Not libc: its one symbol is the adapter's, and the ABI snapshot shows none of Preview 1.
TRIPLE_ABI_SKIP := adapter-reserve.o
