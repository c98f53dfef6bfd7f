// @wasi/cc: a compiler driver, a component linker and WASI hosts for Node.
import { packageVersion } from './version.js';

export { compile, clangArgs, parseDriverArgs, COMPONENT_LD, SETJMP_FLAG, SETJMP_COMPILE_FLAGS } from './driver.js';
export type { DriverArgs, ClangCommand, ClangArgsOptions } from './driver.js';
export { TARGETS, DEFAULT_TARGET, THREADS_LINK_FLAGS, findSysrootPackage, findAllSysrootPackages, SysrootNotFoundError } from './targets.js';
export type { TargetInfo, SysrootPackage } from './targets.js';
export { componentize, adapterKindFor, writeFileAtomic } from './component.js';
export type { ComponentizeOptions } from './component.js';
export { runWasm, spawnWasm, execWasm, hostFor } from './run.js';
export type { RunSpec, RunResult, ExecSpec, HostSpec } from './run.js';
export { wasmKind, moduleInterface } from './wasm.js';
export type { ModuleInterface, WasmImport, WasmExport, Limits } from './wasm.js';
export { detectToolchain, ToolchainError } from './toolchain.js';
export type { Toolchain, DetectOptions } from './toolchain.js';
export { doctorChecks } from './doctor.js';
export type { DoctorCheck, DoctorOptions } from './doctor.js';

/** This package's version. */
export const version: string = packageVersion();
