# The exception tag that __wasm_longjmp throws and code lowered by -mllvm -wasm-enable-sjlj
# catches; its one parameter points at {env, value}. Debian's compiler-rt leaves it undefined.
	.tagtype __c_longjmp i32
	.globl __c_longjmp
__c_longjmp:
