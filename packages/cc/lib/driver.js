// wasi-cc as a compiler driver: clang with the target's sysroot package, the flags its programs
// need, and for wasm32-wasip2 this package's wasm-component-ld as the linker. Everything else on
// the command line goes to clang unchanged, and clang's (or the linker's) own messages and exit
// status come back unchanged.
import { spawnSync } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { delimiter, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectToolchain, ToolchainError } from './toolchain.js';
import { DEFAULT_TARGET, findSysrootPackage, SysrootNotFoundError, TARGETS, THREADS_LINK_FLAGS } from './targets.js';

/** Absolute path of this package's wasm-component-ld (clang runs it through -fuse-ld=PATH). */
export const COMPONENT_LD = fileURLToPath(new URL('../bin/wasm-component-ld.js', import.meta.url));

/** Flags that make clang stop before linking. */
const NO_LINK = new Set(['-c', '-S', '-E', '-fsyntax-only', '-M', '-MM', '--precompile', '--analyze', '-emit-ast']);

/**
 * @typedef {object} ParsedDriverArgs
 * @property {string | undefined} target   the --target value, if given
 * @property {string[]} rest                the arguments without the target flag
 * @property {boolean} link                 whether clang will link
 * @property {boolean} hasSysroot           whether the user chose a sysroot
 * @property {boolean} hasLinker            whether the user chose a linker (-fuse-ld)
 * @property {boolean} hasWasmOpt           whether the user said --wasm-opt or --no-wasm-opt
 */

/**
 * @param {string[]} argv
 * @returns {ParsedDriverArgs}
 */
export function parseDriverArgs(argv) {
  /** @type {string | undefined} */
  let target;
  /** @type {string[]} */
  const rest = [];
  let link = true;
  let hasSysroot = false;
  let hasLinker = false;
  let hasWasmOpt = false;
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    if (a.startsWith('--target=') || a.startsWith('-target=')) {
      target = a.slice(a.indexOf('=') + 1);
      continue;
    }
    if ((a === '-target' || a === '--target') && i + 1 < argv.length) {
      target = argv[++i];
      continue;
    }
    if (NO_LINK.has(a)) link = false;
    if (a === '--sysroot' || a.startsWith('--sysroot=') || a === '-isysroot' || a.startsWith('-isysroot')) hasSysroot = true;
    if (a.startsWith('-fuse-ld=') || a.startsWith('--ld-path=')) hasLinker = true;
    if (a === '--wasm-opt' || a === '--no-wasm-opt') hasWasmOpt = true;
    rest.push(a);
  }
  return { target, rest, link, hasSysroot, hasLinker, hasWasmOpt };
}

/**
 * The full clang command line wasi-cc runs for `argv`. Links get --no-wasm-opt (clang 20 and
 * later, given as `llvmMajor`): clang would otherwise run whatever wasm-opt is on PATH after an
 * optimized link, and under npx that is binaryen's, which npm installs with jco; --wasm-opt on the
 * command line brings it back.
 * @param {string[]} argv
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, llvmMajor?: number }} [options]
 * @returns {Promise<{ args: string[], target: string, known: boolean }>}
 */
export async function clangArgs(argv, options = {}) {
  const env = options.env ?? process.env;
  const p = parseDriverArgs(argv);
  const target = p.target ?? env.WASI_CC_TARGET ?? DEFAULT_TARGET;
  const info = TARGETS[target];
  if (!info) return { args: [`--target=${target}`, ...p.rest], target, known: false };

  /** @type {string[]} */
  let flags;
  if (p.hasSysroot) {
    flags = [`--target=${target}`, ...(info.threads ? ['-pthread'] : [])];
  } else {
    const pkg = await findSysrootPackage(target, { cwd: options.cwd });
    flags = pkg.clangFlags;
  }
  /** @type {string[]} */
  const linkFlags = [];
  if (p.link) {
    if ((options.llvmMajor ?? 0) >= 20 && !p.hasWasmOpt) linkFlags.push('--no-wasm-opt');
    if (info.threads) linkFlags.push(...THREADS_LINK_FLAGS);
    if (info.component && !p.hasLinker) linkFlags.push(`-fuse-ld=${COMPONENT_LD}`);
  }
  return { args: [...flags, ...linkFlags, ...p.rest], target, known: true };
}

/**
 * The environment clang runs in: the toolchain's own directory first on PATH (clang finds wasm-ld
 * there), and this Node next (wasm-component-ld is a Node script).
 * @param {import('./toolchain.js').Toolchain} tc
 * @param {NodeJS.ProcessEnv} env
 */
export function clangEnv(tc, env) {
  return { ...env, PATH: [tc.binDir, dirname(process.execPath), env.PATH ?? ''].join(delimiter) };
}

/** @param {import('node:child_process').SpawnSyncReturns<unknown>} r */
export function exitStatus(r) {
  if (r.status !== null) return r.status;
  const n = r.signal ? osConstants.signals[r.signal] : undefined;
  return n ? 128 + n : 1;
}

/**
 * Compiles and/or links: runs clang. Resolves to the exit status.
 * @param {string[]} argv
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 */
export async function compile(argv, options = {}) {
  const env = options.env ?? process.env;
  let tc;
  try {
    tc = detectToolchain({ env });
  } catch (err) {
    if (err instanceof ToolchainError) {
      process.stderr.write(`wasi-cc: error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  /** @type {{ args: string[], target: string, known: boolean }} */
  let cmd;
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
