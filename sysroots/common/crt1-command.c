// The startup file of commands for triples whose programs have exports besides _start, in place
// of the base's crt1-command.c: _start runs the static constructors before main and the
// destructors after it itself.
//
// The base's _start leaves both to wasm-ld, which then wraps every exported function in calls
// to them. That is wrong for any export called while the program runs: with threads, each
// wasi_thread_start would run the constructors again and each return the destructors (atexit
// handlers, closing stdio) under the other threads; in a wasip2 component, the host's calls
// to cabi_realloc would flush and close stdio in the middle of the program. wasm-ld wraps
// nothing once the program calls __wasm_call_ctors itself.
//
// On wasm32-wasip2 a command is a component that exports wasi:cli/run, not _start: libc
// makes no Preview 1 calls, so no adapter stands between the host and the program.
#include <stdlib.h>

void __wasm_call_ctors(void);
void __wasm_call_dtors(void);
int __original_main(void);

static void run_main(void)
{
	__wasm_call_ctors();
	int status = __original_main();
	// exit runs the destructors itself. Returning from _start ends the process with 0.
	if (status != 0)
		exit(status);
	__wasm_call_dtors();
}

#ifdef __wasip2__
// The component-type section of the `command` world (../p2/wit/libc.wit): the export's type,
// for the component tooling.
__asm__(".section \".custom_section.component-type:wasi-sysroots-command\",\"\",@\n"
#include "command-type.inc"
        ".text\n");

// wasi:cli/run's run: result<_, _> is 0 for ok. The symbol stays _start, wasm-ld's entry point.
__attribute__((export_name("wasi:cli/run@0.2.0#run")))
int _start(void)
{
	run_main();
	return 0;
}
#else
__attribute__((export_name("_start")))
void _start(void)
{
	run_main();
}
#endif
