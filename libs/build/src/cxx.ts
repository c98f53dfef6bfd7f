// The C++ build: the LLVM runtimes CMake build (-S runtimes) of libc++, libc++abi and (for the
// exceptions variant) libunwind for one triple, against our own sysroot package through its CMake
// toolchain file. Static libraries only. Progress comes from ninja's [done/total] lines; the full
// log goes to a file, and a failure prints its tail and path.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { LIBCXX_ABI_VERSION, SYSROOTS_DIR, type TripleRecipe } from '@wasi-sysroots/recipe';
import type { Toolchain } from '@wasi-sysroots/toolchain';
import { BuildError } from './index.ts';

export type CxxVariant = 'default' | 'exceptions';
export const CXX_VARIANTS: readonly CxxVariant[] = ['default', 'exceptions'];

/** Where a variant's libraries go under lib/<triple>/ (headers are shared: they do not differ). */
export const VARIANT_LIBDIR: Record<CxxVariant, string> = { default: '', exceptions: 'eh' };

export interface CxxBuildRequest {
  recipe: TripleRecipe;
  variant: CxxVariant;
  /** The verified LLVM runtimes source (fetchSource({ manifest: loadLlvmManifest() })). */
  llvmSourceDir: string;
  /** The built sysroot package directory (with sysroot/ and cmake/<triple>.cmake). */
  sysrootPackageDir: string;
  toolchain: Toolchain;
  /** Scratch directory: build tree, install tree and log. */
  workDir: string;
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface CxxBuildResult {
  /** include/c++/v1 and lib/*.a of this variant. */
  installDir: string;
  logPath: string;
}

const on = (b: boolean) => (b ? 'ON' : 'OFF');

/** The CMake cache settings of one triple and variant. */
export function cxxCmakeDefines(req: Pick<CxxBuildRequest, 'recipe' | 'variant' | 'llvmSourceDir' | 'sysrootPackageDir'> & { workDir?: string }): Record<string, string> {
  const { recipe, variant } = req;
  const eh = variant === 'exceptions';
  const threads = recipe.threads;
  // <filesystem> needs statvfs, fchmodat, realpath, copy_file_range from libc: on once the sysroot has them.
  const filesystem = existsSync(join(req.sysrootPackageDir, 'sysroot', 'include', recipe.triple, 'sys', 'statvfs.h'));
  // No build paths in the output: the source and build trees get fixed names.
  // The triple's own user flags first (-pthread): setting CMAKE_<LANG>_FLAGS replaces the toolchain file's.
  const flags = [
    ...recipe.userCflags,
    `-ffile-prefix-map=${req.llvmSourceDir}=/llvm-src`,
    `-ffile-prefix-map=${req.sysrootPackageDir}=/sysroot-pkg`,
    ...(req.workDir ? [`-ffile-prefix-map=${req.workDir}=/build`] : []),
    ...(eh ? ['-fwasm-exceptions'] : ['-fno-exceptions'])];
  return {
    CMAKE_TOOLCHAIN_FILE: join(req.sysrootPackageDir, 'cmake', `${recipe.triple}.cmake`),
    CMAKE_BUILD_TYPE: 'MinSizeRel',
    CMAKE_C_FLAGS: flags.join(' '),
    CMAKE_CXX_FLAGS: flags.join(' '),
    LLVM_ENABLE_RUNTIMES: eh ? 'libcxx;libcxxabi;libunwind' : 'libcxx;libcxxabi',
    LLVM_INCLUDE_TESTS: 'OFF',
    LLVM_INCLUDE_DOCS: 'OFF',
    LIBCXX_INCLUDE_TESTS: 'OFF',
    LIBCXX_INCLUDE_BENCHMARKS: 'OFF',
    LIBCXX_INCLUDE_DOCS: 'OFF',
    LIBCXXABI_INCLUDE_TESTS: 'OFF',
    LIBUNWIND_INCLUDE_TESTS: 'OFF',
    LIBUNWIND_INCLUDE_DOCS: 'OFF',
    LIBCXX_ENABLE_SHARED: 'OFF',
    LIBCXXABI_ENABLE_SHARED: 'OFF',
    LIBUNWIND_ENABLE_SHARED: 'OFF',
    LIBCXX_ENABLE_STATIC: 'ON',
    LIBCXXABI_ENABLE_STATIC: 'ON',
    LIBUNWIND_ENABLE_STATIC: 'ON',
    LIBCXX_CXX_ABI: 'libcxxabi',
    LIBCXX_ABI_VERSION: String(LIBCXX_ABI_VERSION),
    LIBCXX_ENABLE_EXCEPTIONS: on(eh),
    LIBCXXABI_ENABLE_EXCEPTIONS: on(eh),
    LIBCXXABI_USE_LLVM_UNWINDER: on(eh),
    LIBUNWIND_HIDE_SYMBOLS: 'ON',
    LIBCXX_ENABLE_THREADS: on(threads),
    LIBCXXABI_ENABLE_THREADS: on(threads),
    LIBUNWIND_ENABLE_THREADS: on(threads),
    LIBCXX_HAS_PTHREAD_API: on(threads),
    LIBCXXABI_HAS_PTHREAD_API: on(threads),
    LIBCXX_ENABLE_FILESYSTEM: on(filesystem),
    LIBCXX_ENABLE_TIME_ZONE_DATABASE: 'OFF',
    LIBCXXABI_SILENT_TERMINATE: 'OFF',
    LIBCXX_USE_COMPILER_RT: 'ON',
    LIBCXXABI_USE_COMPILER_RT: 'ON',
    LIBUNWIND_USE_COMPILER_RT: 'ON',
    // CMake knows no WASI platform; the runtimes treat it like any POSIX-ish one.
    UNIX: 'ON',
    // Build libc++ itself, not against an already installed one.
    WASI_CXX_PACKAGE: 'OFF',
  };
}

function run(cmd: string, args: string[], cwd: string, log: NodeJS.WritableStream, onLine?: (line: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    log.write(`# ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let partial = '';
    const feed = (d: Buffer) => {
      log.write(d);
      if (!onLine) return;
      partial += d.toString();
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) onLine(l);
    };
    child.stdout.on('data', feed);
    child.stderr.on('data', feed);
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new Error(`${cmd} was not found: install it (apt-get install -y cmake ninja-build)`) : e));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

function tail(path: string, lines = 40): string {
  if (!existsSync(path)) return '(no log)';
  return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Builds one variant into workDir/install. Reuses workDir/build between runs (ninja is incremental). */
export async function buildCxx(req: CxxBuildRequest): Promise<CxxBuildResult> {
  const buildDir = join(req.workDir, 'build');
  const installDir = join(req.workDir, 'install');
  mkdirSync(buildDir, { recursive: true });
  const logPath = join(req.workDir, 'build.log');
  const log = createWriteStream(logPath);
  const fail = async (what: string): Promise<never> => {
    await new Promise<void>((r) => log.end(r));
    throw new BuildError(`the ${req.recipe.triple} C++ ${req.variant} build failed at ${what}`, logPath, tail(logPath));
  };
  const defines = cxxCmakeDefines(req);
  const configure = [
    '-G', 'Ninja', '-S', join(req.llvmSourceDir, 'runtimes'), '-B', buildDir,
    `-DCMAKE_INSTALL_PREFIX=${installDir}`,
    ...Object.entries(defines).map(([k, v]) => `-D${k}=${v}`),
  ];
  if ((await run('cmake', configure, req.workDir, log)) !== 0) await fail('cmake configure');
  const jobs = req.jobs ?? availableParallelism();
  const onLine = (line: string) => {
    const m = /^\[(\d+)\/(\d+)\]/.exec(line);
    if (m) req.onProgress?.(Number(m[1]), Number(m[2]));
  };
  rmSync(installDir, { recursive: true, force: true });
  if ((await run('ninja', ['-C', buildDir, `-j${jobs}`, 'install'], req.workDir, log, onLine)) !== 0) await fail('ninja install');
  // Our own objects: the default variant's throw-that-aborts, the exceptions variant's tag.
  const clangxx = req.toolchain.clang.replace(/clang(-\d+)?$/, 'clang++$1');
  const extra = join(req.workDir, 'extra.o');
  const lib = join(installDir, 'lib', 'libc++abi.a');
  const common = [`--target=${req.recipe.triple}`, `--sysroot=${join(req.sysrootPackageDir, 'sysroot')}`, '-O2', ...req.recipe.userCflags, '-c', '-o', extra];
  const src = req.variant === 'exceptions' ? join(SYSROOTS_DIR, 'cxx', 'cpp-exception-tag.s') : join(SYSROOTS_DIR, 'cxx', 'throw-abort.cc');
  const compileArgs = req.variant === 'exceptions' ? [...common, src] : [...common, '-fno-exceptions', `-ffile-prefix-map=${SYSROOTS_DIR}=/sysroots`, '-nostdinc++', '-isystem', join(installDir, 'include', 'c++', 'v1'), src];
  if ((await run(clangxx, compileArgs, req.workDir, log)) !== 0) await fail(`compiling ${src}`);
  // D: deterministic archive members (no timestamps, owners).
  if ((await run(req.toolchain.ar, ['rD', lib, extra], req.workDir, log)) !== 0) await fail('adding our object to libc++abi.a');
  await new Promise<void>((r) => log.end(r));
  return { installDir, logPath };
}

/** The libraries a variant ships (under lib/<triple>/<variant dir>). */
export function variantLibraries(variant: CxxVariant): string[] {
  return variant === 'exceptions' ? ['libc++.a', 'libc++abi.a', 'libc++experimental.a', 'libunwind.a'] : ['libc++.a', 'libc++abi.a', 'libc++experimental.a'];
}

/**
 * Assembles the package's sysroot layout from the variants' install trees, into `staging`:
 * include/<triple>/c++/v1 and lib/<triple>/{,eh/}*.a, the layout clang looks in with --sysroot.
 */
export function assembleCxxSysroot(triple: string, installs: Record<CxxVariant, string>, staging: string): void {
  rmSync(staging, { recursive: true, force: true });
  const headersDefault = join(installs.default, 'include', 'c++', 'v1');
  const headersEh = join(installs.exceptions, 'include', 'c++', 'v1');
  const diff = spawnSync('diff', ['-r', '-q', headersDefault, headersEh], { encoding: 'utf8' });
  if (diff.status !== 0) throw new Error(`the C++ headers of the two variants differ, so they cannot share one include directory:\n${diff.stdout}${diff.stderr}`);
  mkdirSync(join(staging, 'include', triple, 'c++'), { recursive: true });
  cpSync(headersDefault, join(staging, 'include', triple, 'c++', 'v1'), { recursive: true });
  for (const variant of CXX_VARIANTS) {
    const dir = join(staging, 'lib', triple, VARIANT_LIBDIR[variant]);
    mkdirSync(dir, { recursive: true });
    for (const name of variantLibraries(variant)) cpSync(join(installs[variant], 'lib', name), join(dir, name));
  }
}

/** Moves a finished staging tree into place, so that a failed build leaves the old one as it was. */
export function installTree(staging: string, out: string): void {
  const old = `${out}.old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(out)) renameSync(out, old);
  renameSync(staging, out);
  rmSync(old, { recursive: true, force: true });
}
