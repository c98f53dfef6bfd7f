// The toolchain stage. The finder itself ships in @wasi/cc (wasi-cc needs it at run time,
// where workspace libraries do not exist); the build pipeline uses the same code.
export * from '@wasi/cc/toolchain';
