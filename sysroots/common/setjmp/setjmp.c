// libsetjmp.a: what clang's WebAssembly setjmp/longjmp lowering (-mllvm -wasm-enable-sjlj)
// calls. clang turns each setjmp call into __wasm_setjmp(env, label, frame), where `frame`
// identifies the running invocation of the calling function and `label` (from 1) which of its
// setjmp calls this is. Calls that may longjmp are wrapped in a catch of the __c_longjmp tag
// (tag.s); the catching frame reads {env, value} from the exception's payload, asks
// __wasm_setjmp_test(env, frame) for the label, and resumes there, or rethrows through
// __wasm_longjmp when the buffer belongs to another invocation.
//
// The state lives in the jmp_buf itself: no globals, so threads never see each other's jumps.
#include <setjmp.h>
#include <stdint.h>

struct jump_state {
  const void *frame;
  uint32_t label;
  // The exception's payload: the pointer thrown is &thrown.
  struct {
    void *env;
    int value;
  } thrown;
};

_Static_assert(sizeof(struct jump_state) <= sizeof(jmp_buf), "jmp_buf too small for libsetjmp");
_Static_assert(_Alignof(struct jump_state) <= _Alignof(jmp_buf), "jmp_buf under-aligned");

void __wasm_setjmp(void *env, uint32_t label, void *frame) {
  struct jump_state *state = env;
  state->frame = frame;
  state->label = label;
}

uint32_t __wasm_setjmp_test(void *env, void *frame) {
  struct jump_state *state = env;
  return state->frame == frame ? state->label : 0;
}

_Noreturn void __wasm_longjmp(void *env, int value) {
  struct jump_state *state = env;
  state->thrown.env = env;
  state->thrown.value = value ? value : 1;  // longjmp(env, 0) makes setjmp return 1
  __builtin_wasm_throw(1, &state->thrown);  // tag 1: __c_longjmp
}

// Real functions for the names clang does not rewrite (siglongjmp) and for code that takes
// their address; calls that clang lowered go to __wasm_longjmp directly.
_Noreturn void longjmp(jmp_buf env, int value) { __wasm_longjmp(env, value); }
_Noreturn void _longjmp(jmp_buf env, int value) { __wasm_longjmp(env, value); }
_Noreturn void siglongjmp(sigjmp_buf env, int value) { __wasm_longjmp(env, value); }
