// sigaction() for -lwasi-emulated-signal, over the base's signal() and raise() (its
// libc-bottom-half/signal/signal.c): raise() calls a handler with the signal number alone, so a
// caught signal goes through run_action, which applies what sigaction asked for.
#define _WASI_EMULATED_SIGNAL
#include <errno.h>
#include <signal.h>
#include <string.h>

// What sigaction last installed, per signal. A handler installed with signal() since then is
// reported as it is, with no flags and an empty mask.
static struct sigaction actions[_NSIG];

static void run_action(int sig)
{
	struct sigaction action = actions[sig];
	if (action.sa_flags & SA_RESETHAND) {
		memset(&actions[sig], 0, sizeof actions[sig]);
		signal(sig, SIG_DFL);
	}
	// While the handler runs, its mask and (unless SA_NODEFER) the signal itself are blocked.
	sigset_t blocked = action.sa_mask, saved;
	if (!(action.sa_flags & SA_NODEFER))
		sigaddset(&blocked, sig);
	pthread_sigmask(SIG_BLOCK, &blocked, &saved);
	if (action.sa_flags & SA_SIGINFO) {
		siginfo_t info;
		memset(&info, 0, sizeof info);
		info.si_signo = sig;
		info.si_code = SI_USER;
		action.sa_sigaction(sig, &info, 0);
	} else {
		action.sa_handler(sig);
	}
	pthread_sigmask(SIG_SETMASK, &saved, 0);
}

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
	if (sig < 1 || sig >= _NSIG || (act && (sig == SIGKILL || sig == SIGSTOP))) {
		errno = EINVAL;
		return -1;
	}
	struct sigaction previous = actions[sig];
	void (*current)(int) = SIG_DFL;
	if (sig != SIGKILL && sig != SIGSTOP) {
		if (act) {
			void (*handler)(int) = act->sa_handler;
			int caught = handler != SIG_DFL && handler != SIG_IGN;
			actions[sig] = *act;
			current = signal(sig, caught ? run_action : handler);
		} else {
			// signal() is the only way to read what raise() would call: swap and put back.
			current = signal(sig, SIG_DFL);
			signal(sig, current);
		}
	}
	if (old) {
		if (current == run_action || current == previous.sa_handler) {
			*old = previous;
		} else {
			memset(old, 0, sizeof *old);
			old->sa_handler = current;
		}
	}
	return 0;
}
