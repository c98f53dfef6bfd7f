// Verification of a source tree against the manifest's pinned git object ids.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceManifest } from '@wasi-sysroots/recipe';
import { SourceIntegrityError, type IntegrityDetail } from './errors.ts';
import { compareGitEntries, findNode, hashPath, listingLines, parseListing, type GitMode, type GitNode } from './git-object.ts';

/** The checked-in listing of every blob of the pinned tree (see `cli.ts --write-listing`). */
export const PINNED_LISTING_PATH = join(dirname(fileURLToPath(import.meta.url)), 'pinned-tree.txt');

export interface VerifyOptions {
  /** Listing text of the pinned tree; default: the checked-in PINNED_LISTING_PATH. */
  listing?: string;
  /** Replaces the default "how to fix" sentence of the error. */
  fix?: string;
}

const kind = (mode: GitMode): string =>
  mode === '40000' ? 'a directory' : mode === '120000' ? 'a symbolic link' : 'a file';

/** Top-level manifest paths in git order (deterministic "first differing path"). */
function pinnedPaths(manifest: SourceManifest): string[] {
  return Object.keys(manifest.objects ?? {}).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

let listingCache: { text: string; root: GitNode } | undefined;
function loadListing(text: string | undefined, file: string): GitNode | undefined {
  if (text === undefined) {
    if (!existsSync(file)) return undefined;
    text = readFileSync(file, 'utf8');
  }
  if (listingCache?.text !== text) listingCache = { text, root: parseListing(text) };
  return listingCache.root;
}

/**
 * Compares an actual tree with the expected one, entry by entry in git order, and returns
 * the first difference (descending into differing subtrees), or undefined if none is found.
 */
function firstDifference(expected: GitNode, actual: GitNode, path: string): Omit<IntegrityDetail, 'dir'> | undefined {
  const exp = new Map((expected.entries ?? []).map((e) => [e.name, e]));
  const act = new Map((actual.entries ?? []).map((e) => [e.name, e]));
  const names = [...new Set([...exp.keys(), ...act.keys()])]
    .map((name) => (exp.get(name) ?? act.get(name))!)
    .sort(compareGitEntries)
    .map((n) => n.name);
  for (const name of names) {
    const e = exp.get(name);
    const a = act.get(name);
    const p = `${path}/${name}`;
    if (!a) {
      return { path: p, problem: `missing: the pinned upstream has ${kind(e!.mode)} here (expected ${e!.mode === '40000' ? 'tree' : 'blob'} ${e!.id})`, expected: e!.id };
    }
    if (!e) {
      return { path: p, problem: `${kind(a.mode)} that is not part of the pinned upstream (extra; got ${a.mode === '40000' ? 'tree' : 'blob'} ${a.id})`, actual: a.id };
    }
    if (e.id === a.id && e.mode === a.mode) continue;
    if (e.mode === '40000' && a.mode === '40000') {
      const inner = firstDifference(e, a, p);
      if (inner) return inner;
      return { path: p, problem: `directory differs from the pinned upstream (expected tree ${e.id}, got ${a.id})`, expected: e.id, actual: a.id };
    }
    if ((e.mode === '40000') !== (a.mode === '40000') || (e.mode === '120000') !== (a.mode === '120000')) {
      return { path: p, problem: `is ${kind(a.mode)} but the pinned upstream has ${kind(e.mode)} here`, expected: e.id, actual: a.id };
    }
    if (e.id === a.id) {
      return {
        path: p,
        problem: `file mode differs from the pinned upstream (expected ${e.mode}, got ${a.mode}; only the owner-execute bit counts)`,
        expected: e.mode,
        actual: a.mode,
      };
    }
    return { path: p, problem: `content differs from the pinned upstream (expected blob ${e.id}, got ${a.id})`, expected: e.id, actual: a.id };
  }
  return undefined;
}

/**
 * Checks that every top-level path of `manifest.objects` under `dir` hashes to its pinned git
 * object id. Throws SourceIntegrityError naming the FIRST path that differs: for a differing
 * directory it descends (using the checked-in listing of the pinned tree, itself checked against
 * the manifest ids) down to the exact file that differs, is missing or is extra.
 * Paths outside `manifest.objects` (e.g. tools/, debian/) are not checked.
 */
export async function verifyTree(dir: string, manifest: SourceManifest, options: VerifyOptions = {}): Promise<void> {
  const fail = (d: Omit<IntegrityDetail, 'dir'>) => new SourceIntegrityError({ ...d, dir }, options.fix);
  for (const path of pinnedPaths(manifest)) {
    const pin = manifest.objects![path]!;
    const full = join(dir, ...path.split('/'));
    let isDir: boolean;
    try {
      const st = lstatSync(full);
      isDir = st.isDirectory();
    } catch {
      throw fail({ path, problem: `missing: the pinned upstream has ${pin.type === 'tree' ? 'a directory' : 'a file'} here (expected ${pin.type} ${pin.id})`, expected: pin.id });
    }
    if (isDir !== (pin.type === 'tree')) {
      throw fail({ path, problem: `is ${isDir ? 'a directory' : 'a file'} but the pinned upstream has ${pin.type === 'tree' ? 'a directory' : 'a file'} here`, expected: pin.id });
    }
    const node = hashPath(full, path.split('/').pop()!) ?? { name: path, mode: '40000' as const, id: '4b825dc642cb6eb9a060e54bf8d69288fbee4904', entries: [] };
    if (node.id === pin.id) continue;
    if (pin.type === 'blob') {
      throw fail({ path, problem: `content differs from the pinned upstream (expected blob ${pin.id}, got ${node.id})`, expected: pin.id, actual: node.id });
    }
    // A differing tree: find the exact path with the listing of the pinned tree.
    const listingFile = manifest.listing ?? PINNED_LISTING_PATH;
    const listing = loadListing(options.listing, listingFile);
    const expected = listing && findNode(listing, path);
    if (expected && expected.id === pin.id) {
      const diff = firstDifference(expected, node, path);
      if (diff) throw fail(diff);
    }
    throw fail({
      path,
      problem:
        `directory differs from the pinned upstream (expected tree ${pin.id}, got ${node.id}); the checked-in listing ` +
        `${listingFile} does not describe this pin, so the exact file cannot be named (regenerate it with ` +
        `\`tsx libs/source/src/cli.ts --write-listing\` from a verified tree)`,
      expected: pin.id,
      actual: node.id,
    });
  }
}

/**
 * The listing text ("<mode> <id>\t<path>" per blob) of the manifest's tree paths under `dir`.
 * Only write it from a tree that verifyTree accepted.
 */
export function makeListing(dir: string, manifest: SourceManifest): string {
  const lines: string[] = [];
  for (const path of pinnedPaths(manifest)) {
    if (manifest.objects![path]!.type !== 'tree') continue;
    const node = hashPath(join(dir, ...path.split('/')), path);
    if (node) lines.push(...listingLines(node, path));
  }
  return (
    `# Every blob of the pinned ${manifest.name} tree paths, in \`git ls-tree -r\` format. Generated by\n` +
    `# \`tsx libs/source/src/cli.ts --write-listing\` from a verified tree; verifyTree checks it against\n` +
    `# the manifest's tree ids before using it to name the exact file that differs.\n` +
    lines.join('\n') +
    '\n'
  );
}
