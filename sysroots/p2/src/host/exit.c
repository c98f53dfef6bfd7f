/*
 * Exit over wasi:cli/exit. Apart from cli.c's lists, which need the
 * allocator, and a program that only prints needs none.
 */
#include <wasi/api.h>

#include "host.h"
#include "wasip2.h"

/* Exact statuses need the host's exit-with-code (the README says which hosts
 * have it); 0 goes through plain exit, which every host has. */
_Noreturn void __wasi_proc_exit(__wasi_exitcode_t status) {
  __wasi_sysroots_component_type_anchor();
  if (status == 0)
    __wasip2_exit(0);
  __wasip2_exit_with_code((int32_t)(status & 0xff));
}
