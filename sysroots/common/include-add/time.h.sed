# clock() is in libc on every triple (the monotonic clock since the program started): its
# declaration no longer needs -D_WASI_EMULATED_PROCESS_CLOCKS, nor says it is deprecated.
s/^#if defined(__wasilibc_unmodified_upstream) || defined(_WASI_EMULATED_PROCESS_CLOCKS)$/#if 1 \/* wasi-sysroots: clock() is in libc *\//
