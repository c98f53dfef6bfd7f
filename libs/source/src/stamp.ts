// The stamp of a cache entry (its `.verified` file): the key it was verified for, the git tree id
// of the whole entry as it was then, and the size, mtime and ctime of every file in it. A cache hit
// is trusted only while every file still matches the stamp; when one does not (edited, touched,
// added or removed), the entry is hashed again: the same tree id renews the stamp, another one
// means the entry is damaged.
import { lstatSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareGitEntries, treeId, hashPath, type GitNode } from './git-object.ts';

export const STAMP = '.verified';

export interface Stamp {
  key: string;
  /** The git tree id of the entry (without the stamp). */
  treeId: string;
  /** path → [size, mtimeMs, ctimeMs] of every file and symlink. */
  files: Record<string, [number, number, number]>;
}

/** Size, mtime and ctime of every file under `dir` (the stamp left out). ctime cannot be set back. */
function fileStats(dir: string): Stamp['files'] {
  const files: Stamp['files'] = {};
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      if (rel === '' && name.startsWith(STAMP)) continue;
      const path = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(path);
      if (st.isDirectory()) walk(path, r);
      else files[r] = [st.size, st.mtimeMs, st.ctimeMs];
    }
  };
  walk(dir, '');
  return files;
}

/** The git tree id of the entry, without its stamp. */
export function entryTreeId(dir: string): string {
  const entries: GitNode[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith(STAMP)) continue;
    const node = hashPath(join(dir, name), name);
    if (node) entries.push(node);
  }
  return treeId(entries.sort(compareGitEntries));
}

export function readStamp(dir: string): Stamp | undefined {
  try {
    const s = JSON.parse(readFileSync(join(dir, STAMP), 'utf8')) as Stamp;
    return typeof s.key === 'string' && typeof s.treeId === 'string' && s.files ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the stamp of a verified entry (to a temporary name, renamed into place). */
export function writeStamp(dir: string, key: string, id: string = entryTreeId(dir)): Stamp {
  const stamp: Stamp = { key, treeId: id, files: fileStats(dir) };
  const tmp = join(dir, `${STAMP}.tmp-${process.pid}`);
  writeFileSync(tmp, JSON.stringify(stamp));
  renameSync(tmp, join(dir, STAMP));
  return stamp;
}

/** The first file that differs from the stamp ('changed', 'missing' or 'added'), or undefined. */
export function firstStatChange(dir: string, stamp: Stamp): string | undefined {
  const now = fileStats(dir);
  for (const [path, was] of Object.entries(stamp.files)) {
    const is = now[path];
    if (!is) return `${path} (missing)`;
    if (is[0] !== was[0] || is[1] !== was[1] || is[2] !== was[2]) return `${path} (changed)`;
  }
  for (const path of Object.keys(now)) if (!(path in stamp.files)) return `${path} (added)`;
  return undefined;
}
