/** Oldest LLVM with the wasm32-wasip1/-wasip2 triples. */
export declare const MIN_LLVM_MAJOR: 19;
/** The LLVM we build and test with. */
export declare const PREFERRED_LLVM_MAJOR: 22;
/** The Debian packages that provide LLVM `major` for WebAssembly. */
export declare const DEBIAN_PACKAGES: (major: number) => readonly [string, string, string, string];
/** The exact command that installs them. */
export declare const INSTALL_COMMAND: (major?: number) => string;

export interface Toolchain {
  clang: string;
  ar: string;
  nm: string;
  wasmLd: string;
  /** The wasm32 compiler-rt builtins archive clang links into every program. */
  builtins: string;
  /** LLVM major version, e.g. 22. */
  major: number;
  /** clang's full version line, e.g. "Debian clang version 22.1.8 (1~deb12u1)". */
  version: string;
  /** The directory holding the LLVM tools (wasm-ld must be on PATH for clang to find it). */
  binDir: string;
}

/** What is missing or too old, and the fix. */
export declare class ToolchainError extends Error {
  constructor(problem: string);
}

export interface DetectOptions {
  env?: NodeJS.ProcessEnv;
}

export declare function isExecutable(path: string): boolean;
export declare function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined;
export declare function parseClangMajor(versionText: string): number | undefined;
/**
 * Finds the toolchain. Environment overrides: WASI_CLANG, WASI_LLVM_AR, WASI_LLVM_NM,
 * WASI_WASM_LD. Throws ToolchainError naming what is missing or too old and the fix.
 */
export declare function detectToolchain(options?: DetectOptions): Toolchain;
/** A short stable description of the toolchain, used as an Nx runtime cache input. */
export declare function toolchainFingerprint(tc: Toolchain): string;
