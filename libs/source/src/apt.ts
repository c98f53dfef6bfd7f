// The 'apt' provider: downloads the Debian source package's orig tarball with apt-get, using a
// private apt configuration whose deb-src entries are derived from the machine's own deb entries.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceManifest } from '@wasi-sysroots/recipe';
import { AptError, MissingToolError, PROVIDER_HINT } from './errors.ts';

export interface AptConfigPaths {
  /** Default /etc/apt/sources.list. */
  sourcesList?: string;
  /** Default /etc/apt/sources.list.d. */
  sourceParts?: string;
}

export interface DerivedSources {
  /** deb822 text for a .sources file ('' if none). */
  deb822: string;
  /** one-line-format text for a .list file ('' if none). */
  list: string;
}

/** Parses deb822 text into stanzas of [field, value-with-continuations] pairs. Comments are dropped. */
function parseDeb822(text: string): Array<Array<[string, string]>> {
  const stanzas: Array<Array<[string, string]>> = [];
  let current: Array<[string, string]> = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      if (current.length) stanzas.push(current);
      current = [];
      continue;
    }
    if (line.startsWith('#')) continue;
    if (/^[ \t]/.test(line)) {
      const last = current[current.length - 1];
      if (last) last[1] += `\n${line}`;
      continue;
    }
    const m = /^([^:\s]+):\s*(.*)$/.exec(line);
    if (m) current.push([m[1]!, m[2]!]);
  }
  if (current.length) stanzas.push(current);
  return stanzas;
}

/**
 * Derives deb-src entries from the machine's apt sources: every enabled deb822 stanza in
 * sources.list.d/*.sources whose Types include deb (or deb-src) becomes a stanza with
 * `Types: deb-src`; every `deb` / `deb-src` line of sources.list and sources.list.d/*.list
 * becomes a `deb-src` line. Files with other suffixes (e.g. disabled ones) are ignored.
 */
export function deriveDebSrc(paths: AptConfigPaths = {}, suite?: string): DerivedSources {
  const sourcesList = paths.sourcesList ?? '/etc/apt/sources.list';
  const partsDir = paths.sourceParts ?? '/etc/apt/sources.list.d';
  const stanzas: string[] = [];
  const lines: string[] = [];
  const listFiles: string[] = existsSync(sourcesList) ? [sourcesList] : [];
  const partFiles = existsSync(partsDir) ? readdirSync(partsDir).sort() : [];
  for (const name of partFiles) {
    const file = join(partsDir, name);
    if (name.endsWith('.list')) listFiles.push(file);
    if (!name.endsWith('.sources')) continue;
    for (const stanza of parseDeb822(readFileSync(file, 'utf8'))) {
      const get = (f: string) => stanza.find(([k]) => k.toLowerCase() === f.toLowerCase())?.[1];
      const types = (get('Types') ?? '').split(/\s+/);
      if (!types.includes('deb') && !types.includes('deb-src')) continue;
      if (/^(no|false|0)$/i.test((get('Enabled') ?? 'yes').trim())) continue;
      if (suite !== undefined) {
        // Only the machine's release entries (a bare codename, not -updates/-security) serve another release.
        const suites = (get('Suites') ?? '').split(/\s+/);
        if (!suites.some((x) => x !== '' && !x.includes('-') && !x.includes('/'))) continue;
      }
      const out = stanza.map(([k, v]) =>
        k.toLowerCase() === 'types' ? `Types: deb-src` : suite !== undefined && k.toLowerCase() === 'suites' ? `${k}: ${suite}` : `${k}: ${v}`,
      );
      const text = out.join('\n');
      if (!stanzas.includes(text)) stanzas.push(text);
    }
  }
  for (const file of listFiles) {
    for (const raw of readFileSync(file, 'utf8').split('\n')) {
      const line = raw.trim();
      const m = /^deb(?:-src)?\s+(.*)$/.exec(line);
      if (!m) continue;
      let rest = m[1]!;
      if (suite !== undefined) {
        // deb [options] URI SUITE COMPONENT...: keep release entries only, with the wanted suite.
        const words = rest.split(/\s+/);
        let i = 0;
        if (words[0]?.startsWith('[')) while (i < words.length && !words[i]!.endsWith(']')) i++;
        const at = words[0]?.startsWith('[') ? i + 2 : 1;
        const s = words[at];
        if (s === undefined || s.includes('-') || s.includes('/')) continue;
        words[at] = suite;
        rest = words.join(' ');
      }
      const out = `deb-src ${rest}`;
      if (!lines.includes(out)) lines.push(out);
    }
  }
  return {
    deb822: stanzas.length ? stanzas.join('\n\n') + '\n' : '',
    list: lines.length ? lines.join('\n') + '\n' : '',
  };
}

interface RunResult {
  code: number;
  output: string;
}

function tail(text: string, lines = 15): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

function runApt(args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('apt-get', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new MissingToolError(
              'apt-get',
              `The apt provider needs a Debian or Ubuntu machine. ${PROVIDER_HINT}`,
            )
          : e,
      ),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface AptFetchOptions {
  /** Scratch directory (inside the cache's temp dir). */
  workDir: string;
  /** Appended to failures: how to pick another provider. */
  hint?: string;
  aptConfig?: AptConfigPaths;
  onMessage?: (message: string) => void;
}

export async function sha256Of(file: string): Promise<string> {
  return sha256File(file);
}

/** Downloads the orig tarball of manifest.debian with apt-get; returns its path after checking its sha256. */
export async function aptDownloadOrig(manifest: SourceManifest, opts: AptFetchOptions): Promise<string> {
  const { workDir } = opts;
  const suite = manifest.debian.suite;
  const hint = opts.hint !== undefined ? { hint: opts.hint } : {};
  const derived = deriveDebSrc(opts.aptConfig, suite);
  if (!derived.deb822 && !derived.list) {
    throw new AptError(
      `the apt provider found no deb entries${suite ? ' for a release suite' : ''} in /etc/apt/sources.list or /etc/apt/sources.list.d/*.sources to derive deb-src entries${suite ? ` for ${suite}` : ''} from.`,
      hint,
    );
  }
  const parts = join(workDir, 'parts');
  const lists = join(workDir, 'lists');
  const archives = join(workDir, 'archives');
  const download = join(workDir, 'download');
  for (const d of [parts, join(lists, 'partial'), join(archives, 'partial'), download]) await mkdir(d, { recursive: true });
  if (derived.deb822) await writeFile(join(parts, 'derived-deb-src.sources'), derived.deb822);
  if (derived.list) await writeFile(join(parts, 'derived-deb-src.list'), derived.list);

  const common = [
    '-q',
    '-o', 'Dir::Etc::SourceList=/dev/null',
    '-o', `Dir::Etc::SourceParts=${parts}`,
    '-o', `Dir::State::Lists=${lists}`,
    '-o', `Dir::Cache::Archives=${archives}`,
    // Keep apt's package caches out of /var/cache/apt: our private lists must not replace the system's.
    '-o', 'Dir::Cache::pkgcache=',
    '-o', 'Dir::Cache::srcpkgcache=',
    '-o', 'Debug::NoLocking=1',
  ];
  opts.onMessage?.(`apt-get update (deb-src entries derived from the machine apt sources${suite ? `, suite ${suite}` : ''})`);
  const update = await runApt([...common, 'update'], download);
  if (update.code !== 0) {
    throw new AptError(`apt-get update failed (exit code ${update.code}):\n${tail(update.output)}\n`, hint);
  }
  const spec = `${manifest.debian.package}=${manifest.debian.version}`;
  // --tar-only: we use the orig tarball alone (some suites serve it but answer 404 for the .dsc).
  opts.onMessage?.(`apt-get source --download-only --tar-only ${spec}`);
  const source = await runApt([...common, 'source', '--download-only', '--tar-only', spec], download);
  if (source.code !== 0) {
    const updateWarnings = update.output
      .split('\n')
      .filter((l) => /^(W|E|Err):?/.test(l.trim()) && !/unsandboxed as root/.test(l)) // that warning is harmless
      .slice(-5)
      .join('\n');
    throw new AptError(
      `apt-get source --download-only ${spec} failed (exit code ${source.code}):\n${tail(source.output)}\n` +
        (updateWarnings ? `apt-get update had reported:\n${updateWarnings}\n` : '') +
        `Check that the machine's apt sources can serve Debian source packages of that version (network, proxy, suite).`,
      hint,
    );
  }
  const orig = join(download, manifest.debian.origTarball);
  if (!existsSync(orig)) {
    throw new AptError(
      `apt-get source succeeded but ${manifest.debian.origTarball} is not among the downloaded files ` +
        `(${readdirSync(download).join(', ') || 'none'}); check manifest.debian.origTarball.`,
      hint,
    );
  }
  const sha = await sha256File(orig);
  if (sha !== manifest.debian.origSha256) {
    throw new AptError(
      `${manifest.debian.origTarball} has sha256 ${sha}, but the manifest pins ${manifest.debian.origSha256}: ` +
        `the download is corrupt or has been tampered with. Nothing was cached.`,
      hint,
    );
  }
  return orig;
}
