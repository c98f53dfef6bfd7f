// The WASI targets wasi-cc knows, and how each finds its sysroot package in the user's project.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface TargetInfo {
  triple: string;
  /** The npm package holding its sysroot. */
  packageName: string;
  /** Programs use shared memory and wasi-threads. */
  threads: boolean;
  /** Programs become Preview 2 components. */
  component: boolean;
  /** The npm package holding its C++ libraries (libc++, libc++abi, libunwind). */
  cxxPackageName: string;
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

/** What a sysroot package's entry point exports (its generated index.js). */
interface SysrootPackageApi {
  sysroot: string;
  version: string;
  clangFlags: readonly string[];
}

/**
 * Target triple → sysroot package, and what programs for it need. The workspace test
 * packages/cc/test/units.test.ts keeps this equal to the recipe (libs/recipe TRIPLES).
 */
export const TARGETS: Readonly<Record<string, TargetInfo>> = Object.freeze({
  'wasm32-wasip1': { triple: 'wasm32-wasip1', packageName: '@wasi/sysroot-wasip1', cxxPackageName: '@wasi/cxx-wasip1', threads: false, component: false },
  'wasm32-wasip1-threads': { triple: 'wasm32-wasip1-threads', packageName: '@wasi/sysroot-wasip1-threads', cxxPackageName: '@wasi/cxx-wasip1-threads', threads: true, component: false },
  'wasm32-wasip2': { triple: 'wasm32-wasip2', packageName: '@wasi/sysroot-wasip2', cxxPackageName: '@wasi/cxx-wasip2', threads: false, component: true },
});

/** The target when none is given (override with WASI_CC_TARGET). */
export const DEFAULT_TARGET = 'wasm32-wasip1';

/**
 * Link flags for wasm32-wasip1-threads programs: the memory is imported (every thread
 * instantiates the module over the same shared memory), exported, and bounded (64 MiB; a later
 * --max-memory on the command line wins). The CMake toolchain template repeats them (a test keeps
 * the two equal).
 */
export const THREADS_LINK_FLAGS: readonly string[] = Object.freeze(['-Wl,--import-memory,--export-memory,--max-memory=67108864']);

export class SysrootNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SysrootNotFoundError';
  }
}

/**
 * An installed package as Node resolves it from `cwd` (its node_modules, then each parent's): its
 * directory and its imported API. Throws SysrootNotFoundError(notInstalled()) when it is missing.
 */
async function importInstalled<Api>(packageName: string, cwd: string, notInstalled: () => string): Promise<{ dir: string; api: Api }> {
  const require = createRequire(join(cwd, '__wasi_cc__.js'));
  let manifest: string;
  try {
    manifest = require.resolve(`${packageName}/package.json`);
  } catch {
    throw new SysrootNotFoundError(notInstalled());
  }
  return { dir: dirname(manifest), api: (await import(pathToFileURL(require.resolve(packageName)).href)) as Api };
}

/**
 * The sysroot package for `triple`, resolved the way Node resolves a dependency of the project in
 * `cwd` (its node_modules, then each parent's). Throws SysrootNotFoundError with the fix.
 */
export async function findSysrootPackage(triple: string, options: { cwd?: string } = {}): Promise<SysrootPackage> {
  const target = TARGETS[triple];
  if (!target) throw new SysrootNotFoundError(`wasi-cc has no sysroot package for target "${triple}"; known targets: ${Object.keys(TARGETS).join(', ')}`);
  const cwd = options.cwd ?? process.cwd();
  const { dir, api } = await importInstalled<SysrootPackageApi>(target.packageName, cwd, () =>
    `no sysroot for ${triple}: the package ${target.packageName} is not installed in ${cwd} or any parent directory.\n` +
      `  Fix: npm i -D ${target.packageName}   (or pass --sysroot=DIR)`,
  );
  const sysroot = api.sysroot;
  if (!existsSync(join(sysroot, 'lib', triple, 'libc.a'))) {
    throw new SysrootNotFoundError(
      `the package ${target.packageName} in ${dir} has no built sysroot (${join(sysroot, 'lib', triple, 'libc.a')} is missing).\n` +
        `  Fix: reinstall it: npm i -D ${target.packageName}`,
    );
  }
  return {
    ...target,
    dir,
    version: api.version,
    sysroot,
    clangFlags: [...api.clangFlags],
  };
}

/** Every known target's package as found from `cwd`, or the error saying how to install it. */
export async function findAllSysrootPackages(options: { cwd?: string } = {}): Promise<Array<{ triple: string; found?: SysrootPackage; error?: Error }>> {
  const out: Array<{ triple: string; found?: SysrootPackage; error?: Error }> = [];
  for (const triple of Object.keys(TARGETS)) {
    try {
      out.push({ triple, found: await findSysrootPackage(triple, options) });
    } catch (err) {
      out.push({ triple, error: err instanceof Error ? err : new Error(String(err)) });
    }
  }
  return out;
}

/** What a C++ package's entry point exports (its generated index.js). */
interface CxxPackageApi {
  version: string;
  includeDir: string;
  libDir: (exceptions?: boolean) => string;
}

export interface CxxPackage {
  packageName: string;
  dir: string;
  version: string;
  /** libc++'s headers. */
  includeDir: string;
  /** The libraries of the chosen variant. */
  libDir: string;
}

/**
 * The C++ package for `triple` (its exceptions variant with `exceptions`), resolved like the
 * sysroot package. Throws SysrootNotFoundError naming the package to install.
 */
export async function findCxxPackage(triple: string, exceptions: boolean, options: { cwd?: string } = {}): Promise<CxxPackage> {
  const target = TARGETS[triple];
  if (!target) throw new SysrootNotFoundError(`wasi-cc has no C++ package for target "${triple}"; known targets: ${Object.keys(TARGETS).join(', ')}`);
  const cwd = options.cwd ?? process.cwd();
  const { dir, api } = await importInstalled<CxxPackageApi>(target.cxxPackageName, cwd, () =>
    `no C++ libraries for ${triple}: the package ${target.cxxPackageName} is not installed in ${cwd} or any parent directory.\n` +
      `  Fix: npm i -D ${target.cxxPackageName}   (C programs do not need it)`,
  );
  const libDir = api.libDir(exceptions);
  if (!existsSync(join(libDir, 'libc++.a'))) {
    throw new SysrootNotFoundError(
      `the package ${target.cxxPackageName} in ${dir} has no built C++ libraries (${join(libDir, 'libc++.a')} is missing).\n` +
        `  Fix: reinstall it: npm i -D ${target.cxxPackageName}`,
    );
  }
  return { packageName: target.cxxPackageName, dir, version: api.version, includeDir: api.includeDir, libDir };
}
