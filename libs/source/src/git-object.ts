// Git object ids of files and directories, computed the way git computes them, so that a
// source tree can be checked against the ids of the pinned upstream commit without git.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';

export type GitMode = '100644' | '100755' | '120000' | '40000';

/** One entry of a hashed tree: a blob (file or symlink) or a tree (directory) with its entries. */
export interface GitNode {
  name: string;
  mode: GitMode;
  id: string;
  /** Present for trees: entries in git order. */
  entries?: GitNode[];
}

function sha1Object(type: 'blob' | 'tree', body: Buffer): string {
  const hash = createHash('sha1');
  hash.update(`${type} ${body.length}\0`);
  hash.update(body);
  return hash.digest('hex');
}

export function blobId(content: Buffer | string): string {
  return sha1Object('blob', typeof content === 'string' ? Buffer.from(content) : content);
}

/** Git's sort key: a tree sorts as if its name ended with '/'. Compared bytewise. */
function sortKey(node: { name: string; mode: GitMode }): Buffer {
  return Buffer.from(node.mode === '40000' ? `${node.name}/` : node.name);
}

export function compareGitEntries(a: { name: string; mode: GitMode }, b: { name: string; mode: GitMode }): number {
  return Buffer.compare(sortKey(a), sortKey(b));
}

/** The id of a tree with these entries (they are sorted here). */
export function treeId(entries: readonly GitNode[]): string {
  const sorted = [...entries].sort(compareGitEntries);
  const parts: Buffer[] = [];
  for (const e of sorted) {
    parts.push(Buffer.from(`${e.mode} ${e.name}\0`), Buffer.from(e.id, 'hex'));
  }
  return sha1Object('tree', Buffer.concat(parts));
}

function fileMode(st: Stats): GitMode {
  return st.mode & 0o100 ? '100755' : '100644';
}

/**
 * Hashes a path into a GitNode (recursively for directories). Like git, empty directories
 * are left out of their parent (returns undefined for them), and only the user-exec bit of
 * a file's mode counts. Other file types (sockets, devices, FIFOs) are an error.
 */
export function hashPath(path: string, name = ''): GitNode | undefined {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) {
    return { name, mode: '120000', id: blobId(Buffer.from(readlinkSync(path, { encoding: 'buffer' }))) };
  }
  if (st.isFile()) {
    return { name, mode: fileMode(st), id: blobId(readFileSync(path)) };
  }
  if (st.isDirectory()) {
    const entries: GitNode[] = [];
    for (const child of readdirSync(path)) {
      const node = hashPath(join(path, child), child);
      if (node) entries.push(node);
    }
    if (entries.length === 0) return undefined;
    entries.sort(compareGitEntries);
    return { name, mode: '40000', id: treeId(entries), entries };
  }
  throw new Error(`${path}: not a regular file, directory or symbolic link; git cannot hash it`);
}

/**
 * The git object id of a file (blob), symlink (blob of its target) or directory (tree),
 * exactly as `git hash-object` / `git write-tree` would compute it for the same content.
 * An empty directory has git's empty tree id.
 */
export async function gitObjectId(path: string): Promise<string> {
  const node = hashPath(path);
  return node ? node.id : treeId([]);
}

// ---------------------------------------------------------------------------------------------
// Listings: the full list of blobs of a tree, in `git ls-tree -r` format ("<mode> blob <id>\t<path>").
// The checked-in listing of the pinned tree lets verification name the exact file that differs;
// it is itself authenticated by recomputing the pinned tree ids from it.

/** Flattens a node into listing lines under `prefix`. */
export function listingLines(node: GitNode, prefix: string): string[] {
  if (!node.entries) return [`${node.mode} blob ${node.id}\t${prefix}`];
  return node.entries.flatMap((e) => listingLines(e, `${prefix}/${e.name}`));
}

/** Parses listing text into a root tree node (ids of trees recomputed from their blobs). */
export function parseListing(text: string): GitNode {
  interface Dir {
    dirs: Map<string, Dir>;
    blobs: GitNode[];
  }
  const root: Dir = { dirs: new Map(), blobs: [] };
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(100644|100755|120000) (?:blob )?([0-9a-f]{40})\t(.+)$/.exec(line);
    if (!m) throw new Error(`bad listing line: ${JSON.stringify(line)}`);
    const parts = m[3]!.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.dirs.get(part);
      if (!next) dir.dirs.set(part, (next = { dirs: new Map(), blobs: [] }));
      dir = next;
    }
    dir.blobs.push({ name: parts[parts.length - 1]!, mode: m[1] as GitMode, id: m[2]! });
  }
  const build = (dir: Dir, name: string): GitNode => {
    const entries = [...dir.blobs, ...[...dir.dirs].map(([n, d]) => build(d, n))].sort(compareGitEntries);
    return { name, mode: '40000', id: treeId(entries), entries };
  };
  return build(root, '');
}

/** Looks up a '/'-separated path in a tree node. */
export function findNode(root: GitNode, path: string): GitNode | undefined {
  let node: GitNode | undefined = root;
  for (const part of path.split('/')) {
    node = node?.entries?.find((e) => e.name === part);
    if (!node) return undefined;
  }
  return node;
}
