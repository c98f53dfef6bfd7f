#ifndef __wasilibc___typedef_sigset_t_h
#define __wasilibc___typedef_sigset_t_h

/* wasi-sysroots: musl's signal set (the base had a one-byte placeholder, too small for signals
   above 8), now that the signal mask is kept (common/signal_mask.c). */
typedef struct __sigset_t { unsigned long __bits[128/sizeof(long)]; } sigset_t;

#endif
