/*
 * Forced into the base's preopens.c and openat.c on wasm32-wasip2: whatever
 * resolves a path or opens one links the file layer (host/files.c), which
 * the rest of libc references only weakly (host.h).
 */
extern const char __wasilibc_p2_files;
__attribute__((__used__)) static const char *const __wasilibc_p2_link_files = &__wasilibc_p2_files;
