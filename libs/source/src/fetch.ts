// fetchSource: get the pinned wasi-libc tree from the first provider that works, verify it
// against the manifest's git object ids, and cache it content-addressed.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { cacheRoot, loadManifest, noSpaceError, type SourceManifest } from '@wasi-sysroots/recipe';
import { aptDownloadOrig, sha256Of, type AptConfigPaths } from './apt.ts';
import { extractArchive } from './archive.ts';
import {
  LocalSourceError,
  PROVIDER_NAMES,
  providerHint,
  SourceIntegrityError,
  SourceError,
  SourceFetchError,
  UnknownProviderError,
  type ProviderFailure,
  type ProviderName,
} from './errors.ts';
import { copyTree } from './local.ts';
import { download } from './url.ts';
import { entryTreeId, firstStatChange, readStamp, writeStamp } from './stamp.ts';
import { verifyTree } from './verify.ts';

export type ProgressEvent =
  | { provider: 'cache'; phase: 'hit'; dir: string }
  /** The cached entry no longer matches what was verified: it is removed and fetched again. */
  | { provider: 'cache'; phase: 'damaged'; dir: string; message: string }
  | { provider: ProviderName; phase: 'start'; from: string }
  | { provider: ProviderName; phase: 'download'; bytes: number; total?: number }
  | { provider: ProviderName; phase: 'extract'; bytes?: number; total?: number }
  | { provider: ProviderName; phase: 'verify' }
  | { provider: ProviderName; phase: 'message'; message: string }
  /** This provider failed; the next one (if any) is tried. */
  | { provider: ProviderName; phase: 'failed'; error: Error; message: string; next?: ProviderName }
  | { provider: ProviderName; phase: 'done'; dir: string };

export interface FetchSourceOptions {
  /**
   * What to fetch. Default: the libc base (loadManifest() from @wasi-sysroots/recipe). Any other
   * pinned Debian source package works the same way (loadSourceManifest(path)); below, <P> is its
   * envPrefix (WASI_LIBC by default).
   */
  manifest?: SourceManifest;
  /** Providers to try, in order. Default: env <P>_PROVIDERS (comma list), else local (only if a local path is configured), apt, url. */
  providers?: ProviderName[];
  /**
   * A source directory or a .tar/.tar.gz/.tar.xz of it. Default: env <P>_SOURCE. For a manifest
   * without `objects` it must be the orig tarball itself (checked by sha256).
   */
  localPath?: string;
  /** Archive URL. Default: env <P>_SOURCE_URL, else manifest.upstream.archiveUrl. */
  url?: string;
  /** Default: cacheRoot() + '/source'. */
  cacheDir?: string;
  onProgress?: (event: ProgressEvent) => void;
  /** Default 5000. */
  connectTimeoutMs?: number;
  /** Extra download attempts on network errors and 5xx answers. Default 3. */
  retries?: number;
  /** Where the apt provider reads the machine's apt sources (default /etc/apt/...). */
  aptConfig?: AptConfigPaths;
  /** Environment to read the <P>_* defaults from. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface SourceTree {
  /** The verified tree root (for the libc base: Makefile, libc-top-half/, ... directly inside). Treat it as read-only. */
  dir: string;
  provider: ProviderName | 'cache';
  /** The content address: first 16 hex chars of sha256 of the canonical JSON of manifest.objects (or of the tarball's sha256). */
  key: string;
}

/** Version of the cache entry layout: 2 added the stamp of file sizes and times (stamp.ts). */
const CACHE_LAYOUT = 'layout 2';
const STALE_TMP_MS = 24 * 60 * 60 * 1000;

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The cache key of a manifest: depends only on the pinned object ids, or the tarball's sha256 if it pins no ids. */
export function cacheKey(manifest: SourceManifest): string {
  const pins = manifest.objects ? canonicalJson(manifest.objects) : canonicalJson({ origSha256: manifest.debian.origSha256 });
  // The layout of an entry (its stamp) is part of the key, so that an older layout is never misread.
  const content = `${CACHE_LAYOUT}\n${pins}`;
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** What a manifest extracts: its pinned paths, or everything. */
function keptPaths(manifest: SourceManifest): string[] | undefined {
  return manifest.extract === 'objects' && manifest.objects ? Object.keys(manifest.objects) : undefined;
}

/** Archives smaller than this extract in a moment: no byte progress for them. */
const EXTRACT_PROGRESS_MIN_BYTES = 16 * 1024 * 1024;

/** Checks a tarball against the manifest's sha256 (manifests without object ids are verified this way). */
async function checkTarballSha(file: string, manifest: SourceManifest, where: string): Promise<void> {
  const sha = await sha256Of(file);
  if (sha === manifest.debian.origSha256) return;
  const size = (await stat(file)).size;
  const want = manifest.debian.origBytes;
  const truncated = want !== undefined && size < want ? ` (it is truncated: ${size} of ${want} bytes)` : ` (${size} bytes)`;
  throw new SourceIntegrityError({
    path: manifest.debian.origTarball,
    problem: `${where} has sha256 ${sha}${truncated}, but the manifest pins ${manifest.debian.origSha256}`,
    dir: file,
    expected: manifest.debian.origSha256,
    actual: sha,
  }, `Nothing was cached. Use the unmodified ${manifest.debian.origTarball}; otherwise the source is corrupt or has been tampered with.`);
}

function isComplete(dir: string, key: string): boolean {
  return readStamp(dir)?.key === key;
}

/**
 * Checks a complete cache entry before it is used: undefined if it is still what was verified,
 * else why not. Stats of every file are compared with the stamp; only a difference costs a hash.
 */
async function damageOf(dir: string, key: string, manifest: SourceManifest): Promise<string | undefined> {
  const stamp = readStamp(dir)!;
  const changed = firstStatChange(dir, stamp);
  if (changed === undefined) return undefined;
  if (manifest.objects) {
    try {
      await verifyTree(dir, manifest);
    } catch (e) {
      if (e instanceof SourceIntegrityError) return `${e.path}: ${e.problem}`;
      throw e;
    }
  }
  const id = entryTreeId(dir);
  if (id !== stamp.treeId) return `${changed.replace(/ \((changed|added|missing)\)$/, '')}: ${changed.endsWith('(changed)') ? 'changed' : changed.endsWith('(added)') ? 'added' : 'removed'} since it was verified (tree ${id}, verified ${stamp.treeId})`;
  writeStamp(dir, key, id); // the same content, touched: renew the stamp
  return undefined;
}

/** Parses a provider list (array or comma string); throws UnknownProviderError on an unknown name. */
export function parseProviders(list: readonly string[] | string, envPrefix?: string): ProviderName[] {
  const names = (typeof list === 'string' ? list.split(',') : [...list]).map((s) => s.trim()).filter((s) => s !== '');
  for (const n of names) if (!(PROVIDER_NAMES as readonly string[]).includes(n)) throw new UnknownProviderError(n, envPrefix);
  return [...new Set(names as ProviderName[])];
}

/** Removes temp dirs left behind by killed runs (older than a day, so running fetches are not disturbed). */
async function removeStaleTemps(cacheDir: string): Promise<void> {
  for (const name of await readdir(cacheDir).catch(() => [] as string[])) {
    if (!name.startsWith('.tmp-')) continue;
    const p = join(cacheDir, name);
    const st = await stat(p).catch(() => undefined);
    if (st && Date.now() - st.mtimeMs > STALE_TMP_MS) await rm(p, { recursive: true, force: true });
  }
}

/**
 * Returns the verified, cached wasi-libc base source tree, fetching it on a cache miss from the
 * first provider that works. Only a tree that passed verifyTree is ever moved into the cache.
 */
export async function fetchSource(opts: FetchSourceOptions = {}): Promise<SourceTree> {
  const env = opts.env ?? process.env;
  const manifest: SourceManifest = opts.manifest ?? loadManifest();
  const prefix = manifest.envPrefix ?? 'WASI_LIBC';
  const label = { name: manifest.name, envPrefix: prefix };
  const hint = providerHint(label);
  const localPath = opts.localPath ?? (env[`${prefix}_SOURCE`] || undefined);
  const url = opts.url ?? (env[`${prefix}_SOURCE_URL`] || manifest.upstream?.archiveUrl);
  let providers: ProviderName[];
  if (opts.providers) providers = parseProviders(opts.providers, prefix);
  else if (env[`${prefix}_PROVIDERS`]?.trim()) providers = parseProviders(env[`${prefix}_PROVIDERS`]!, prefix);
  else providers = localPath ? ['local', 'apt', 'url'] : ['apt', 'url'];
  if (providers.length === 0) {
    throw new SourceError(`no source provider given. ${hint}`);
  }
  const cacheDir = resolve(opts.cacheDir ?? join(cacheRoot(env), 'source'));
  const key = cacheKey(manifest);
  const finalDir = join(cacheDir, key);
  const progress = opts.onProgress ?? (() => {});
  const keep = keptPaths(manifest);
  const pinnedIds = manifest.objects !== undefined;
  // What the pinned tree is, for messages: "wasi-libc commit 9886d3d", "llvm-toolchain-22 1:22.1.8-1~deb13u5".
  const what = manifest.upstream?.commit
    ? `${manifest.name} ${manifest.upstream.commit.slice(0, 7)}`
    : `${manifest.debian.package} ${manifest.debian.version}`;

  const NO_SPACE_FIX = `The ${what} source does not fit there: free some space, or point WASI_SYSROOTS_CACHE at a disk with room.`;

  if (isComplete(finalDir, key)) {
    const damage = await damageOf(finalDir, key, manifest);
    if (damage === undefined) {
      progress({ provider: 'cache', phase: 'hit', dir: finalDir });
      return { dir: finalDir, provider: 'cache', key };
    }
    const message = `the cached ${what} source in ${finalDir} is damaged (${damage}); fetching it again.`;
    if (opts.onProgress) progress({ provider: 'cache', phase: 'damaged', dir: finalDir, message });
    else process.stderr.write(`warning: ${message}\n`);
    await rm(finalDir, { recursive: true, force: true });
  }

  await mkdir(cacheDir, { recursive: true }).catch((e: unknown) => {
    throw noSpaceError(e, cacheDir, NO_SPACE_FIX) ?? e;
  });
  await removeStaleTemps(cacheDir);
  const failures: ProviderFailure[] = [];

  for (const provider of providers) {
    const tmp = await mkdtemp(join(cacheDir, '.tmp-')).catch((e: unknown) => {
      throw noSpaceError(e, cacheDir, NO_SPACE_FIX) ?? e;
    });
    const tree = join(tmp, 'tree');
    const extract = async (file: string) => {
      progress({ provider, phase: 'extract' });
      let shown = 0;
      await extractArchive(file, tree, {
        ...(keep ? { keep } : {}),
        onProgress: (bytes, total) => {
          // Every 10% (the xz stream of a large tarball takes a minute).
          if (total < EXTRACT_PROGRESS_MIN_BYTES) return;
          if (bytes === total || bytes - shown >= total / 10) {
            shown = bytes;
            progress({ provider, phase: 'extract', bytes, total });
          }
        },
      });
    };
    try {
      let fix: string;
      if (provider === 'local') {
        if (!localPath) {
          throw new LocalSourceError(
            `the local provider has no path: set ${prefix}_SOURCE (or --local) to a ${what} directory or tarball, or drop "local" from ${prefix}_PROVIDERS.`,
          );
        }
        const src = resolve(localPath);
        progress({ provider, phase: 'start', from: src });
        const st = await stat(src).catch(() => undefined);
        if (!st) {
          throw new LocalSourceError(
            `the local source ${localPath} does not exist. Point ${prefix}_SOURCE (or --local) at a ${what} source tree or tarball, or unset it.`,
          );
        }
        if (st.isDirectory()) {
          if (!pinnedIds || !manifest.objects) {
            throw new LocalSourceError(
              `the local source ${localPath} is a directory, but ${manifest.name} is pinned only by its tarball's sha256: ` +
                `point ${prefix}_SOURCE at ${manifest.debian.origTarball} itself.`,
            );
          }
          await copyTree(src, tree, manifest.objects);
        } else {
          if (!pinnedIds) await checkTarballSha(src, manifest, src);
          await extract(src);
        }
        fix =
          `Nothing was cached. Check ${prefix}_SOURCE (${src}): it must hold the unmodified ${what} tree; ` +
          `otherwise the source is corrupt or has been tampered with.`;
      } else if (provider === 'apt') {
        progress({ provider, phase: 'start', from: `${manifest.debian.package}=${manifest.debian.version}` });
        const orig = await aptDownloadOrig(manifest, {
          workDir: join(tmp, 'apt'),
          hint,
          ...(opts.aptConfig ? { aptConfig: opts.aptConfig } : {}),
          onMessage: (message) => progress({ provider, phase: 'message', message }),
        });
        await extract(orig);
        fix =
          `Nothing was cached. The Debian source package (whose sha256 matched the manifest) does not hold the pinned tree: ` +
          `check manifest.objects against manifest.debian, or the source is corrupt or has been tampered with.`;
      } else {
        if (!url) {
          throw new SourceError(`the url provider has no URL for ${manifest.name}: set ${prefix}_SOURCE_URL, or drop "url" from ${prefix}_PROVIDERS.`);
        }
        progress({ provider, phase: 'start', from: url });
        const file = join(tmp, 'download.archive');
        await download(url, file, {
          connectTimeoutMs: opts.connectTimeoutMs ?? 5000,
          retries: opts.retries ?? 3,
          hint,
          onProgress: (bytes, total) => progress(total === undefined ? { provider, phase: 'download', bytes } : { provider, phase: 'download', bytes, total }),
          onRetry: (message) => progress({ provider, phase: 'message', message }),
        });
        if (!pinnedIds) await checkTarballSha(file, manifest, `the archive at ${url}`);
        await extract(file);
        fix =
          `Nothing was cached. The archive at ${url} is not the unmodified ${what}: ` +
          `check ${prefix}_SOURCE_URL, otherwise it is corrupt or has been tampered with.`;
      }
      if (pinnedIds) {
        progress({ provider, phase: 'verify' });
        await verifyTree(tree, manifest, { fix });
      }
      writeStamp(tree, key);
      const winner = await moveIntoPlace(tree, finalDir, key);
      if (winner === 'other') {
        progress({ provider: 'cache', phase: 'hit', dir: finalDir });
        return { dir: finalDir, provider: 'cache', key };
      }
      progress({ provider, phase: 'done', dir: finalDir });
      return { dir: finalDir, provider, key };
    } catch (e) {
      // A full disk fails every provider the same way: say so at once (the temp dir goes below).
      const noSpace = noSpaceError(e, cacheDir, NO_SPACE_FIX);
      if (noSpace) throw noSpace;
      const error = e instanceof Error ? e : new Error(String(e));
      failures.push({ provider, error });
      const next = providers[providers.indexOf(provider) + 1];
      const message = `${provider} provider failed: ${error.message}`;
      progress(next ? { provider, phase: 'failed', error, message: `${message} — trying ${next}`, next } : { provider, phase: 'failed', error, message });
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  if (failures.length === 1) throw failures[0]!.error;
  throw new SourceFetchError(failures, label);
}

/** Renames the verified tree into place; 'other' if a concurrent fetch got there first. */
async function moveIntoPlace(tree: string, finalDir: string, key: string): Promise<'ours' | 'other'> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(tree, finalDir);
      return 'ours';
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM' && code !== 'EACCES') throw e;
      if (isComplete(finalDir, key)) return 'other';
      if (attempt > 0 || !existsSync(finalDir)) throw e;
      // An incomplete directory (not written by us: we only ever rename complete trees). Replace it.
      await rm(finalDir, { recursive: true, force: true });
    }
  }
}
