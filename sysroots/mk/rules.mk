# Objects and archives. Object paths mirror source paths, so every object is unique.

base_objs = $(patsubst $(SRC)/%.c,$(OBJDIR)/base/%$(2).o,$(1))
our_objs = $(patsubst $(SYSROOTS_DIR)/%,$(OBJDIR)/ours/%.o,$(basename $(1)))

MALLOC_OBJS := $(call base_objs,$(filter $(MALLOC_SOURCES),$(LIBC_BASE_SOURCES)))
BOTTOM_OBJS := $(call base_objs,$(filter $(BOTTOM)/%,$(LIBC_BASE_SOURCES)))
TOP_OBJS := $(call base_objs,$(filter $(TOP)/%,$(LIBC_BASE_SOURCES)))
TRIPLE_OBJS := $(call our_objs,$(TRIPLE_SOURCES))
COMMON_OBJS := $(call our_objs,$(COMMON_SOURCES))
SETJMP_OBJS := $(call our_objs,$(SETJMP_SOURCES))
LIBC_OBJS := $(MALLOC_OBJS) $(BOTTOM_OBJS) $(TOP_OBJS) $(TRIPLE_OBJS) $(COMMON_OBJS)

PRINTSCAN_LONG_DOUBLE_OBJS := $(call base_objs,$(PRINTSCAN_SOURCES),.long-double)
PRINTSCAN_NO_FP_OBJS := $(call base_objs,$(PRINTSCAN_SOURCES),.no-floating-point)
CRT_BUILD_OBJS := $(call base_objs,$(CRT_SOURCES))
TRIPLE_CRT_BUILD_OBJS := $(call our_objs,$(TRIPLE_CRT_SOURCES))
CRT_OBJS := $(patsubst $(BOTTOM)/crt/%.c,$(SYSROOT_LIB)/%.o,$(CRT_SOURCES)) \
  $(patsubst %.c,$(SYSROOT_LIB)/%.o,$(notdir $(TRIPLE_CRT_SOURCES)))
$(foreach l,$(EMULATED_LIBS),$(eval EMULATED_$(l)_OBJS := $(call base_objs,$(EMULATED_$(l)_SOURCES),.emulated) \
  $(call our_objs,$(EMULATED_$(l)_OUR_SOURCES))))

# Per-group flags (target-specific variables).
$(MALLOC_OBJS): GROUP_CFLAGS := $(MALLOC_CFLAGS)
$(BOTTOM_OBJS) $(CRT_BUILD_OBJS): GROUP_CFLAGS := $(BOTTOM_CFLAGS)
$(TOP_OBJS): GROUP_CFLAGS := $(TOP_CFLAGS)
$(filter $(call base_objs,$(PRINTSCAN_SOURCES)),$(TOP_OBJS)): GROUP_CFLAGS := $(TOP_CFLAGS) $(PRINTSCAN_DEFAULT_CFLAGS)
$(PRINTSCAN_LONG_DOUBLE_OBJS): GROUP_CFLAGS := $(TOP_CFLAGS)
$(PRINTSCAN_NO_FP_OBJS): GROUP_CFLAGS := $(TOP_CFLAGS) $(PRINTSCAN_NO_FP_CFLAGS)
$(call base_objs,$(EMULATED_process-clocks_SOURCES),.emulated): GROUP_CFLAGS := -I$(BOTTOM)/cloudlibc/src
$(call base_objs,$(filter $(BOTTOM)/%,$(EMULATED_signal_SOURCES)),.emulated): GROUP_CFLAGS :=
$(call base_objs,$(EMULATED_SIGNAL_MUSL_SOURCES),.emulated): GROUP_CFLAGS := $(TOP_CFLAGS) -D_WASI_EMULATED_SIGNAL
# TRIPLE_OBJS get OUR_CFLAGS (OUR_ASFLAGS for .s), set by the triple's own .mk. Our fixes
# to the base (COMMON_OBJS) build against musl's internals, like the files they replace.
$(COMMON_OBJS): OUR_CFLAGS := $(TOP_CFLAGS) -I$(MUSL_SRC) -I$(BOTTOM)/cloudlibc/src \
  -I$(BOTTOM)/cloudlibc/src/libc/sys/stat
# The base's Preview 1 bindings that take descriptors get host names (common/fd-table.h).
# A triple that makes more of these calls itself adds its own renames (TRIPLE_HOST_CALLS).
$(HOST_CALLS_OBJ): GROUP_CFLAGS := $(BOTTOM_CFLAGS) \
  $(foreach h,$(SYSROOTS_DIR)/common/host-calls.h $(TRIPLE_HOST_CALLS),-include $(h))
$(HOST_CALLS_OBJ): $(SYSROOTS_DIR)/common/host-calls.h $(TRIPLE_HOST_CALLS)
# The base's openat gives way to ours (common/fcntl.c), which sets FD_CLOEXEC for O_CLOEXEC.
$(OPENAT_OBJ): $(SYSROOTS_DIR)/common/fcntl.c
$(OPENAT_OBJ): GROUP_CFLAGS := $(BOTTOM_CFLAGS) -D__wasilibc_nocwd_openat_nomode=__wasilibc_base_openat_nomode
# A triple's header forced into some base files (after the flags above, which it extends).
ifneq ($(TRIPLE_BASE_INCLUDE),)
$(call base_objs,$(TRIPLE_BASE_INCLUDE_SOURCES)): GROUP_CFLAGS += -include $(TRIPLE_BASE_INCLUDE)
$(call base_objs,$(TRIPLE_BASE_INCLUDE_SOURCES)): $(TRIPLE_BASE_INCLUDE)
endif
# libsetjmp throws and defines the tag: the exception-handling proposal (its legacy encoding).
$(SETJMP_OBJS): OUR_CFLAGS := -mexception-handling
$(SETJMP_OBJS): OUR_ASFLAGS += -mexception-handling
$(call our_objs,$(COMMON_BOTTOM_SOURCES)): OUR_CFLAGS := $(BOTTOM_CFLAGS) -I$(SRC)
# Our members of the emulation libraries use only public headers, and so does the signal mask.
$(call our_objs,$(SIGNAL_MASK_SOURCES)): OUR_CFLAGS :=
$(call our_objs,$(foreach l,$(EMULATED_LIBS),$(EMULATED_$(l)_OUR_SOURCES))): OUR_CFLAGS :=
# The pthread layer of a single-threaded triple (threads/single.mk): musl's thread internals
# with the threads arch headers first.
$(call base_objs,$(PTHREAD_BASE_SOURCES)): GROUP_CFLAGS := $(PTHREAD_CFLAGS) $(TOP_CFLAGS)
$(call our_objs,$(PTHREAD_OUR_SOURCES)): OUR_CFLAGS := $(PTHREAD_CFLAGS) $(TOP_CFLAGS) -I$(MUSL_SRC) -I$(SRC)

ALL_OBJS := $(LIBC_OBJS) $(PRINTSCAN_LONG_DOUBLE_OBJS) $(PRINTSCAN_NO_FP_OBJS) $(SETJMP_OBJS) \
  $(foreach l,$(EMULATED_LIBS),$(EMULATED_$(l)_OBJS))

# One line per compiled object on stdout ("CC <object>"): the build driver counts them
# for progress. The full command goes to the log when V=1.
ifeq ($(V),1)
Q :=
else
Q := @
endif
COMPILE = @printf 'CC %s\n' '$@'; mkdir -p '$(@D)'
CC_CMD = $(CC) $(CFLAGS) $(GROUP_CFLAGS) -MD -MP -c $< -o $@

$(OBJDIR)/base/%.o: $(SRC)/%.c | $(HEADERS_STAMP)
	$(COMPILE)
	$(Q)$(CC_CMD)
$(OBJDIR)/base/%.long-double.o: $(SRC)/%.c | $(HEADERS_STAMP)
	$(COMPILE)
	$(Q)$(CC_CMD)
$(OBJDIR)/base/%.no-floating-point.o: $(SRC)/%.c | $(HEADERS_STAMP)
	$(COMPILE)
	$(Q)$(CC_CMD)
$(OBJDIR)/base/%.emulated.o: $(SRC)/%.c | $(HEADERS_STAMP)
	$(COMPILE)
	$(Q)$(CC_CMD)
$(OBJDIR)/ours/%.o: $(SYSROOTS_DIR)/%.c | $(HEADERS_STAMP)
	$(COMPILE)
	$(Q)$(CC) $(CFLAGS) $(OUR_CFLAGS) -MD -MP -c $< -o $@
# The assembler takes none of the C flags.
$(OBJDIR)/ours/%.o: $(SYSROOTS_DIR)/%.s
	$(COMPILE)
	$(Q)$(CC) --target=$(TARGET_TRIPLE) $(OUR_ASFLAGS) $(PREFIX_MAPS) -c $< -o $@
# Startup files are installed as plain objects.
$(SYSROOT_LIB)/%.o: $(OBJDIR)/base/libc-bottom-half/crt/%.o
	@mkdir -p '$(@D)'
	$(Q)cp $< $@
define triple_crt_rule
$(SYSROOT_LIB)/$(notdir $(basename $(1))).o: $(call our_objs,$(1))
	@mkdir -p '$$(@D)'
	$$(Q)cp $$< $$@
endef
$(foreach s,$(TRIPLE_CRT_SOURCES),$(eval $(call triple_crt_rule,$(s))))

-include $(ALL_OBJS:.o=.d) $(CRT_BUILD_OBJS:.o=.d) $(TRIPLE_CRT_BUILD_OBJS:.o=.d)

# The member lists are written with $(file), which runs while make expands the recipe,
# even in a dry run (-n): the directory must exist before that.
$(shell mkdir -p '$(OBJDIR)')

# Archives are rebuilt whole from a sorted member list: llvm-ar is deterministic by
# default (no timestamps, uids or modes), so the same objects give the same bytes.
define archive
	@printf 'AR %s\n' '$(notdir $@)'
	@mkdir -p '$(@D)'
	$(file >$(OBJDIR)/$(notdir $@).members,$(sort $(filter %.o,$^)))
	$(Q)rm -f '$@' && $(AR) qcsD '$@' @'$(OBJDIR)/$(notdir $@).members'
endef

LIBS := $(SYSROOT_LIB)/libc.a \
  $(SYSROOT_LIB)/libc-printscan-long-double.a \
  $(SYSROOT_LIB)/libc-printscan-no-floating-point.a \
  $(SYSROOT_LIB)/libsetjmp.a \
  $(foreach l,$(EMULATED_LIBS),$(SYSROOT_LIB)/libwasi-emulated-$(l).a)
PLACEHOLDERS := $(foreach l,$(PLACEHOLDER_LIBS),$(SYSROOT_LIB)/lib$(l).a)

# The makefiles too: a source taken out of the lists must leave the archive.
$(SYSROOT_LIB)/libc.a: $(LIBC_OBJS) $(MAKEFILE_LIST)
	$(archive)
$(SYSROOT_LIB)/libc-printscan-long-double.a: $(PRINTSCAN_LONG_DOUBLE_OBJS)
	$(archive)
$(SYSROOT_LIB)/libc-printscan-no-floating-point.a: $(PRINTSCAN_NO_FP_OBJS)
	$(archive)
$(SYSROOT_LIB)/libsetjmp.a: $(SETJMP_OBJS)
	$(archive)
define emulated_lib_rule
$(SYSROOT_LIB)/libwasi-emulated-$(1).a: $(EMULATED_$(1)_OBJS)
	$$(archive)
endef
$(foreach l,$(EMULATED_LIBS),$(eval $(call emulated_lib_rule,$(l))))

$(PLACEHOLDERS):
	@mkdir -p '$(@D)'
	$(Q)rm -f '$@' && $(AR) qcsD '$@'

libs: $(LIBS) $(CRT_OBJS) $(PLACEHOLDERS) $(EXTRA_LIB_TARGETS)

# How many objects a full build compiles: used by the driver for progress totals.
print-object-count:
	@echo $(words $(ALL_OBJS) $(CRT_BUILD_OBJS) $(TRIPLE_CRT_BUILD_OBJS))

clean:
	rm -rf '$(OBJDIR)' '$(SYSROOT)'

.PHONY: libs print-object-count clean
.DEFAULT_GOAL := all
