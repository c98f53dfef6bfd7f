// fetchSource: get the pinned wasi-libc tree from the first provider that works, verify it
// against the manifest's git object ids, and cache it content-addressed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { cacheRoot, loadManifest, type SourceManifest } from '@wasi-sysroots/recipe';
import { aptDownloadOrig, type AptConfigPaths } from './apt.ts';
import { extractArchive } from './archive.ts';
import {
  LocalSourceError,
  PROVIDER_HINT,
  PROVIDER_NAMES,
  SourceError,
  SourceFetchError,
  UnknownProviderError,
  type ProviderFailure,
  type ProviderName,
} from './errors.ts';
import { copyTree } from './local.ts';
import { download } from './url.ts';
import { verifyTree } from './verify.ts';

export type ProgressEvent =
  | { provider: 'cache'; phase: 'hit'; dir: string }
  | { provider: ProviderName; phase: 'start'; from: string }
  | { provider: ProviderName; phase: 'download'; bytes: number; total?: number }
  | { provider: ProviderName; phase: 'extract' | 'verify' }
  | { provider: ProviderName; phase: 'message'; message: string }
  /** This provider failed; the next one (if any) is tried. */
  | { provider: ProviderName; phase: 'failed'; error: Error; message: string; next?: ProviderName }
  | { provider: ProviderName; phase: 'done'; dir: string };

export interface FetchSourceOptions {
  /** Default: loadManifest() from @wasi-sysroots/recipe. */
  manifest?: SourceManifest;
  /** Providers to try, in order. Default: env WASI_LIBC_PROVIDERS (comma list), else local (only if a local path is configured), apt, url. */
  providers?: ProviderName[];
  /** A wasi-libc directory or a .tar/.tar.gz/.tar.xz of it. Default: env WASI_LIBC_SOURCE. */
  localPath?: string;
  /** Archive URL. Default: env WASI_LIBC_SOURCE_URL, else manifest.upstream.archiveUrl. */
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
  /** Environment to read the WASI_LIBC_* defaults from. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface SourceTree {
  /** The verified tree root (Makefile, libc-top-half/, ... directly inside). Treat it as read-only. */
  dir: string;
  provider: ProviderName | 'cache';
  /** The content address: first 16 hex chars of sha256 of the canonical JSON of manifest.objects. */
  key: string;
}

const MARKER = '.verified';
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

/** The cache key of a manifest: depends only on the pinned object ids. */
export function cacheKey(manifest: SourceManifest): string {
  return createHash('sha256').update(canonicalJson(manifest.objects)).digest('hex').slice(0, 16);
}

function isComplete(dir: string, key: string): boolean {
  try {
    return readFileSync(join(dir, MARKER), 'utf8').trim() === key;
  } catch {
    return false;
  }
}

/** Parses a provider list (array or comma string); throws UnknownProviderError on an unknown name. */
export function parseProviders(list: readonly string[] | string): ProviderName[] {
  const names = (typeof list === 'string' ? list.split(',') : [...list]).map((s) => s.trim()).filter((s) => s !== '');
  for (const n of names) if (!(PROVIDER_NAMES as readonly string[]).includes(n)) throw new UnknownProviderError(n);
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
  const manifest = opts.manifest ?? loadManifest();
  const localPath = opts.localPath ?? (env.WASI_LIBC_SOURCE || undefined);
  const url = opts.url ?? (env.WASI_LIBC_SOURCE_URL || manifest.upstream.archiveUrl);
  let providers: ProviderName[];
  if (opts.providers) providers = parseProviders(opts.providers);
  else if (env.WASI_LIBC_PROVIDERS?.trim()) providers = parseProviders(env.WASI_LIBC_PROVIDERS);
  else providers = localPath ? ['local', 'apt', 'url'] : ['apt', 'url'];
  if (providers.length === 0) {
    throw new SourceError(`no source provider given. ${PROVIDER_HINT}`);
  }
  const cacheDir = resolve(opts.cacheDir ?? join(cacheRoot(env), 'source'));
  const key = cacheKey(manifest);
  const finalDir = join(cacheDir, key);
  const progress = opts.onProgress ?? (() => {});

  if (isComplete(finalDir, key)) {
    progress({ provider: 'cache', phase: 'hit', dir: finalDir });
    return { dir: finalDir, provider: 'cache', key };
  }

  await mkdir(cacheDir, { recursive: true });
  await removeStaleTemps(cacheDir);
  const failures: ProviderFailure[] = [];
  const commit = manifest.upstream.commit.slice(0, 7);

  for (const provider of providers) {
    const tmp = await mkdtemp(join(cacheDir, '.tmp-'));
    const tree = join(tmp, 'tree');
    try {
      let fix: string;
      if (provider === 'local') {
        if (!localPath) {
          throw new LocalSourceError(
            `the local provider has no path: set WASI_LIBC_SOURCE (or --local) to a wasi-libc ${commit} directory or tarball, or drop "local" from WASI_LIBC_PROVIDERS.`,
          );
        }
        const src = resolve(localPath);
        progress({ provider, phase: 'start', from: src });
        const st = await stat(src).catch(() => undefined);
        if (!st) {
          throw new LocalSourceError(
            `the local source ${localPath} does not exist. Point WASI_LIBC_SOURCE (or --local) at a wasi-libc ${commit} checkout or tarball, or unset it.`,
          );
        }
        if (st.isDirectory()) {
          await copyTree(src, tree, manifest);
        } else {
          progress({ provider, phase: 'extract' });
          await extractArchive(src, tree);
        }
        fix =
          `Nothing was cached. Check WASI_LIBC_SOURCE (${src}): it must hold the unmodified wasi-libc tree at commit ` +
          `${manifest.upstream.commit}; otherwise the source is corrupt or has been tampered with.`;
      } else if (provider === 'apt') {
        progress({ provider, phase: 'start', from: `${manifest.debian.package}=${manifest.debian.version}` });
        const orig = await aptDownloadOrig(manifest, {
          workDir: join(tmp, 'apt'),
          ...(opts.aptConfig ? { aptConfig: opts.aptConfig } : {}),
          onMessage: (message) => progress({ provider, phase: 'message', message }),
        });
        progress({ provider, phase: 'extract' });
        await extractArchive(orig, tree);
        fix =
          `Nothing was cached. The Debian source package (whose sha256 matched the manifest) does not hold the pinned tree: ` +
          `check manifest.objects against manifest.debian, or the source is corrupt or has been tampered with.`;
      } else {
        progress({ provider, phase: 'start', from: url });
        const file = join(tmp, 'download.archive');
        await download(url, file, {
          connectTimeoutMs: opts.connectTimeoutMs ?? 5000,
          retries: opts.retries ?? 3,
          onProgress: (bytes, total) => progress(total === undefined ? { provider, phase: 'download', bytes } : { provider, phase: 'download', bytes, total }),
          onRetry: (message) => progress({ provider, phase: 'message', message }),
        });
        progress({ provider, phase: 'extract' });
        await extractArchive(file, tree);
        fix =
          `Nothing was cached. The archive at ${url} is not the unmodified wasi-libc commit ${manifest.upstream.commit}: ` +
          `check WASI_LIBC_SOURCE_URL, otherwise it is corrupt or has been tampered with.`;
      }
      progress({ provider, phase: 'verify' });
      await verifyTree(tree, manifest, { fix });
      await writeFile(join(tree, MARKER), `${key}\n`);
      const winner = await moveIntoPlace(tree, finalDir, key);
      if (winner === 'other') {
        progress({ provider: 'cache', phase: 'hit', dir: finalDir });
        return { dir: finalDir, provider: 'cache', key };
      }
      progress({ provider, phase: 'done', dir: finalDir });
      return { dir: finalDir, provider, key };
    } catch (e) {
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
  throw new SourceFetchError(failures);
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
