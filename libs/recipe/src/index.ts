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
}

export const TRIPLES: readonly TripleRecipe[] = [
  {
    triple: 'wasm32-wasip1',
    nxProject: 'sysroot-p1',
    packageName: '@wasi/sysroot-wasip1',
    packageDir: 'packages/sysroot-wasip1',
    threads: false,
    component: false,
    userCflags: [],
  },
  {
    triple: 'wasm32-wasip1-threads',
    nxProject: 'sysroot-p1-threads',
    packageName: '@wasi/sysroot-wasip1-threads',
    packageDir: 'packages/sysroot-wasip1-threads',
    threads: true,
    component: false,
    userCflags: ['-pthread'],
  },
  {
    triple: 'wasm32-wasip2',
    nxProject: 'sysroot-p2',
    packageName: '@wasi/sysroot-wasip2',
    packageDir: 'packages/sysroot-wasip2',
    threads: false,
    component: true,
    userCflags: [],
  },
];

export class UnknownTripleError extends Error {
  constructor(name: string) {
    super(
      `unknown target triple "${name}". Known triples: ${TRIPLES.map((t) => t.triple).join(', ')}. ` +
        `Pass one of them (for example --triple wasm32-wasip1).`,
    );
    this.name = 'UnknownTripleError';
  }
}

export function getTriple(name: string): TripleRecipe {
  const found = TRIPLES.find((t) => t.triple === name || t.nxProject === name);
  if (!found) throw new UnknownTripleError(name);
  return found;
}

export interface GitObjectPin {
  type: 'blob' | 'tree';
  id: string;
}

export interface SourceManifest {
  name: string;
  upstream: { repository: string; commit: string; date: string; archiveUrl: string };
  debian: { package: string; version: string; origTarball: string; origSha256: string };
  /** Top-level paths of the source tree and the git object id each must hash to. */
  objects: Record<string, GitObjectPin>;
}

export function loadManifest(path: string = MANIFEST_PATH): SourceManifest {
  return JSON.parse(readFileSync(path, 'utf8')) as SourceManifest;
}

/** The libc base version string shipped in packages and printed by tools. */
export function baseLibcVersion(manifest: SourceManifest = loadManifest()): string {
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
export const PUBLISH_ORDER: readonly { packageName: string; packageDir: string }[] = [ADAPTER, ...TRIPLES, CC];
