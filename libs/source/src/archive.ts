// Safe extraction of a source tarball (.tar, .tar.gz, .tar.xz) into a fresh directory.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Unpack, type ReadEntry } from 'tar';
import { isNoSpace } from '@wasi-sysroots/recipe';
import { ArchiveFormatError, MissingToolError, SourceError, UnsafeArchiveError } from './errors.ts';

export type ArchiveFormat = 'tar' | 'tar.gz' | 'tar.xz' | 'tar.bz2';

/** Detects the archive format from its first bytes (not from its name). */
export async function detectArchiveFormat(file: string): Promise<ArchiveFormat> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await fh.read(head, 0, 512, 0);
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
    if (bytesRead >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'tar.xz';
    if (bytesRead >= 3 && head.subarray(0, 3).toString('latin1') === 'BZh') return 'tar.bz2';
    if (bytesRead >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
    throw new ArchiveFormatError(
      `${file} is not a .tar, .tar.gz, .tar.xz or .tar.bz2 archive (unrecognised first bytes ${head.subarray(0, 8).toString('hex')}). ` +
        `Point the provider at a tarball of the source tree.`,
    );
  } finally {
    await fh.close();
  }
}

/** Keeps only the owner-execute bit: files become 0644 or 0755, directories 0755. */
export function normalizedMode(mode: number | undefined, isDir: boolean): number {
  if (isDir) return 0o755;
  return (mode ?? 0) & 0o100 ? 0o755 : 0o644;
}

/** Applies normalizedMode to everything under `dir` (and `dir` itself). Symlinks are left alone. */
export async function normalizeModes(dir: string): Promise<void> {
  const st = await lstat(dir);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    await chmod(dir, 0o755);
    for (const name of await readdir(dir)) await normalizeModes(join(dir, name));
  } else {
    await chmod(dir, normalizedMode(st.mode, false));
  }
}

/** The path inside the archive's top-level folder ('' for the folder itself). */
function strippedPath(p: string): string {
  return p
    .split('/')
    .filter((x) => x !== '' && x !== '.')
    .slice(1)
    .join('/');
}

/** Why an archive path is unsafe, or undefined if it stays inside the extraction root. */
function unsafePath(p: string): string | undefined {
  const outside = 'it would be written outside the extraction directory';
  if (p.includes('\0')) return 'its path contains a NUL byte';
  if (p.startsWith('/') || p.startsWith('\\') || /^[a-zA-Z]:/.test(p) || isAbsolute(p)) return outside;
  const parts = p.split(/[\\/]+/);
  if (parts.includes('..')) return outside;
  const normal = posix.normalize(p.replace(/\\/g, '/'));
  if (normal === '..' || normal.startsWith('../') || posix.isAbsolute(normal)) return outside;
  return undefined;
}

/**
 * A decompressed stream of the archive, a promise that rejects if reading or decompressing fails,
 * and `cancel` to stop everything early (so that no xz process is left blocked on a full pipe).
 */
function decompressed(
  file: string,
  format: ArchiveFormat,
  onRead?: (bytes: number) => void,
): { stream: Readable; done: Promise<void>; cancel: () => void } {
  const input = createReadStream(file);
  if (onRead) {
    let bytes = 0;
    input.on('data', (chunk) => onRead((bytes += chunk.length)));
  }
  if (format === 'tar') {
    return { stream: input, done: new Promise((res, rej) => input.on('error', rej).on('end', res)), cancel: () => input.destroy() };
  }
  if (format === 'tar.gz') {
    const gunzip = createGunzip();
    const done = new Promise<void>((res, rej) => {
      input.on('error', rej);
      gunzip.on('error', (e) => rej(new ArchiveFormatError(`${file}: gzip data is damaged (${e.message}). Download it again.`, { cause: e })));
      gunzip.on('end', res);
    });
    return {
      stream: input.pipe(gunzip),
      done,
      cancel: () => {
        input.destroy();
        gunzip.destroy();
      },
    };
  }
  // xz and bzip2: node has no decoder for them; stream through the program (Debian packages them).
  const tool = format === 'tar.xz' ? { cmd: 'xz', pkg: 'xz-utils' } : { cmd: 'bzip2', pkg: 'bzip2' };
  const child = spawn(tool.cmd, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<void>((res, rej) => {
    input.on('error', rej);
    child.on('error', (e: NodeJS.ErrnoException) =>
      rej(
        e.code === 'ENOENT'
          ? new MissingToolError(tool.cmd, `It is needed to unpack .${format} archives: install it (apt-get install ${tool.pkg}), or use a .tar.gz source.`)
          : e,
      ),
    );
    child.on('close', (code) =>
      code === 0 ? res() : rej(new ArchiveFormatError(`${file}: ${tool.cmd} -dc failed with exit code ${code}: ${stderr.trim()}. The archive is damaged; download it again.`)),
    );
  });
  child.stdin.on('error', () => {}); // EPIPE when xz exits early; reported through `done`.
  input.pipe(child.stdin);
  return {
    stream: child.stdout,
    done,
    cancel: () => {
      input.destroy();
      child.stdout.destroy();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export interface ExtractOptions {
  /**
   * Paths (relative to the top-level folder) to extract; everything else is skipped unread.
   * Default: the whole tree.
   */
  keep?: readonly string[];
  /** Compressed bytes read so far, out of the archive's size. */
  onProgress?: (bytes: number, total: number) => void;
}

/** Whether a stripped archive path is one of `keep`, inside one, or a directory above one. */
function isKept(path: string, isDir: boolean, keep: readonly string[]): boolean {
  for (const k of keep) {
    if (path === k || path.startsWith(`${k}/`)) return true;
    if (isDir && k.startsWith(`${path}/`)) return true;
  }
  return false;
}

function truncated(file: string, entries: number): ArchiveFormatError {
  return new ArchiveFormatError(
    `${file} is truncated: it stops after ${entries} entries, before the end of the archive ` +
      `(an interrupted download or copy). Get the whole file again.`,
  );
}

export interface ExtractResult {
  /** The archive's single top-level folder (stripped). */
  topLevel: string;
  entries: number;
}

/**
 * Extracts `file` into `dest` (created; should be a fresh temp dir). The archive must have one
 * top-level folder, which is stripped. Only File and Directory entries are allowed; paths that
 * are absolute or contain `..` are refused (UnsafeArchiveError) — detected here, not left to
 * node-tar's silent skipping. Owners are not restored, and modes keep only the owner-execute bit.
 * On error, `dest` may hold partial output: the caller removes it.
 */
export async function extractArchive(file: string, dest: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const format = await detectArchiveFormat(file);
  const keep = options.keep;
  const total = options.onProgress ? (await stat(file)).size : 0;
  await mkdir(dest, { recursive: true });
  const root = resolve(dest);
  let failure: Error | undefined;
  let topLevel: string | undefined;
  let entries = 0;

  const check = (path: string, entry: ReadEntry): Error | undefined => {
    const reason = unsafePath(path);
    if (reason) return new UnsafeArchiveError(path, reason, file);
    if (keep && !isKept(strippedPath(path), entry.type === 'Directory', keep)) return undefined;
    if (entry.type !== 'File' && entry.type !== 'Directory') {
      const what = entry.type === 'SymbolicLink' || entry.type === 'Link' ? `${entry.type} to ${entry.linkpath ?? '?'}` : entry.type;
      return new UnsafeArchiveError(path, `it is a ${what}; only regular files and directories are allowed in a source tarball`, file);
    }
    const parts = path.split('/').filter((x) => x !== '' && x !== '.');
    const first = parts[0];
    if (first === undefined || (parts.length === 1 && entry.type !== 'Directory')) {
      return new ArchiveFormatError(
        `${file}: entry ${JSON.stringify(path)} is not inside a top-level folder; a source tarball must hold exactly one ` +
          `top-level folder (like wasi-libc-<commit>/). Repack it that way or point the local provider at the unpacked directory.`,
      );
    }
    topLevel ??= first;
    if (first !== topLevel) {
      return new ArchiveFormatError(
        `${file}: entries under both ${topLevel}/ and ${first}/; a source tarball must hold exactly one top-level folder. ` +
          `Repack it that way or point the local provider at the unpacked directory.`,
      );
    }
    // Defence in depth: where would the stripped path land?
    const target = resolve(root, parts.slice(1).join('/'));
    const rel = relative(root, target);
    if (rel.startsWith('..') || isAbsolute(rel) || (target !== root && !target.startsWith(root + sep))) {
      return new UnsafeArchiveError(path, 'it would be written outside the extraction directory', file);
    }
    return undefined;
  };

  const unpack = new Unpack({
    cwd: root,
    strip: 1,
    strict: true,
    preserveOwner: false,
    filter: (path: string, entry: ReadEntry | import('node:fs').Stats) => {
      const e = entry as ReadEntry;
      if (failure) return false;
      failure = check(path, e);
      if (failure) return false;
      if (keep && !isKept(strippedPath(path), e.type === 'Directory', keep)) return false;
      entries++;
      // Same path without '.' components, so that strip:1 removes exactly the top-level folder.
      e.path = path.split('/').filter((x) => x !== '' && x !== '.').join('/') + (e.type === 'Directory' ? '/' : '');
      e.mode = normalizedMode(e.mode, e.type === 'Directory');
      return true;
    },
  });

  // A tar archive ends with a zero block. Without one, the file stopped early (an interrupted
  // download or copy), and what it holds is only the first part of the tree.
  let sawEnd = false;
  const sawEndMarker = () => (sawEnd = true);
  unpack.on('nullBlock', sawEndMarker);
  unpack.on('eof', sawEndMarker);

  const onProgress = options.onProgress;
  const { stream, done, cancel } = decompressed(file, format, onProgress ? (bytes) => onProgress(bytes, total) : undefined);
  let closed = false;
  const unpacked = new Promise<void>((res, rej) => {
    unpack.on('error', (e: Error) => rej(e));
    unpack.on('close', () => {
      closed = true;
      res();
    });
  });
  stream.pipe(unpack as unknown as NodeJS.WritableStream);
  try {
    await Promise.all([unpacked, done]);
  } catch (e) {
    cancel();
    done.catch(() => {}); // its later rejection (killed xz, destroyed stream) is expected now
    // Let node-tar finish what it has started, so that nothing is written after the caller removes `dest`.
    await new Promise<void>((res) => {
      if (closed) return res();
      unpack.once('close', () => res());
      setTimeout(res, 5000).unref();
      try {
        unpack.end();
      } catch {
        res();
      }
    });
    if (failure) throw failure;
    if (e instanceof SourceError) throw e;
    if (isNoSpace(e)) throw e; // the caller names the full directory
    if (/Truncated input/.test((e as Error).message)) throw truncated(file, entries);
    throw new ArchiveFormatError(`${file}: could not extract it: ${(e as Error).message}. The archive is damaged or not a tarball.`, { cause: e });
  }
  if (failure) throw failure;
  if (topLevel === undefined && keep) {
    throw new ArchiveFormatError(
      `${file}: the archive holds none of the paths this source keeps (${keep.slice(0, 4).join(', ')}${keep.length > 4 ? ', ...' : ''}). ` +
        `It is not the pinned source tarball: point the provider at the right one.`,
    );
  }
  if (topLevel === undefined) throw new ArchiveFormatError(`${file}: the archive is empty. Point the provider at a source tarball.`);
  if (!sawEnd) throw truncated(file, entries);
  await normalizeModes(root);
  return { topLevel, entries };
}
