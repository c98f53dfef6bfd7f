export interface TargetInfo {
  triple: string;
  /** The npm package holding its sysroot. */
  packageName: string;
  /** Programs use shared memory and wasi-threads. */
  threads: boolean;
  /** Programs become Preview 2 components. */
  component: boolean;
}
export interface SysrootPackage extends TargetInfo {
  /** The package directory. */
  dir: string;
  version: string;
  /** Absolute path of the sysroot. */
  sysroot: string;
  /** The package's own clang flags: --target, --sysroot and the triple's. */
  clangFlags: string[];
}
export declare const TARGETS: Readonly<Record<string, TargetInfo>>;
export declare const DEFAULT_TARGET: 'wasm32-wasip1';
/** Link flags every wasm32-wasip1-threads program gets from wasi-cc. */
export declare const THREADS_LINK_FLAGS: readonly string[];
export declare class SysrootNotFoundError extends Error {}
/** The sysroot package for `triple`, resolved from `cwd` upward like a dependency. */
export declare function findSysrootPackage(triple: string, options?: { cwd?: string }): Promise<SysrootPackage>;
export declare function findAllSysrootPackages(options?: { cwd?: string }): Promise<Array<{ triple: string; found?: SysrootPackage; error?: Error }>>;
