export { TARGETS, DEFAULT_TARGET, THREADS_LINK_FLAGS, findSysrootPackage, findAllSysrootPackages, SysrootNotFoundError } from './lib/targets.js';
export type { TargetInfo, SysrootPackage } from './lib/targets.js';
export { componentize, adapterKindFor, writeFileAtomic } from './lib/component.js';
export type { ComponentizeOptions } from './lib/component.js';
export { runWasm, spawnWasm, execWasm, hostFor } from './lib/run.js';
export type { RunSpec, RunResult, ExecSpec } from './lib/run.js';
export { wasmKind, moduleInterface } from './lib/wasm.js';
export type { ModuleInterface, WasmImport, WasmExport } from './lib/wasm.js';
export { detectToolchain, ToolchainError } from './lib/toolchain.js';
export type { Toolchain } from './lib/toolchain.js';

/** Absolute path of this package's wasm-component-ld. */
export declare const COMPONENT_LD: string;

export interface DriverArgs {
  target: string | undefined;
  rest: string[];
  link: boolean;
  hasSysroot: boolean;
  hasLinker: boolean;
  hasWasmOpt: boolean;
}
/** Splits a wasi-cc command line: the target, the rest, and whether clang will link. */
export declare function parseDriverArgs(argv: string[]): DriverArgs;
/**
 * The clang arguments wasi-cc uses for `argv` (resolves the sysroot package from `cwd`). Links get
 * --no-wasm-opt when `llvmMajor` is 20 or later.
 */
export declare function clangArgs(
  argv: string[],
  options?: { cwd?: string; env?: NodeJS.ProcessEnv; llvmMajor?: number },
): Promise<{ args: string[]; target: string; known: boolean }>;
/** Runs clang like the wasi-cc command does; resolves to its exit status. */
export declare function compile(argv: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<number>;

export interface DoctorCheck {
  /** missing: required and not there; absent: optional and not there. */
  status: 'ok' | 'missing' | 'absent' | 'warning';
  name: string;
  detail: string;
  fix?: string;
}
/** What `wasi-cc doctor` checks. */
export declare function doctorChecks(options?: { cwd?: string; env?: NodeJS.ProcessEnv; targets?: string[] }): Promise<DoctorCheck[]>;

/** This package's version. */
export declare const version: string;

