/*
 * Forced into the base's Preview 1 bindings on wasm32-wasip2, after
 * common/host-calls.h: the calls that p2/src/clocks.c makes over Preview 2
 * give up their __wasi_ names, so no Preview 1 import of them is linked.
 */
#define __wasi_clock_res_get __wasilibc_p1_clock_res_get
#define __wasi_clock_time_get __wasilibc_p1_clock_time_get
#define __wasi_random_get __wasilibc_p1_random_get
#define __wasi_sched_yield __wasilibc_p1_sched_yield
