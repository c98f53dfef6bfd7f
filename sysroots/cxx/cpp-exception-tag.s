# The tag that -fwasm-exceptions code throws and catches C++ exceptions with (its payload is the
# exception's address). Debian's compiler-rt for wasm32 ships this member empty, so we define it.
	.tagtype __cpp_exception i32
	.globl __cpp_exception
	.section .data.__cpp_exception,"",@
__cpp_exception:
