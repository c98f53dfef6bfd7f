// flags: -mllvm -wasm-enable-sjlj -lsetjmp
// setjmp/longjmp beyond the basics: nested setjmp regions (jumping to the inner and to the
// outer one), one setjmp per level of a recursion, longjmp out of a callback that libc calls
// (qsort's comparator), a Lua-style protected call with nested error handlers, sigsetjmp and
// siglongjmp, longjmp through a function pointer, and a stack that stays balanced over many
// jumps out of deep frames.
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

// --- nested regions ---
static jmp_buf outer, inner;

static void throw_to(jmp_buf env, int value) { longjmp(env, value); }

static int nested(int target_outer) {
  volatile int steps = 0;
  int r = setjmp(outer);
  if (r != 0) return 100 + r + steps * 1000;
  steps++;
  int s = setjmp(inner);
  if (s != 0) {
    // Back in the inner region; the outer buffer is still good.
    steps++;
    throw_to(outer, s + 1);
  }
  throw_to(target_outer ? outer : inner, 5);
  return -1;
}

// --- one setjmp per recursion level; each longjmp lands in its own level ---
static int unwound_to[8];

static void level(int n, int max) {
  jmp_buf here;
  if (setjmp(here) == 0) {
    if (n < max) level(n + 1, max);
    // Jump to ourselves from a helper call: only this level's handler may take it.
    throw_to(here, n + 1);
  } else {
    unwound_to[n]++;
  }
}

// --- longjmp out of a callback that libc calls ---
static jmp_buf sort_escape;
static int comparisons;

static int compare_and_bail(const void *a, const void *b) {
  if (++comparisons == 10) longjmp(sort_escape, 42);
  return *(const int *)a - *(const int *)b;
}

// --- a protected call, the way Lua's luaD_rawrunprotected does it ---
struct handler {
  jmp_buf buf;
  struct handler *previous;
  int status;
};
static struct handler *current;

static void raise_error(int status) {
  current->status = status;
  longjmp(current->buf, 1);
}

static int protected_call(void (*f)(void *), void *arg) {
  struct handler h = {.previous = current, .status = 0};
  current = &h;
  if (setjmp(h.buf) == 0) f(arg);
  current = h.previous;
  return h.status;
}

static void fails_with(void *arg) { raise_error(*(int *)arg); }

static void catches_inner_then_fails(void *arg) {
  int inner_status = 7;
  int got = protected_call(fails_with, &inner_status);
  printf("  inner protected call returned %d\n", got);
  if (got != 7) failures++;
  raise_error(*(int *)arg);
}

// --- stack balance: a frame with a 1 KiB local, longjmp'd out of many times ---
static jmp_buf deep_env;

static void deep(int n) {
  volatile char pad[1024];
  pad[0] = (char)n;
  if (n == 0) longjmp(deep_env, 1);
  deep(n - 1);
  pad[1] = pad[0];
}

// Where a fresh frame's local lands: the same place each time if the stack is balanced.
static volatile uintptr_t probe_address;
static __attribute__((noinline)) uintptr_t stack_here(void) {
  volatile char probe = 0;
  probe_address = (uintptr_t)&probe;
  return probe_address + (uintptr_t)probe;
}

int main(void) {
  printf("nested, jump to outer: %d\n", nested(1));
  printf("nested, jump to inner then outer: %d\n", nested(0));

  level(0, 5);
  printf("recursion levels unwound:");
  for (int i = 0; i <= 5; i++) printf(" %d", unwound_to[i]);
  printf("\n");
  for (int i = 0; i <= 5; i++) CHECK(unwound_to[i] == 1);

  int values[64];
  for (int i = 0; i < 64; i++) values[i] = (i * 37) % 64;
  volatile int escaped = setjmp(sort_escape);
  if (escaped == 0) {
    qsort(values, 64, sizeof values[0], compare_and_bail);
    printf("FAIL: qsort finished\n");
    failures++;
  } else {
    printf("longjmp out of qsort's comparator: %d after %d comparisons\n", escaped, comparisons);
  }

  int status = 3;
  printf("protected call: status %d\n", protected_call(fails_with, &status));
  status = 9;
  printf("nested protected calls:\n");
  int outer_status = protected_call(catches_inner_then_fails, &status);
  printf("  outer protected call returned %d\n", outer_status);
  CHECK(outer_status == 9 && current == NULL);

  sigjmp_buf sig;
  volatile int sig_rounds = 0;
  int sr = sigsetjmp(sig, 1);
  if (sig_rounds++ < 3) siglongjmp(sig, sr + 10);
  printf("sigsetjmp/siglongjmp: %d after %d rounds\n", sr, sig_rounds);

  void (*volatile jump)(jmp_buf, int) = longjmp;
  jmp_buf via_pointer;
  int vp = setjmp(via_pointer);
  if (vp == 0) jump(via_pointer, 0);
  printf("longjmp through a function pointer, value 0: setjmp returned %d\n", vp);

  uintptr_t before = stack_here();
  volatile int jumps = 0;
  setjmp(deep_env);
  if (jumps < 1000) {
    jumps++;
    deep(20);
  }
  uintptr_t after = stack_here();
  printf("1000 jumps out of 20 frames of 1 KiB: stack moved by %ld bytes\n", (long)(after - before));

  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
