# tmpfile and tmpnam are in libc (common/tmpfile.c): TMP_MAX and L_tmpnam are defined, and their
# declarations no longer say they are deprecated.
s|^#ifdef __wasilibc_unmodified_upstream /\* WASI has no temp directories \*/$|#if 1 /* wasi-sysroots: tmpfile and tmpnam are in libc */|
