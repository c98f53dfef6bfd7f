# mkstemp, mkdtemp and friends are in libc (musl's temp/): their declarations are no longer hidden.
s|^#ifdef __wasilibc_unmodified_upstream /\* WASI has no temp directories \*/$|#if 1 /* wasi-sysroots: mkstemp and friends are in libc */|
