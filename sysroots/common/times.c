// times for -lwasi-emulated-process-clocks: the process's user time is clock() (the monotonic
// clock since start, as the base's emulation has it); its system time and its children's
// times are 0, since WASI has no child processes (the base reported clock() as the children's
// user time too).
#define _WASI_EMULATED_PROCESS_CLOCKS
#include <sys/times.h>
#include <time.h>
#include <wasi/api.h>

clock_t __clock(void);

clock_t times(struct tms *buffer) {
  *buffer = (struct tms){ .tms_utime = __clock() };
  __wasi_timestamp_t now = 0;
  (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &now);
  return (clock_t)now;
}
