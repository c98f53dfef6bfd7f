#ifndef _SCHED_H
#define _SCHED_H
// <sched.h> for every triple. WASI has no CPU scheduler interface, so this offers
// sched_yield plus what <pthread.h> needs: struct sched_param and the policy names, which
// the pthread attribute functions record (and otherwise ignore).
#ifdef __cplusplus
extern "C" {
#endif

#include <features.h>

#define __NEED_struct_timespec
#define __NEED_pid_t
#define __NEED_time_t
#include <bits/alltypes.h>

struct sched_param {
	int sched_priority;
};

#define SCHED_OTHER 0
#define SCHED_FIFO 1
#define SCHED_RR 2

int sched_yield(void);

#ifdef __cplusplus
}
#endif
#endif
