// The 'local' provider's directory copy: copies the manifest's pinned paths of a local
// source tree (e.g. a git checkout) without following symlinks, with normalized modes.
import { copyFile, lstat, mkdir, readdir, readlink, symlink, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitObjectPin } from '@wasi-sysroots/recipe';
import { normalizedMode } from './archive.ts';
import { LocalSourceError } from './errors.ts';

async function copyEntry(from: string, to: string): Promise<void> {
  const st = await lstat(from);
  if (st.isSymbolicLink()) {
    // Copied as a link (never followed); verification then reports it if the pinned tree has a file here.
    await symlink(await readlink(from), to);
  } else if (st.isDirectory()) {
    await mkdir(to, { mode: 0o755 });
    await chmod(to, 0o755);
    for (const name of await readdir(from)) await copyEntry(join(from, name), join(to, name));
  } else if (st.isFile()) {
    await copyFile(from, to);
    await chmod(to, normalizedMode(st.mode, false));
  } else {
    throw new LocalSourceError(`${from} is not a regular file, directory or symlink; a source tree has none. Remove it from the local source.`);
  }
}

/** Copies the manifest's pinned paths from `src` into `dest` (a fresh directory). Missing ones are skipped (verification names them). */
export async function copyTree(src: string, dest: string, objects: Record<string, GitObjectPin>): Promise<void> {
  await mkdir(dest, { recursive: true, mode: 0o755 });
  for (const top of Object.keys(objects)) {
    const from = join(src, ...top.split('/'));
    try {
      await lstat(from);
    } catch {
      continue;
    }
    const to = join(dest, ...top.split('/'));
    await mkdir(join(to, '..'), { recursive: true, mode: 0o755 });
    await copyEntry(from, to);
  }
}
