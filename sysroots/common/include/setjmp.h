/* <setjmp.h> for WebAssembly. WebAssembly code cannot save and restore its own stack, so
 * setjmp and longjmp work through clang's lowering onto the exception-handling proposal (its
 * legacy encoding, which Node 20 runs): compile every file that uses them with
 * `-mllvm -wasm-enable-sjlj` and link with `-lsetjmp` (wasi-cc: `-fsetjmp` does both).
 * A jmp_buf holds all the state, so each thread's jumps are its own. */
#ifndef _SETJMP_H
#define _SETJMP_H

#include <features.h>

#ifndef __wasm_exception_handling__
#error "setjmp/longjmp need clang's WebAssembly lowering: compile with -mllvm -wasm-enable-sjlj and link with -lsetjmp (wasi-cc: -fsetjmp)"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Private to libsetjmp. */
typedef struct __jmp_buf_tag {
	unsigned long __jb[8];
} jmp_buf[1];

int setjmp(jmp_buf) __attribute__((__returns_twice__));
_Noreturn void longjmp(jmp_buf, int);
#define setjmp setjmp

#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) \
 || defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
typedef jmp_buf sigjmp_buf;
/* There are no signal masks to save: sigsetjmp is setjmp (clang lowers only setjmp calls). */
#define sigsetjmp(env, savemask) setjmp(env)
_Noreturn void siglongjmp(sigjmp_buf, int);
#endif

#if defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
int _setjmp(jmp_buf) __attribute__((__returns_twice__));
_Noreturn void _longjmp(jmp_buf, int);
#endif

#ifdef __cplusplus
}
#endif

#endif
