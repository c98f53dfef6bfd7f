// The component cache of `wasi-cc run`: what jco makes of a component (component.js and its core
// modules), kept by content in cacheDir()/components/<key>. component.js runs with every right
// Node has, outside the WASI sandbox, so an entry is trusted only after checking it: each entry
// holds entry.json with the sha256 of each of its files, every file is hashed on each load, and
// only the bytes that were checked are used (the JavaScript is imported from those bytes, not from
// the file). A damaged entry (an edited file, a truncated one, one missing or added) is rebuilt,
// with a one-line warning. Entries are written under a temporary name and renamed into place; a
// full disk or a read-only cache only costs the caching, with a one-line warning.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCode, InvalidWasmError, noSpaceMessage } from '../errors.js';
import { dependencyVersion } from '../version.js';

/** The cache root: WASI_CC_CACHE, else $XDG_CACHE_HOME/wasi-cc, else ~/.cache/wasi-cc. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WASI_CC_CACHE) return env.WASI_CC_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir() || tmpdir(), '.cache'), 'wasi-cc');
}

/** Part of the cache key: changes whenever the layout of an entry changes. */
const ENTRY_LAYOUT = 'checked-entry-1';
/** The entry's own record of its files. */
const MANIFEST = 'entry.json';
/** The bindings' entry point. */
const BINDINGS = 'component.js';

interface Manifest {
  key: string;
  /** file name -> sha256 (hex) */
  files: Record<string, string>;
}

/** A transpiled component, from bytes that were checked. */
export interface TranspiledComponent {
  /** The cache entry it was loaded from or saved to; undefined when it could not be saved. */
  dir: string | undefined;
  /** The bindings' JavaScript (component.js). */
  js: string;
  /** Core modules by file name. */
  coreModules: ReadonlyMap<string, Uint8Array>;
}

export interface CacheOptions {
  /** Makes the files of an entry (component.js and its core modules) from the component's bytes. */
  transpile: (bytes: Uint8Array) => Promise<Map<string, Uint8Array>>;
  /** Part of the key: changes whenever what transpile makes changes for the same component. */
  version: string;
  env?: NodeJS.ProcessEnv;
  /** Where one-line warnings go (default: stderr). */
  warn?: (line: string) => void;
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The cache key of a component: its bytes, the transpiler's version and `version` (our fixes to its output). */
export function componentKey(bytes: Uint8Array, version: string): string {
  return createHash('sha256')
    .update(bytes)
    .update(`jco-transpile ${dependencyVersion('@bytecodealliance/jco-transpile')} ${version} ${ENTRY_LAYOUT}`)
    .digest('hex')
    .slice(0, 32);
}

type EntryCheck = { ok: true; files: Map<string, Uint8Array> } | { ok: false; problem: string } | undefined;

/** Reads an entry and checks every file of it: undefined when there is none. */
function readEntry(dir: string, key: string): EntryCheck {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    return { ok: false, problem: `it cannot be read (${errorCode(err) ?? String(err)})` };
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return { ok: false, problem: `its ${MANIFEST} is missing or unreadable` };
  }
  if (manifest.key !== key || typeof manifest.files !== 'object' || manifest.files === null) {
    return { ok: false, problem: `its ${MANIFEST} does not describe this component` };
  }
  const listed = Object.keys(manifest.files);
  const extra = names.filter((n) => n !== MANIFEST && !listed.includes(n));
  if (extra.length) return { ok: false, problem: `${extra.join(', ')} should not be there` };
  if (!listed.includes(BINDINGS)) return { ok: false, problem: `its ${MANIFEST} lists no ${BINDINGS}` };
  const files = new Map<string, Uint8Array>();
  for (const name of listed) {
    if (name.includes('/') || name.startsWith('.')) return { ok: false, problem: `its ${MANIFEST} names the file "${name}"` };
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(dir, name));
    } catch {
      return { ok: false, problem: `${name} is missing` };
    }
    if (sha256(bytes) !== manifest.files[name]) return { ok: false, problem: `${name} differs from what was cached` };
    files.set(name, bytes);
  }
  return { ok: true, files };
}

function fromFiles(dir: string | undefined, files: ReadonlyMap<string, Uint8Array>): TranspiledComponent {
  const coreModules = new Map<string, Uint8Array>();
  for (const [name, bytes] of files) if (name !== BINDINGS) coreModules.set(name, bytes);
  return { dir, js: new TextDecoder().decode(files.get(BINDINGS)), coreModules };
}

/** Writes an entry under a temporary name and renames it into place; false when it could not be. */
function saveEntry(root: string, dir: string, key: string, files: ReadonlyMap<string, Uint8Array>, warn: (line: string) => void): boolean {
  const tmp = join(root, `.${key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(tmp, { recursive: true });
    const manifest: Manifest = { key, files: {} };
    for (const [name, bytes] of files) {
      writeFileSync(join(tmp, name), bytes);
      manifest.files[name] = sha256(bytes);
    }
    writeFileSync(join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    try {
      renameSync(tmp, dir);
    } catch (err) {
      // Another run put the same content there first: keep the one in place if it checks out.
      if (readEntry(dir, key)?.ok) return true;
      throw err;
    }
    return true;
  } catch (err) {
    const code = errorCode(err);
    warn(
      code === 'ENOSPC'
        ? `wasi-cc: warning: ${noSpaceMessage(root)}: the transpiled component is not cached`
        : `wasi-cc: warning: cannot write the component cache ${root} (${code ?? String(err)}): the transpiled component is not cached`,
    );
    return false;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Moves a damaged entry out of the way and removes it. */
function discardEntry(root: string, dir: string, key: string): void {
  const aside = join(root, `.${key}.${process.pid}.${randomBytes(4).toString('hex')}.bad`);
  try {
    renameSync(dir, aside);
  } catch {
    return; // gone already (another run rebuilt it), or not ours to remove: saveEntry will say
  }
  rmSync(aside, { recursive: true, force: true });
}

/** The transpiled component for `bytes`: from the cache when its entry checks out, else made (and cached). */
export async function transpiledComponent(bytes: Uint8Array, options: CacheOptions): Promise<TranspiledComponent> {
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = join(cacheDir(options.env), 'components');
  const key = componentKey(bytes, options.version);
  const dir = join(root, key);
  const cached = readEntry(dir, key);
  if (cached?.ok) return fromFiles(dir, cached.files);
  if (cached) {
    warn(`wasi-cc: warning: the cached component ${dir} is damaged (${cached.problem}); rebuilding it`);
    discardEntry(root, dir, key);
  }
  let files: Map<string, Uint8Array>;
  try {
    files = await options.transpile(bytes);
  } catch (err) {
    // (jco's messages carry a stray "$" at the start of a cause line)
    throw new InvalidWasmError((err instanceof Error ? err.message : String(err)).replace(/\n\$/g, '\n').trim(), { cause: err });
  }
  if (!files.has(BINDINGS)) throw new Error(`jco-transpile made no ${BINDINGS}`);
  return fromFiles(saveEntry(root, dir, key, files, warn) ? dir : undefined, files);
}

/** A URL to import the bindings from: their checked bytes themselves, never the file. */
export function bindingsUrl(component: TranspiledComponent): string {
  return `data:text/javascript;base64,${Buffer.from(component.js).toString('base64')}`;
}
