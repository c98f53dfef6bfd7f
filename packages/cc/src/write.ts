// File writes that never leave a partial output behind.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A temporary path next to `path` (same directory, so a rename is atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes `bytes` to a temporary file next to `path`, then renames it over `path`: readers see
 * the old file or the whole new one, and a failure (a full disk, say) leaves no partial file.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array, mode = 0o755): void {
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, bytes, { mode });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
