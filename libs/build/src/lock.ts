// One build per work directory at a time. Two builds of one triple share .build/<triple>/ (objects,
// staging sysroot): run together, one reads the other's half-written staging sysroot. The lock is
// a file created exclusively, holding the owner's pid and start time; a lock whose owner is gone
// (killed, crashed) is taken over. Re-entrant within one process.
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface LockOwner {
  pid: number;
  /** The owner's start time (clock ticks since boot, from /proc), to tell a reused pid apart. */
  started?: string;
}

export interface WorkDirLock {
  path: string;
  release(): void;
}

export class BuildLockError extends Error {
  constructor(
    message: string,
    readonly owner: LockOwner,
  ) {
    super(message);
    this.name = 'BuildLockError';
  }
}

export const LOCK_NAME = 'build.lock';

function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTime(owner.pid);
  return owner.started === undefined || now === undefined || now === owner.started;
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return typeof parsed.pid === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const held = new Map<string, number>();
let exitHook = false;

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  const started = startTime(process.pid);
  writeSync(fd, JSON.stringify({ pid: process.pid, ...(started ? { started } : {}) }));
  closeSync(fd);
  return true;
}

/** Removes the lock at `path` if it still belongs to the dead `owner`; one process at a time does it. */
function takeOver(path: string, owner: LockOwner): void {
  const guard = `${path}.takeover`;
  try {
    closeSync(openSync(guard, 'wx'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Another process is taking over; a guard left by a killed one is cleared after 10 s.
    try {
      if (Date.now() - statSync(guard).mtimeMs > 10_000) unlinkSync(guard);
    } catch {
      // gone already
    }
    return;
  }
  try {
    const now = readOwner(path);
    if (now && now.pid === owner.pid && now.started === owner.started) unlinkSync(path);
  } finally {
    unlinkSync(guard);
  }
}

export interface LockOptions {
  /** Wait for the owner to finish (default), or throw BuildLockError at once. */
  wait?: boolean;
  /** Called once when the lock is busy and we wait. */
  onWait?: (owner: LockOwner, lockPath: string) => void;
  pollMs?: number;
}

/** Locks `workDir` (created if needed) for this process until release() or exit. */
export async function lockWorkDir(workDir: string, options: LockOptions = {}): Promise<WorkDirLock> {
  mkdirSync(workDir, { recursive: true });
  const path = join(workDir, LOCK_NAME);
  const release = () => {
    const n = held.get(path) ?? 0;
    if (n > 1) return void held.set(path, n - 1);
    if (n === 1) {
      held.delete(path);
      try {
        unlinkSync(path);
      } catch {
        // removed already
      }
    }
  };
  if (held.has(path)) {
    held.set(path, held.get(path)! + 1);
    return { path, release };
  }
  let waited = false;
  let unreadableSince: number | undefined;
  for (;;) {
    if (tryCreate(path)) break;
    const owner = readOwner(path);
    if (!owner) {
      // Being written just now, or damaged: damaged for 5 s means nobody owns it.
      unreadableSince ??= Date.now();
      if (Date.now() - unreadableSince > 5000) {
        try {
          unlinkSync(path);
        } catch {
          // gone already
        }
      }
    } else if (!alive(owner)) {
      takeOver(path, owner);
      continue;
    } else {
      unreadableSince = undefined;
      if (options.wait === false) {
        throw new BuildLockError(`another build is using ${workDir} (pid ${owner.pid}); wait for it to finish, or stop it, and run again.`, owner);
      }
      if (!waited) options.onWait?.(owner, path);
      waited = true;
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
  }
  held.set(path, 1);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const p of held.keys()) {
        try {
          unlinkSync(p);
        } catch {
          // removed already
        }
      }
    });
  }
  return { path, release };
}
