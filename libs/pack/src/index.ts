// The pack stage: a verified sysroot plus its recipe become an npm package directory
// (generated from one template for every triple, so the three packages cannot drift), and a
// package directory becomes a reproducible tarball.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT, LIBCXX_ABI_VERSION, baseLibcVersion, loadManifest, type LibcSourceManifest, type TripleRecipe } from '@wasi-sysroots/recipe';

export interface PackageApiData {
  triple: string;
  clangFlags: string[];
  baseLibc: { name: string; commit: string; date: string; debianVersion: string; description: string };
  component: boolean;
  threads: boolean;
}

export function apiData(recipe: TripleRecipe, manifest: LibcSourceManifest = loadManifest()): PackageApiData {
  return {
    triple: recipe.triple,
    clangFlags: [`--target=${recipe.triple}`, ...recipe.userCflags],
    baseLibc: {
      name: manifest.name,
      commit: manifest.upstream.commit,
      date: manifest.upstream.date,
      debianVersion: manifest.debian.version,
      description: baseLibcVersion(manifest),
    },
    component: recipe.component,
    threads: recipe.threads,
  };
}

const TEMPLATES = join(WORKSPACE_ROOT, 'libs', 'pack', 'templates');

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template placeholder {{${key}}} has no value`);
    return value;
  });
}

/**
 * Writes the generated files of a sysroot package next to its `sysroot/`: the ESM API
 * (index.js + index.d.ts), the README, and the base libc's licenses from the verified source.
 */
export function writeSysrootPackageFiles(
  recipe: TripleRecipe,
  sourceDir: string,
  dir: string = join(WORKSPACE_ROOT, recipe.packageDir),
): void {
  const data = apiData(recipe);
  const values = {
    TRIPLE: recipe.triple,
    PACKAGE: recipe.packageName,
    API_DATA: JSON.stringify(data, null, 2),
    BASE: data.baseLibc.description,
    DEBIAN_VERSION: data.baseLibc.debianVersion,
    USER_FLAGS: data.clangFlags.join(' '),
    NX_PROJECT: recipe.nxProject,
    STACK_NOTE: recipe.threads
      ? '\nThis sets the main thread\'s stack. Threads started with `pthread_create` get a stack of their own, sized by `pthread_attr_setstacksize`.\n'
      : '',
    CXX_PACKAGE: recipe.cxx.packageName,
    CXX_DIRNAME: recipe.cxx.packageName.split('/')[1]!,
    RUN_NOTE: recipe.component
      ? 'Programs for this triple become Preview 2 components: link a core module with `-fuse-ld=lld`, then wrap it with the `wasi_snapshot_preview1` adapter from `@wasi/preview1-adapter` (installed with this package).'
      : recipe.threads
        ? 'Programs need a wasi-threads host and shared memory: link with `-Wl,--import-memory,--max-memory=67108864` (the host provides the shared memory). `pthread_exit` unwinds to the thread entry with a WebAssembly exception, so programs that call it need a host with exception handling; if clang finds binaryen\'s `wasm-opt` on PATH at -O2, that one also needs `--enable-exception-handling`.'
        : 'Programs are WASI Preview 1 core modules: run them with `node:wasi`, wasmtime or any Preview 1 host.',
  };
  writeFileSync(join(dir, 'index.js'), fill(readFileSync(join(TEMPLATES, 'index.js.tmpl'), 'utf8'), values));
  writeFileSync(join(dir, 'index.d.ts'), fill(readFileSync(join(TEMPLATES, 'index.d.ts.tmpl'), 'utf8'), values));
  writeFileSync(join(dir, 'README.md'), fill(readFileSync(join(TEMPLATES, 'README.md.tmpl'), 'utf8'), values));
  // A CMake toolchain file per triple, as wasi-sdk ships its own.
  mkdirSync(join(dir, 'cmake'), { recursive: true });
  writeFileSync(join(dir, 'cmake', `${recipe.triple}.cmake`), fill(readFileSync(join(TEMPLATES, 'cmake', 'toolchain.cmake.tmpl'), 'utf8'), values));
  const licenses = join(dir, 'licenses');
  mkdirSync(licenses, { recursive: true });
  for (const name of ['LICENSE', 'LICENSE-APACHE', 'LICENSE-APACHE-LLVM', 'LICENSE-MIT']) {
    copyFileSync(join(sourceDir, name), join(licenses, `wasi-libc-${name}`));
  }
}

/**
 * Writes the generated files of a C++ package next to its `sysroot/`: the ESM API, the README and
 * the LLVM runtimes' licenses from the verified source.
 */
export function writeCxxPackageFiles(
  recipe: TripleRecipe,
  llvmSourceDir: string,
  features: { filesystem: boolean },
  dir: string = join(WORKSPACE_ROOT, recipe.cxx.packageDir),
): void {
  const llvm = '22.1.8';
  const values = {
    TRIPLE: recipe.triple,
    PACKAGE: recipe.cxx.packageName,
    SYSROOT_PACKAGE: recipe.packageName,
    NX_PROJECT: recipe.cxx.nxProject,
    LLVM: llvm,
    ABI: String(LIBCXX_ABI_VERSION),
    THREADS: recipe.threads ? 'on (std::thread over pthreads)' : 'off',
    FILESYSTEM: features.filesystem ? 'on' : 'off',
    API_DATA: JSON.stringify({ triple: recipe.triple, libcxxAbiVersion: LIBCXX_ABI_VERSION, llvm }, null, 2),
  };
  for (const name of ['index.js', 'index.d.ts', 'README.md']) {
    writeFileSync(join(dir, name), fill(readFileSync(join(TEMPLATES, 'cxx', `${name}.tmpl`), 'utf8'), values));
  }
  const licenses = join(dir, 'licenses');
  mkdirSync(licenses, { recursive: true });
  for (const p of ['libcxx', 'libcxxabi', 'libunwind']) copyFileSync(join(llvmSourceDir, p, 'LICENSE.TXT'), join(licenses, `${p}-LICENSE.TXT`));
}

export interface PackedTarball {
  name: string;
  version: string;
  tarball: string;
  size: number;
  sha256: string;
  /** What a registry records as `dist.integrity` for exactly these bytes (sha512, base64). */
  integrity: string;
  files: string[];
}

/** `npm pack` of a package directory into outDir. npm fixes mtimes and modes and sorts entries. */
export function packPackage(packageDir: string, outDir: string): PackedTarball {
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], {
    cwd: packageDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`npm pack failed in ${packageDir}:\n${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as { name: string; version: string; filename: string; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed nothing for ${packageDir}`);
  const tarball = join(outDir, info.filename);
  const bytes = readFileSync(tarball);
  return {
    name: info.name,
    version: info.version,
    tarball,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
    files: info.files.map((f) => f.path).sort(),
  };
}

export function packageJson(packageDir: string): { name: string; version: string; dependencies?: Record<string, string> } {
  const path = join(packageDir, 'package.json');
  if (!existsSync(path)) throw new Error(`no package.json in ${packageDir}`);
  return JSON.parse(readFileSync(path, 'utf8'));
}
