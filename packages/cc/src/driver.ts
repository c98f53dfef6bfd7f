// wasi-cc as a compiler driver: clang with the target's sysroot package, the flags its programs
// need, and for wasm32-wasip2 this package's wasm-component-ld as the linker. Everything else on
// the command line goes to clang unchanged, and clang's (or the linker's) own messages and exit
// status come back unchanged.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { delimiter, dirname } from 'node:path';
import { COMPONENT_LD } from './files.js';
import { detectToolchain, ToolchainError, type Toolchain } from './toolchain.js';
import { DEFAULT_TARGET, findSysrootPackage, SysrootNotFoundError, TARGETS, THREADS_LINK_FLAGS } from './targets.js';

export { COMPONENT_LD };

/**
 * wasi-cc's flag for setjmp/longjmp: clang's lowering onto WebAssembly exception handling when
 * compiling (SETJMP_COMPILE_FLAGS), and the sysroot's libsetjmp when linking.
 */
export const SETJMP_FLAG = '-fsetjmp';
export const SETJMP_COMPILE_FLAGS: readonly string[] = ['-mllvm', '-wasm-enable-sjlj'];

/** Flags that make clang stop before linking. */
const NO_LINK = new Set(['-c', '-S', '-E', '-fsyntax-only', '-M', '-MM', '--precompile', '--analyze', '-emit-ast']);

export interface DriverArgs {
  /** The --target value, if given. */
  target: string | undefined;
  /** The arguments without the target flag. */
  rest: string[];
  /** Whether clang will link. */
  link: boolean;
  /** Whether the user chose a sysroot. */
  hasSysroot: boolean;
  /** Whether the user chose a linker (-fuse-ld). */
  hasLinker: boolean;
  /** Whether the user said --wasm-opt or --no-wasm-opt. */
  hasWasmOpt: boolean;
  /** Whether the user asked for setjmp/longjmp (-fsetjmp, wasi-cc's own flag). */
  setjmp: boolean;
}

/** Splits a wasi-cc command line: the target, the rest, and whether clang will link. */
export function parseDriverArgs(argv: string[]): DriverArgs {
  let target: string | undefined;
  const rest: string[] = [];
  let link = true;
  let hasSysroot = false;
  let hasLinker = false;
  let hasWasmOpt = false;
  let setjmp = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--target=') || a.startsWith('-target=')) {
      target = a.slice(a.indexOf('=') + 1);
      continue;
    }
    if ((a === '-target' || a === '--target') && i + 1 < argv.length) {
      target = argv[++i];
      continue;
    }
    if (a === SETJMP_FLAG) {
      setjmp = true;
      continue;
    }
    if (NO_LINK.has(a)) link = false;
    if (a === '--sysroot' || a.startsWith('--sysroot=') || a === '-isysroot' || a.startsWith('-isysroot')) hasSysroot = true;
    if (a.startsWith('-fuse-ld=') || a.startsWith('--ld-path=')) hasLinker = true;
    if (a === '--wasm-opt' || a === '--no-wasm-opt') hasWasmOpt = true;
    rest.push(a);
  }
  return { target, rest, link, hasSysroot, hasLinker, hasWasmOpt, setjmp };
}

export interface ClangCommand {
  args: string[];
  target: string;
  /** Whether wasi-cc has a sysroot package for the target. */
  known: boolean;
}

export interface ClangArgsOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  llvmMajor?: number;
}

/**
 * The full clang command line wasi-cc runs for `argv`. Links get --no-wasm-opt (clang 20 and
 * later, given as `llvmMajor`): clang would otherwise run whatever wasm-opt is on PATH after an
 * optimized link, and under npx that is binaryen's, which npm installs with jco; --wasm-opt on the
 * command line brings it back.
 */
export async function clangArgs(argv: string[], options: ClangArgsOptions = {}): Promise<ClangCommand> {
  const env = options.env ?? process.env;
  const p = parseDriverArgs(argv);
  const target = p.target ?? env.WASI_CC_TARGET ?? DEFAULT_TARGET;
  const info = TARGETS[target];
  if (!info) return { args: [`--target=${target}`, ...p.rest], target, known: false };

  let flags: string[];
  if (p.hasSysroot) {
    flags = [`--target=${target}`, ...(info.threads ? ['-pthread'] : [])];
  } else {
    const pkg = await findSysrootPackage(target, { cwd: options.cwd });
    flags = pkg.clangFlags;
  }
  const linkFlags: string[] = [];
  if (p.link) {
    if ((options.llvmMajor ?? 0) >= 20 && !p.hasWasmOpt) linkFlags.push('--no-wasm-opt');
    if (info.threads) linkFlags.push(...THREADS_LINK_FLAGS);
    if (info.component && !p.hasLinker) linkFlags.push(`-fuse-ld=${COMPONENT_LD}`);
  }
  // -lsetjmp after the user's objects and libraries, so that their references pull it in.
  const setjmpCompile = p.setjmp ? SETJMP_COMPILE_FLAGS : [];
  const setjmpLink = p.setjmp && p.link ? ['-lsetjmp'] : [];
  return { args: [...flags, ...setjmpCompile, ...linkFlags, ...p.rest, ...setjmpLink], target, known: true };
}

/**
 * The environment clang runs in: the toolchain's own directory first on PATH (clang finds wasm-ld
 * there), and this Node next (wasm-component-ld is a Node script).
 */
export function clangEnv(tc: Toolchain, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PATH: [tc.binDir, dirname(process.execPath), env.PATH ?? ''].join(delimiter) };
}

/** A child's exit status, 128 + N for a signal as a shell reports it. */
export function exitStatus(r: SpawnSyncReturns<unknown>): number {
  if (r.status !== null) return r.status;
  const n = r.signal ? osConstants.signals[r.signal] : undefined;
  return n ? 128 + n : 1;
}

/** Compiles and/or links: runs clang like the wasi-cc command does. Resolves to the exit status. */
export async function compile(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  const env = options.env ?? process.env;
  let tc: Toolchain;
  try {
    tc = detectToolchain({ env });
  } catch (err) {
    if (err instanceof ToolchainError) {
      process.stderr.write(`wasi-cc: error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  let cmd: ClangCommand;
  try {
    cmd = await clangArgs(argv, { ...options, llvmMajor: tc.major });
  } catch (err) {
    if (err instanceof SysrootNotFoundError) {
      process.stderr.write(`wasi-cc: error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const r = spawnSync(tc.clang, cmd.args, { stdio: 'inherit', cwd: options.cwd, env: clangEnv(tc, env) });
  if (r.error) {
    process.stderr.write(`wasi-cc: error: could not run ${tc.clang}: ${r.error.message}\n`);
    return 1;
  }
  const status = exitStatus(r);
  if (status !== 0 && !cmd.known) {
    process.stderr.write(
      `wasi-cc: note: "${cmd.target}" is not a target wasi-cc has a sysroot for (${Object.keys(TARGETS).join(', ')}); ` +
        `clang ran without one.\n`,
    );
  }
  return status;
}
