# How pthread_exit leaves a thread other than the main one. wasi-threads ends a thread only
# when wasi_thread_start returns, so pthread_exit throws a WebAssembly exception carrying the
# thread's result, and __wasm_pthread_run_catching, which called the start function, catches
# it. Uses the exception-handling proposal (its first, "legacy" encoding, which Node 20 runs).
# Only programs that call pthread_exit or thrd_exit contain this file.

	.globaltype __stack_pointer, i32
	.functype __wasm_thread_call_start (i32) -> (i32)

	.tagtype __wasm_pthread_exit_tag i32
__wasm_pthread_exit_tag:

# void *__wasm_pthread_run_catching(struct __wasm_start_record *start)
	.hidden __wasm_pthread_run_catching
	.globl __wasm_pthread_run_catching
	.type __wasm_pthread_run_catching,@function
__wasm_pthread_run_catching:
	.functype __wasm_pthread_run_catching (i32) -> (i32)
	.local i32
	# The frames unwound never restore __stack_pointer; remember it for them.
	global.get __stack_pointer
	local.set 1
	try i32
	local.get 0
	call __wasm_thread_call_start
	catch __wasm_pthread_exit_tag
	local.get 1
	global.set __stack_pointer
	end_try
	end_function

# _Noreturn void __wasm_pthread_unwind(void *result)
	.hidden __wasm_pthread_unwind
	.globl __wasm_pthread_unwind
	.type __wasm_pthread_unwind,@function
__wasm_pthread_unwind:
	.functype __wasm_pthread_unwind (i32) -> ()
	local.get 0
	throw __wasm_pthread_exit_tag
	end_function
