// alarm() for -lwasi-emulated-signal. WASI delivers no signal asynchronously, so an alarm never
// fires; it is kept only to report the seconds left, as alarm() must.
#define _WASI_EMULATED_SIGNAL
#include <time.h>
#include <unistd.h>

static struct timespec deadline; // zero: no alarm

unsigned alarm(unsigned seconds)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	unsigned left = 0;
	if (deadline.tv_sec || deadline.tv_nsec) {
		long long ns = (deadline.tv_sec - now.tv_sec) * 1000000000LL + (deadline.tv_nsec - now.tv_nsec);
		// A pending alarm reports at least 1 (0 means none); one that has passed would have fired.
		if (ns > 0)
			left = (unsigned)((ns + 999999999) / 1000000000);
	}
	deadline.tv_sec = seconds ? now.tv_sec + seconds : 0;
	deadline.tv_nsec = seconds ? now.tv_nsec : 0;
	return left;
}
