# wasi_thread_start: where the host starts every thread pthread_create asks it for (the
# wasi-threads ABI), with the thread id and the start argument given to wasi:thread-spawn,
# a struct __wasm_start_record (wasm_thread.h).
#
# A new thread begins with this instance's globals at their initial values: __stack_pointer
# at the main thread's stack and __tls_base unset. Both must point at the thread's own memory
# before any C code runs, which is why this is written in assembly.

	.globaltype __stack_pointer, i32
	.functype __wasm_init_tls (i32) -> ()
	.functype __wasm_thread_main (i32, i32) -> (i32)

	.globl wasi_thread_start
	.export_name wasi_thread_start, wasi_thread_start
	.type wasi_thread_start,@function
wasi_thread_start:
	.functype wasi_thread_start (i32, i32) -> ()
	# __stack_pointer = start->stack
	local.get 1
	i32.load 0
	global.set __stack_pointer
	# __wasm_init_tls(start->tls): sets __tls_base and copies in the TLS initial values
	local.get 1
	i32.load 4
	call __wasm_init_tls
	# Run the thread. The result is the address of its detach_state.
	local.get 0
	local.get 1
	call __wasm_thread_main
	local.set 0
	# The thread is done with its stack and TLS only now: clear detach_state (DT_EXITED)
	# and wake joiners, who may then free that memory.
	local.get 0
	i32.const 0
	i32.atomic.store 0
	local.get 0
	i32.const -1
	memory.atomic.notify 0
	drop
	end_function
