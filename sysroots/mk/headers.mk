# Public headers: the bottom half's, then musl's, then this triple's own on top.

# musl headers that make no sense on WASI (no kernel, processes, users, terminals...).
OMIT_HEADERS := \
  bits/syscall.h.in bits/alltypes.h.in alltypes.h.in stdarg.h stddef.h bits/errno.h \
  sys/procfs.h sys/user.h sys/kd.h sys/vt.h sys/soundcard.h sys/sem.h sys/shm.h sys/msg.h \
  sys/ipc.h sys/ptrace.h sys/statfs.h bits/kd.h bits/vt.h bits/soundcard.h bits/sem.h \
  bits/shm.h bits/msg.h bits/ipc.h bits/ptrace.h bits/statfs.h sys/vfs.h \
  syslog.h sys/syslog.h wait.h sys/wait.h ucontext.h sys/ucontext.h paths.h utmp.h utmpx.h \
  lastlog.h sys/acct.h sys/cachectl.h sys/epoll.h sys/reboot.h sys/swap.h sys/sendfile.h \
  sys/inotify.h sys/quota.h sys/klog.h sys/fsuid.h sys/io.h sys/prctl.h sys/mtio.h \
  sys/mount.h sys/fanotify.h sys/personality.h elf.h link.h bits/link.h scsi/scsi.h \
  scsi/scsi_ioctl.h scsi/sg.h sys/auxv.h pwd.h shadow.h grp.h mntent.h netdb.h resolv.h \
  pty.h dlfcn.h setjmp.h ulimit.h sys/xattr.h wordexp.h spawn.h sys/membarrier.h \
  sys/signalfd.h termios.h sys/termios.h bits/termios.h net/if.h net/if_arp.h \
  net/ethernet.h net/route.h netinet/if_ether.h netinet/ether.h sys/timerfd.h libintl.h \
  sys/sysmacros.h
# sys/statvfs.h is musl's as it is: common/statvfs.c implements it.

# No POSIX AIO on any triple: WASI's <signal.h> has no struct sigevent. <pthread.h> is on every
# triple (threads/single.mk without threads).
OMIT_HEADERS += aio.h
OMIT_HEADERS := $(filter-out $(TRIPLE_KEEP_HEADERS),$(OMIT_HEADERS)) $(TRIPLE_OMIT_HEADERS)

# Our headers for every triple: common/include/ replaces base headers of the same path (it is
# installed before the triple's own). Each file under common/include-add/ is appended to the
# installed header of the same path: declarations the base hides behind
# __wasilibc_unmodified_upstream, for functions we now provide, each block with its own guard.
# A NAME.h.sed there is a sed script applied to that header first, for the few declarations
# the base marks deprecated ("not defined on WASI") that we now define.
COMMON_HEADERS_DIR := $(SYSROOTS_DIR)/common/include
COMMON_HEADERS_ADD_DIR := $(SYSROOTS_DIR)/common/include-add
HEADERS_ADD_WORK := $(OBJDIR)/headers-add

# <wasi/version.h>: the triple and the packages' version (lockstep: any package's version).
VERSION_H_TEMPLATE := $(SYSROOTS_DIR)/common/templates/version.h.in
SYSROOT_VERSION_SOURCE := $(SYSROOTS_DIR)/../packages/sysroot-wasip1/package.json
SYSROOT_VERSION := $(shell sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' '$(SYSROOT_VERSION_SOURCE)')
ifeq ($(SYSROOT_VERSION),)
$(error cannot read the version from $(SYSROOT_VERSION_SOURCE))
endif
SYSROOT_VERSION_PARTS := $(subst ., ,$(firstword $(subst -, ,$(SYSROOT_VERSION))))

HEADER_INPUTS := $(VERSION_H_TEMPLATE) $(SYSROOT_VERSION_SOURCE) $(shell find $(BOTTOM)/headers/public $(MUSL)/include $(MUSL)/arch/generic/bits \
  $(MUSL)/arch/wasm32/bits $(COMMON_HEADERS_DIR) $(COMMON_HEADERS_ADD_DIR) $(TRIPLE_HEADERS_DIR) \
  -type f 2>/dev/null) \
  $(MUSL)/tools/mkalltypes.sed $(SYSROOTS_DIR)/mk/headers.mk $(SYSROOTS_DIR)/mk/triples.mk

HEADERS_STAMP := $(OBJDIR)/headers.stamp

# cp -p keeps the sources' timestamps, so re-installing the headers only rebuilds
# objects whose headers really changed.
$(HEADERS_STAMP): $(HEADER_INPUTS)
	@printf 'HEADERS %s\n' '$(SYSROOT_INC)'
	@rm -rf '$(SYSROOT_INC)' && mkdir -p '$(SYSROOT_INC)/bits' '$(@D)'
	@cp -Rp $(BOTTOM)/headers/public/. '$(SYSROOT_INC)/'
	@sed -f $(MUSL)/tools/mkalltypes.sed $(MUSL)/arch/wasm32/bits/alltypes.h.in \
	  $(MUSL)/include/alltypes.h.in > '$(SYSROOT_INC)/bits/alltypes.h.new'
	@cp -Rp $(MUSL)/include/. '$(SYSROOT_INC)/'
	@cp -Rp $(MUSL)/arch/generic/bits/. $(MUSL)/arch/wasm32/bits/. '$(SYSROOT_INC)/bits/'
	@cd '$(SYSROOT_INC)' && rm -f $(OMIT_HEADERS)
	@if [ -d '$(COMMON_HEADERS_DIR)' ]; then cp -Rp '$(COMMON_HEADERS_DIR)/.' '$(SYSROOT_INC)/'; fi
	@if [ -n '$(TRIPLE_HEADERS_DIR)' ]; then cp -Rp '$(TRIPLE_HEADERS_DIR)/.' '$(SYSROOT_INC)/'; fi
	@# An edited header keeps its last timestamp unless its text changed (see cp -p above).
	@cd '$(COMMON_HEADERS_ADD_DIR)' && for f in $$(find . -type f \( -name '*.h' -o -name '*.h.sed' \) \
	    | sed -e 's/\.sed$$//' | LC_ALL=C sort -u); do \
	  mkdir -p "$(HEADERS_ADD_WORK)/$$(dirname $$f)" && \
	  { if [ -f "$$f.sed" ]; then sed -f "$$f.sed" '$(SYSROOT_INC)/'"$$f"; else cat '$(SYSROOT_INC)/'"$$f"; fi \
	    && if [ -f "$$f" ]; then cat "$$f"; fi; } > "$(HEADERS_ADD_WORK)/$$f.new" || exit 1; \
	  cmp -s "$(HEADERS_ADD_WORK)/$$f.new" "$(HEADERS_ADD_WORK)/$$f" \
	    || mv "$(HEADERS_ADD_WORK)/$$f.new" "$(HEADERS_ADD_WORK)/$$f"; \
	  rm -f "$(HEADERS_ADD_WORK)/$$f.new"; cp -p "$(HEADERS_ADD_WORK)/$$f" '$(SYSROOT_INC)/'"$$f"; \
	done
	@sed -e 's|@TRIPLE@|$(TARGET_TRIPLE)|' -e 's|@TRIPLE_ID@|$(subst -,_,$(TARGET_TRIPLE))|' \
	  -e 's|@VERSION@|$(SYSROOT_VERSION)|' -e 's|@MAJOR@|$(word 1,$(SYSROOT_VERSION_PARTS))|' \
	  -e 's|@MINOR@|$(word 2,$(SYSROOT_VERSION_PARTS))|' -e 's|@PATCH@|$(word 3,$(SYSROOT_VERSION_PARTS))|' \
	  '$(VERSION_H_TEMPLATE)' > '$(SYSROOT_INC)/wasi/version.h'
	@cmp -s '$(SYSROOT_INC)/bits/alltypes.h.new' '$(OBJDIR)/alltypes.h.last' 2>/dev/null \
	  || cp '$(SYSROOT_INC)/bits/alltypes.h.new' '$(OBJDIR)/alltypes.h.last'
	@cp -p '$(OBJDIR)/alltypes.h.last' '$(SYSROOT_INC)/bits/alltypes.h' && rm '$(SYSROOT_INC)/bits/alltypes.h.new'
	@touch $@

headers: $(HEADERS_STAMP)
.PHONY: headers
