// The recipe stage: the single description of what we build. Every later stage
// (source, toolchain, build, verify, pack) takes its inputs from here.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKSPACE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SYSROOTS_DIR = join(WORKSPACE_ROOT, 'sysroots');
export const MANIFEST_PATH = join(SYSROOTS_DIR, 'source-manifest.json');

export type TripleName = 'wasm32-wasip1' | 'wasm32-wasip1-threads' | 'wasm32-wasip2';

export interface TripleRecipe {
  /** The clang target triple, also the directory name under include/ and lib/. */
  triple: TripleName;
  /** The Nx project that builds it. */
  nxProject: string;
  /** The published npm package. */
  packageName: string;
  /** The package's directory, relative to the workspace root. */
  packageDir: string;
  /** Whether programs for this triple use shared memory and wasi-threads. */
  threads: boolean;
  /** Whether programs for this triple become Preview 2 components. */
  component: boolean;
  /** Extra clang flags a user needs besides --target and --sysroot. */
  userCflags: readonly string[];
  /** The C++ libraries (libc++, libc++abi, libunwind) for this triple: their own package. */
  cxx: {
    packageName: string;
    packageDir: string;
    nxProject: string;
    /**
     * A triple whose C++ libraries are byte-identical to this one's (libc++ uses nothing that
     * differs between them), so they are built once and copied.
     */
    sameLibrariesAs?: TripleName;
  };
}

export const TRIPLES: readonly TripleRecipe[] = [
  {
    triple: 'wasm32-wasip1',
    nxProject: 'sysroot-p1',
    packageName: '@wasi/sysroot-wasip1',
    packageDir: 'packages/sysroot-wasip1',
    cxx: { packageName: '@wasi/cxx-wasip1', packageDir: 'packages/cxx-wasip1', nxProject: 'cxx-p1' },
    threads: false,
    component: false,
    userCflags: [],
  },
  {
    triple: 'wasm32-wasip1-threads',
    nxProject: 'sysroot-p1-threads',
    packageName: '@wasi/sysroot-wasip1-threads',
    packageDir: 'packages/sysroot-wasip1-threads',
    cxx: { packageName: '@wasi/cxx-wasip1-threads', packageDir: 'packages/cxx-wasip1-threads', nxProject: 'cxx-p1-threads' },
    threads: true,
    component: false,
    userCflags: ['-pthread'],
  },
  {
    triple: 'wasm32-wasip2',
    nxProject: 'sysroot-p2',
    packageName: '@wasi/sysroot-wasip2',
    packageDir: 'packages/sysroot-wasip2',
    cxx: { packageName: '@wasi/cxx-wasip2', packageDir: 'packages/cxx-wasip2', nxProject: 'cxx-p2', sameLibrariesAs: 'wasm32-wasip1' },
    threads: false,
    component: true,
    userCflags: [],
  },
];

export class UnknownTripleError extends Error {
  constructor(name: string) {
    super(
      `unknown target triple "${name}". Known triples: ${TRIPLES.map((t) => t.triple).join(', ')} ` +
        `(or their Nx projects: ${TRIPLES.map((t) => t.nxProject).join(', ')}). Name one of them instead.`,
    );
    this.name = 'UnknownTripleError';
  }
}

export function getTriple(name: string): TripleRecipe {
  const found = TRIPLES.find((t) => t.triple === name || t.nxProject === name || t.cxx.nxProject === name);
  if (!found) throw new UnknownTripleError(name);
  return found;
}

export interface GitObjectPin {
  type: 'blob' | 'tree';
  id: string;
}

/**
 * A pinned Debian source package: the orig tarball (by sha256) and, optionally, the git object ids
 * of the parts of its tree that we keep. With `objects`, only those paths are extracted and every
 * one must hash to its id (whatever the provider); without it, the whole tree is kept and the
 * tarball itself must match `debian.origSha256`.
 */
export interface SourceManifest {
  /** Short name, used in messages (e.g. "wasi-libc", "llvm-runtimes"). */
  name: string;
  /**
   * Prefix of the environment variables that choose where the source comes from:
   * `<prefix>_PROVIDERS`, `<prefix>_SOURCE` (local) and `<prefix>_SOURCE_URL`. Default WASI_LIBC.
   */
  envPrefix?: string;
  upstream?: { repository?: string; commit?: string; tag?: string; date?: string; archiveUrl?: string };
  debian: {
    package: string;
    version: string;
    origTarball: string;
    origSha256: string;
    /** The tarball's size in bytes (progress and truncation messages). */
    origBytes?: number;
    /**
     * The Debian suite that serves this version, when it is not one the machine's apt sources
     * name (e.g. "trixie"). The deb-src entry then uses the machine's own URIs with this suite.
     */
    suite?: string;
  };
  /** Paths of the source tree (top-level or nested) and the git object id each must hash to. */
  objects?: Record<string, GitObjectPin>;
  /**
   * "objects": extract only the paths of `objects` (the rest of the tarball is skipped unread,
   * e.g. the 1.5 GB of llvm-project that the runtimes do not need). Default "all".
   */
  extract?: 'all' | 'objects';
  /**
   * Every blob of the pinned trees (`git ls-tree -r` format), so that a failure names the exact
   * file: a path relative to the manifest's directory in the file, absolute once loaded.
   */
  listing?: string;
}

/** The libc base's manifest: its upstream commit and tree ids are always pinned. */
export interface LibcSourceManifest extends SourceManifest {
  upstream: { repository: string; commit: string; date: string; archiveUrl: string };
  objects: Record<string, GitObjectPin>;
}

export function loadManifest(path: string = MANIFEST_PATH): LibcSourceManifest {
  return JSON.parse(readFileSync(path, 'utf8')) as LibcSourceManifest;
}

export class ManifestError extends Error {
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}. Fix the source manifest (see libs/source/README.md for its fields).`);
    this.name = 'ManifestError';
  }
}

/** Loads and checks any source manifest (the libc one, the LLVM runtimes one, a port's). */
export function loadSourceManifest(path: string): SourceManifest {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ManifestError(path, `cannot be read as JSON (${(e as Error).message})`);
  }
  const m = data as Partial<SourceManifest>;
  if (!m || typeof m !== 'object' || typeof m.name !== 'string' || m.name === '') throw new ManifestError(path, 'has no "name"');
  const d = m.debian;
  if (!d || typeof d !== 'object') throw new ManifestError(path, 'has no "debian" object');
  for (const f of ['package', 'version', 'origTarball', 'origSha256'] as const) {
    if (typeof d[f] !== 'string' || d[f] === '') throw new ManifestError(path, `has no "debian.${f}"`);
  }
  if (!/^[0-9a-f]{64}$/.test(d.origSha256)) throw new ManifestError(path, '"debian.origSha256" is not 64 lowercase hex digits');
  if (m.envPrefix !== undefined && !/^[A-Z][A-Z0-9_]*$/.test(m.envPrefix)) throw new ManifestError(path, '"envPrefix" must look like WASI_LLVM');
  for (const [p, pin] of Object.entries(m.objects ?? {})) {
    if (p === '' || p.startsWith('/') || p.split('/').some((x) => x === '' || x === '.' || x === '..')) {
      throw new ManifestError(path, `object path ${JSON.stringify(p)} is not a plain relative path`);
    }
    if ((pin.type !== 'tree' && pin.type !== 'blob') || !/^[0-9a-f]{40}$/.test(pin.id)) {
      throw new ManifestError(path, `object ${JSON.stringify(p)} needs {"type": "tree"|"blob", "id": <40 hex digits>}`);
    }
  }
  if (m.extract !== undefined && m.extract !== 'all' && m.extract !== 'objects') throw new ManifestError(path, '"extract" must be "all" or "objects"');
  if (m.extract === 'objects' && !m.objects) throw new ManifestError(path, '"extract": "objects" needs "objects"');
  if (m.listing !== undefined) {
    if (typeof m.listing !== 'string') throw new ManifestError(path, '"listing" must be a path');
    m.listing = resolve(dirname(path), m.listing);
  }
  return m as SourceManifest;
}

/** The LLVM runtimes (libc++, libc++abi, libunwind) source: Debian's llvm-toolchain-22 orig tarball. */
export const LLVM_MANIFEST_PATH = join(SYSROOTS_DIR, 'llvm-source-manifest.json');

export function loadLlvmManifest(path: string = LLVM_MANIFEST_PATH): SourceManifest {
  return loadSourceManifest(path);
}

/** The libc base version string shipped in packages and printed by tools. */
export function baseLibcVersion(manifest: LibcSourceManifest = loadManifest()): string {
  return `${manifest.name} ${manifest.upstream.commit.slice(0, 7)} (${manifest.upstream.date})`;
}

/** Per-user cache root (XDG), overridable with WASI_SYSROOTS_CACHE. Never inside the repo. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WASI_SYSROOTS_CACHE) return resolve(env.WASI_SYSROOTS_CACHE);
  const xdg = env.XDG_CACHE_HOME || join(env.HOME || '/tmp', '.cache');
  return join(xdg, 'wasi-sysroots');
}

/** Scratch space for builds (objects, logs): inside the workspace, git-ignored. */
export function buildRoot(triple: TripleName): string {
  return join(WORKSPACE_ROOT, '.build', triple);
}

/** The Preview 1 adapter package: the adapters are taken from a pinned jco release. */
export const ADAPTER = {
  packageName: '@wasi/preview1-adapter',
  packageDir: 'packages/preview1-adapter',
  nxProject: 'preview1-adapter',
  from: { package: '@bytecodealliance/jco', version: '1.35.0' },
  files: {
    command: {
      source: 'lib/wasi_snapshot_preview1.command.wasm',
      sha256: '2a652d711c1fff34f9d5a0e073e50ef7eeb8fe7d8a6d559eae643a4c049a7b94',
    },
    reactor: {
      source: 'lib/wasi_snapshot_preview1.reactor.wasm',
      sha256: 'b857310c4753c8fafaa0f890e9ccf978dc3d9dbe8804b1125291a627485041d0',
    },
  },
} as const;

/** The compiler driver, component linker and runner: depends on the adapter package. */
export const CC = {
  packageName: '@wasi/cc',
  packageDir: 'packages/cc',
  nxProject: 'cc',
} as const;

/** Every package we publish, in publish order (dependencies first). */
export const PUBLISH_ORDER: readonly { packageName: string; packageDir: string }[] = [ADAPTER, ...TRIPLES, ...TRIPLES.map((t) => t.cxx), CC];

export { NoSpaceError, isNoSpace, noSpaceError } from './disk.ts';
/**
 * libc++'s ABI version (LIBCXX_ABI_VERSION). 2 is libc++'s next ABI (std::string and other layouts
 * without the v1 compatibility constraints); wasm has no system libc++ to stay compatible with, so
 * programs and prebuilt C++ libraries for our sysroots must all use version 2 (namespace std::__2).
 */
export const LIBCXX_ABI_VERSION = 2;
