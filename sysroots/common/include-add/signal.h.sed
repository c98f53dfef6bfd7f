# Without -D_WASI_EMULATED_SIGNAL, <signal.h> no longer stops at #error: the signal mask
# (include-add/signal.h, common/signal_mask.c) is there for every program. The base's body (signal
# numbers, signal(), raise()) still needs the emulation flag.
/^#ifndef _WASI_EMULATED_SIGNAL$/,/^#else$/c\
#ifdef _WASI_EMULATED_SIGNAL /* wasi-sysroots: the emulation's part of <signal.h> */
# With the flag: sigaction() (common/signal/sigaction.c) and its types, siginfo_t and the si_code values.
s|^#ifdef __wasilibc_unmodified_upstream /\* WASI has no ucontext support \*/$|#if 1 /* wasi-sysroots: the types sigaction needs */|
s|^#ifdef __wasilibc_unmodified_upstream /\* WASI has no sigaction \*/$|#if 1 /* wasi-sysroots: sigaction is in -lwasi-emulated-signal */|
# SIG_HOLD is 2, a valid function pointer on wasm (the base moved SIG_IGN off 1 for the same
# reason), and nothing here takes it: gone.
/^#define SIG_HOLD /d
