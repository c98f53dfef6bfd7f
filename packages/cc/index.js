// @wasi/cc: a compiler driver, a component linker and WASI hosts for Node.
import { packageVersion } from './lib/version.js';

export { compile, clangArgs, parseDriverArgs, COMPONENT_LD } from './lib/driver.js';
export { TARGETS, DEFAULT_TARGET, THREADS_LINK_FLAGS, findSysrootPackage, findAllSysrootPackages, SysrootNotFoundError } from './lib/targets.js';
export { componentize, adapterKindFor, writeFileAtomic } from './lib/component.js';
export { runWasm, spawnWasm, execWasm, hostFor } from './lib/run.js';
export { wasmKind, moduleInterface } from './lib/wasm.js';
export { detectToolchain, ToolchainError } from './lib/toolchain.js';
export { doctorChecks } from './lib/doctor.js';

/** This package's version. */
export const version = packageVersion();
