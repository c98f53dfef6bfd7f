// A real full disk for tests: a tmpfs of a few hundred KiB mounted on a fresh directory, so that
// writes fail with the kernel's own ENOSPC. Mounting needs root (CI runs as root).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** The mount point: an empty directory with `bytes` of room. */
  dir: string;
  unmount(): void;
}

export function mountSmallDisk(bytes: number): SmallDisk {
  const base = mkdtempSync(join(tmpdir(), 'small-disk-'));
  const dir = join(base, 'disk');
  mkdirSync(dir);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(base, { recursive: true, force: true });
    throw new Error(`mount -t tmpfs failed (${(r.stderr || r.error?.message || '').trim()}): the full-disk tests need root for a real small disk`);
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(base, { recursive: true, force: true });
    },
  };
}
