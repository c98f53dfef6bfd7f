// tsx libs/source/src/cli.ts [--manifest PATH] [--provider apt,url,local] [--local PATH] [--url URL] [--cache-dir DIR] [--write-listing]
// Fetches (or finds in the cache) a verified source tree (default: the wasi-libc base); progress on stderr, the tree's directory on stdout.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadManifest, loadSourceManifest, type SourceManifest } from '@wasi-sysroots/recipe';
import { fetchSource, parseProviders, type FetchSourceOptions, type ProgressEvent } from './fetch.ts';
import { makeListing, PINNED_LISTING_PATH } from './verify.ts';

const USAGE = `usage: tsx libs/source/src/cli.ts [options]
  --manifest PATH   the source manifest (default: sysroots/source-manifest.json, the wasi-libc base; <P> below is its envPrefix, WASI_LIBC)
  --provider LIST   providers to try in order, comma-separated: local,apt,url (default: <P>_PROVIDERS, else local if set, apt, url)
  --local PATH      a source directory or .tar/.tar.gz/.tar.xz (default: <P>_SOURCE)
  --url URL         archive URL for the url provider (default: <P>_SOURCE_URL, else the manifest's upstream archive)
  --cache-dir DIR   cache directory (default: <cache root>/source)
  --write-listing   after fetching, rewrite the manifest's listing (default ${PINNED_LISTING_PATH}) from the verified tree
Prints the verified source directory on stdout.`;

function mib(n: number): string {
  return `${(n / 1048576).toFixed(2)} MiB`;
}

function progressPrinter(): (e: ProgressEvent) => void {
  const tty = process.stderr.isTTY;
  let lastPrinted = -1;
  let inLine = false;
  const line = (text: string) => {
    if (inLine) process.stderr.write('\n');
    inLine = false;
    process.stderr.write(`source: ${text}\n`);
  };
  return (e) => {
    switch (e.phase) {
      case 'hit':
        return line(`cached: ${e.dir}`);
      case 'start':
        return line(`${e.provider}: fetching ${e.from}`);
      case 'download': {
        const text = `${e.provider}: downloaded ${mib(e.bytes)}${e.total !== undefined ? ` of ${mib(e.total)}` : ''}`;
        const done = e.total !== undefined && e.bytes >= e.total;
        if (tty) {
          process.stderr.write(`\rsource: ${text}`);
          inLine = true;
          if (done) line('');
        } else if (done || e.bytes - lastPrinted >= 1048576 || lastPrinted < 0) {
          lastPrinted = e.bytes;
          line(text);
        }
        return;
      }
      case 'extract':
        if (e.bytes !== undefined && e.total) return line(`${e.provider}: extracting: read ${mib(e.bytes)} of ${mib(e.total)}`);
        return line(`${e.provider}: extracting`);
      case 'verify':
        return line(`${e.provider}: verifying against the pinned git object ids`);
      case 'message':
        return line(`${e.provider}: ${e.message}`);
      case 'failed':
        // The last failure is printed as the final error instead.
        return e.next ? line(e.message) : undefined;
      case 'done':
        return line(`${e.provider}: verified and cached`);
    }
  };
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        manifest: { type: 'string' },
        provider: { type: 'string' },
        local: { type: 'string' },
        url: { type: 'string' },
        'cache-dir': { type: 'string' },
        'write-listing': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const manifest: SourceManifest = values.manifest !== undefined ? loadSourceManifest(values.manifest) : loadManifest();
  const opts: FetchSourceOptions = { manifest, onProgress: progressPrinter() };
  if (values.provider !== undefined) opts.providers = parseProviders(values.provider, manifest.envPrefix);
  if (values.local !== undefined) opts.localPath = values.local;
  if (values.url !== undefined) opts.url = values.url;
  if (values['cache-dir'] !== undefined) opts.cacheDir = values['cache-dir'];
  const tree = await fetchSource(opts);
  if (values['write-listing']) {
    const listing = manifest.listing ?? PINNED_LISTING_PATH;
    writeFileSync(listing, makeListing(tree.dir, manifest));
    process.stderr.write(`source: wrote ${listing}\n`);
  }
  process.stdout.write(`${tree.dir}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`source: error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
