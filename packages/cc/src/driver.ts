// wasi-cc as a compiler driver: clang with the target's sysroot package, the flags its programs
// need, and for wasm32-wasip2 this package's wasm-component-ld as the linker. Everything else on
// the command line goes to clang unchanged, and clang's (or the linker's) own messages and exit
// status come back unchanged.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { basename, delimiter, dirname, extname, join, resolve } from 'node:path';
import { writeFileAtomic } from './write.js';
import { debugEnabled, errorCode, firstLine, noSpaceMessage } from './errors.js';
import { COMPONENT_LD } from './files.js';
import { detectToolchain, ToolchainError, type Toolchain } from './toolchain.js';
import { DEFAULT_TARGET, findCxxPackage, findSysrootPackage, SysrootNotFoundError, TARGETS, THREADS_LINK_FLAGS } from './targets.js';

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
  /** The -o file, if given. */
  output: string | undefined;
  /** Whether clang derives more output files from -o (-MD/-MMD without -MF, -save-temps...). */
  outputDerived: boolean;
  /** Whether an input is C++ (.cc, .cpp, .cxx, .c++, .C) or -x c++ was given. */
  cxxInput: boolean;
  /** -fwasm-exceptions: the C++ exceptions variant. */
  exceptions: boolean;
}

const CXX_SUFFIX = /\.(cc|cpp|cxx|c\+\+|C|cppm|ixx)$/;

/** Splits a wasi-cc command line: the target, the rest, and whether clang will link. */
export function parseDriverArgs(argv: string[]): DriverArgs {
  let target: string | undefined;
  const rest: string[] = [];
  let link = true;
  let hasSysroot = false;
  let hasLinker = false;
  let hasWasmOpt = false;
  let setjmp = false;
  let output: string | undefined;
  let outputDerived = false;
  let hasDepFile = false;
  let makesDeps = false;
  let cxxInput = false;
  let exceptions = false;
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
    if (a === '-fwasm-exceptions') exceptions = true;
    if (a === '-fno-wasm-exceptions') exceptions = false;
    if ((a === '-x' && /^c\+\+/.test(argv[i + 1] ?? '')) || /^-xc\+\+/.test(a)) cxxInput = true;
    if (!a.startsWith('-') && CXX_SUFFIX.test(a) && argv[i - 1] !== '-o') cxxInput = true;
    if ((a === '-o' || a === '--output') && i + 1 < argv.length) {
      output = argv[i + 1];
      rest.push(a, argv[++i] as string);
      continue;
    }
    if (a.startsWith('--output=')) output = a.slice('--output='.length);
    else if (a.startsWith('-o') && a.length > 2 && !a.startsWith('-objcmt')) output = a.slice(2);
    if (a === '-MD' || a === '-MMD') makesDeps = true;
    if (a === '-MF' || a.startsWith('-MF') || a.startsWith('-Wp,-M')) hasDepFile = true;
    if (a.startsWith('-save-temps') || a === '-###' || a.startsWith('-gsplit-dwarf') || a === '-ftime-trace' || a.startsWith('-ftime-trace=')) outputDerived = true;
    rest.push(a);
  }
  if (makesDeps && !hasDepFile) outputDerived = true;
  return { target, rest, link, hasSysroot, hasLinker, hasWasmOpt, setjmp, output, outputDerived, cxxInput, exceptions };
}

export interface ClangCommand {
  args: string[];
  target: string;
  /** Whether wasi-cc has a sysroot package for the target. */
  known: boolean;
  /** Whether to run clang++ (wasi-c++, or a C++ input). */
  cxx: boolean;
}

export interface ClangArgsOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  llvmMajor?: number;
  /** The wasm-ld that links Preview 1 and threads programs (-fuse-ld=PATH); clang's own choice otherwise. */
  wasmLd?: string;
  /** Write the output here instead of the command line's -o. */
  output?: string;
  /** Compile and link as C++ (the wasi-c++ command). Default: only when an input is C++. */
  cxx?: boolean;
}

/** The arguments without any -o. */
function withoutOutput(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-o' || a === '--output') i++;
    else if (!a.startsWith('--output=') && !(a.startsWith('-o') && a.length > 2 && !a.startsWith('-objcmt'))) out.push(a);
  }
  return out;
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
  const cxx = options.cxx === true || p.cxxInput;
  if (!info) return { args: [`--target=${target}`, ...p.rest], target, known: false, cxx };

  let flags: string[];
  const libs: string[] = [];
  if (p.hasSysroot) {
    flags = [`--target=${target}`, ...(info.threads ? ['-pthread'] : [])];
  } else {
    const pkg = await findSysrootPackage(target, { cwd: options.cwd });
    flags = pkg.clangFlags;
    if (cxx) {
      // libc++ comes from its own package: its headers before the sysroot's, its libraries on -L.
      const lib = await findCxxPackage(target, p.exceptions, { cwd: options.cwd });
      flags = [...flags, '-nostdinc++', '-isystem', lib.includeDir, `-L${lib.libDir}`];
    }
  }
  // clang does not add libunwind for -fwasm-exceptions.
  if (cxx && p.exceptions && p.link) libs.push('-lunwind');
  const linkFlags: string[] = [];
  if (p.link) {
    if ((options.llvmMajor ?? 0) >= 20 && !p.hasWasmOpt) linkFlags.push('--no-wasm-opt');
    if (info.threads) linkFlags.push(...THREADS_LINK_FLAGS);
    if (!p.hasLinker) {
      if (info.component) linkFlags.push(`-fuse-ld=${COMPONENT_LD}`);
      // (clang's WebAssembly driver takes a linker path from -fuse-ld, and ignores --ld-path)
      else if (options.wasmLd) linkFlags.push(`-fuse-ld=${options.wasmLd}`);
    }
  }
  // -lsetjmp after the user's objects and libraries, so that their references pull it in.
  const setjmpCompile = p.setjmp ? SETJMP_COMPILE_FLAGS : [];
  const setjmpLink = p.setjmp && p.link ? ['-lsetjmp'] : [];
  // -pthread on a triple without threads means "the pthread API", which libc has single-threaded:
  // clang would turn it into atomics and --shared-memory, which such a libc was not built for
  // (every link, configure's pthread checks included, then fails).
  const userArgs = info.threads ? p.rest : p.rest.filter((a) => a !== '-pthread' && a !== '-pthreads');
  const rest = options.output === undefined ? userArgs : [...withoutOutput(userArgs), '-o', options.output];
  return { args: [...flags, ...setjmpCompile, ...linkFlags, ...rest, ...libs, ...setjmpLink], target, known: true, cxx };
}

/**
 * The environment clang runs in: the toolchain's own directory first on PATH (clang finds wasm-ld
 * there), and this Node next (wasm-component-ld is a Node script). WASI_WASM_LD tells our
 * wasm-component-ld which wasm-ld to run: the toolchain's.
 */
export function clangEnv(tc: Toolchain, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PATH: [tc.binDir, dirname(process.execPath), env.PATH ?? ''].join(delimiter), WASI_WASM_LD: tc.wasmLd };
}

/** Tells our wasm-component-ld the output's name as the user gave it, for its messages. */
const OUTPUT_NAME_ENV = 'WASM_COMPONENT_LD_OUTPUT_NAME';

/** clang++ next to clang (clang-22 → clang++-22). */
export function clangxxPath(clang: string): string {
  return clang.replace(/clang(-\d+)?$/, 'clang++$1');
}

/** A child's exit status, 128 + N for a signal as a shell reports it. */
export function exitStatus(r: SpawnSyncReturns<unknown>): number {
  if (r.status !== null) return r.status;
  const n = r.signal ? osConstants.signals[r.signal] : undefined;
  return n ? 128 + n : 1;
}

/** A link's private directory: clang writes the output there, and wasi-cc puts it in place whole. */
interface StagedOutput {
  /** The output the user asked for. */
  path: string;
  /** Where clang writes it. */
  staged: string;
  dir: string;
}

/**
 * Links write into a private directory first; wasi-cc then writes the result to the output's
 * directory through a temporary file and a rename. wasm-ld writes through a memory map, so a full
 * disk under the output would crash it (SIGBUS, with a stack dump); a plain write reports ENOSPC.
 */
function stageOutput(path: string): StagedOutput {
  const dir = mkdtempSync(join(tmpdir(), 'wasi-cc-'));
  return { path, staged: join(dir, basename(path)), dir };
}

/** Files clang makes next to an output while it writes it (name-XXXXXXXX.ext.tmp). */
function clangTempFiles(output: string): string[] {
  const dir = dirname(output);
  const ext = extname(output);
  const stem = basename(output, ext);
  const pattern = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9a-f]{8}${ext.replace('.', '\\.')}\\.tmp$`);
  try {
    return readdirSync(dir).filter((n) => pattern.test(n)).map((n) => join(dir, n));
  } catch {
    return [];
  }
}

/** Whether the file system holding `dir` is (nearly) full: what a failed write there means. */
function isFull(dir: string): boolean {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize < 64 * 1024;
  } catch {
    return false;
  }
}

/** Compiles and/or links: runs clang like the wasi-cc command does. Resolves to the exit status. */
export async function compile(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; cxx?: boolean } = {}): Promise<number> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const debug = debugEnabled(env) || argv.includes('-v') || argv.includes('--verbose');
  const fail = (message: string): number => {
    process.stderr.write(`wasi-cc: error: ${message}\n`);
    return 1;
  };
  let tc: Toolchain;
  try {
    tc = detectToolchain({ env });
  } catch (err) {
    if (err instanceof ToolchainError) return fail(err.message);
    throw err;
  }
  const p = parseDriverArgs(argv);
  const output = resolve(cwd, p.output ?? 'a.out');
  let stage: StagedOutput | undefined;
  let cmd: ClangCommand;
  try {
    const known = TARGETS[p.target ?? env.WASI_CC_TARGET ?? DEFAULT_TARGET] !== undefined;
    if (known && p.link && !p.outputDerived && p.output !== '-') stage = stageOutput(output);
    cmd = await clangArgs(argv, { ...options, llvmMajor: tc.major, wasmLd: tc.wasmLd, ...(stage ? { output: stage.staged } : {}) });
  } catch (err) {
    if (stage) rmSync(stage.dir, { recursive: true, force: true });
    if (err instanceof SysrootNotFoundError) return fail(err.message);
    throw err;
  }
  try {
    const tempsBefore = new Set(clangTempFiles(output));
    const compiler = cmd.cxx ? clangxxPath(tc.clang) : tc.clang;
    if (debug) process.stderr.write(`wasi-cc: running ${[compiler, ...cmd.args].join(' ')}\n`);
    const clangEnvironment = { ...clangEnv(tc, env), ...(stage ? { [OUTPUT_NAME_ENV]: p.output ?? 'a.out' } : {}) };
    const r = spawnSync(compiler, cmd.args, { stdio: 'inherit', cwd, env: clangEnvironment });
    if (r.error) return fail(`could not run ${compiler}: ${r.error.message}`);
    const status = exitStatus(r);
    // Nothing staged: clang only printed (-print-search-dirs, -dumpmachine, --version, as libtool's
    // configure asks), so there is no output to write.
    if (status === 0 && stage && !existsSync(stage.staged)) return 0;
    if (status === 0 && stage) {
      const bytes = readFileSync(stage.staged);
      try {
        writeFileAtomic(output, bytes, statSync(stage.staged).mode & 0o777);
      } catch (err) {
        if (errorCode(err) === 'ENOSPC') return fail(noSpaceMessage(dirname(output)));
        return fail(`cannot write ${p.output ?? 'a.out'}: ${firstLine(err)}`);
      }
      return 0;
    }
    if (status === 0) return 0;
    // As clang does for its own output: a failed link leaves no stale output behind.
    if (stage) rmSync(output, { force: true });
    for (const temp of clangTempFiles(output)) if (!tempsBefore.has(temp)) rmSync(temp, { force: true });
    if (!cmd.known) {
      process.stderr.write(
        `wasi-cc: note: "${cmd.target}" is not a target wasi-cc has a sysroot for (${Object.keys(TARGETS).join(', ')}); ` +
          `clang ran without one.\n`,
      );
    }
    if (!p.link && isFull(dirname(output))) fail(noSpaceMessage(dirname(output)));
    else if (stage && isFull(stage.dir)) fail(noSpaceMessage(tmpdir()));
    else fail(`clang failed (exit status ${status}); its messages are above`);
    return status;
  } finally {
    if (stage) rmSync(stage.dir, { recursive: true, force: true });
  }
}
