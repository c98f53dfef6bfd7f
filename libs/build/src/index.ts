// The build stage: runs our Makefile for one triple into a staging sysroot, shows
// progress (objects compiled / total), keeps the full log in a file, and on failure
// prints the log's tail and path. installSysroot() later moves a verified staging
// sysroot into place atomically, so a failure never leaves a half-written sysroot.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { SYSROOTS_DIR, buildRoot, noSpaceError, type TripleName } from '@wasi-sysroots/recipe';
import type { Toolchain } from '@wasi-sysroots/toolchain';
import { lockWorkDir, type LockOptions } from './lock.ts';

export { watchAncestors } from './ancestry.ts';
export { lockWorkDir, BuildLockError, LOCK_NAME, type LockOptions, type LockOwner, type WorkDirLock } from './lock.ts';
export { progressPrinter } from './progress.ts';

export interface BuildRequest {
  triple: TripleName;
  /** The verified base source tree (from @wasi-sysroots/source). */
  sourceDir: string;
  toolchain: Toolchain;
  /** Scratch directory for objects, the staging sysroot and the log (default .build/<triple>). */
  workDir?: string;
  jobs?: number;
  /** Called as objects finish compiling. */
  onProgress?: (done: number, total: number, object: string) => void;
  /** Called once if another build holds the work directory and this one waits for it. */
  onWait?: LockOptions['onWait'];
  /**
   * The identity of the source tree's content (the source stage's cache key: its pinned ids).
   * make compares only times, so objects built from other content would be kept: when this
   * differs from the one the work dir was built from, the work dir starts over.
   */
  sourceKey?: string;
  /**
   * Stops the build (make and every compiler it runs) when aborted; the abort reason names why.
   * Without it, SIGINT, SIGTERM and SIGHUP to this process stop the build.
   */
  signal?: AbortSignal;
}

export interface BuildResult {
  /** The staging sysroot: complete, not yet verified or installed. */
  stagingSysroot: string;
  logPath: string;
  /** Objects compiled by this run (0 when everything was up to date). */
  compiled: number;
}

export class BuildError extends Error {
  constructor(
    message: string,
    readonly logPath: string,
    readonly logTail: string,
  ) {
    super(`${message}\n--- last lines of ${logPath} ---\n${logTail}\n--- full log: ${logPath} ---`);
    this.name = 'BuildError';
  }
}

const MAKEFILE = join(SYSROOTS_DIR, 'Makefile');

/** Written into the work dir when make has finished the staging sysroot; removed when a build starts. */
const COMPLETE_STAMP = 'build-complete.json';

/** Whether the last build in `workDir` ran to the end (its staging sysroot is whole). */
export function lastBuildComplete(triple: TripleName, workDir: string = buildRoot(triple)): boolean {
  try {
    return (JSON.parse(readFileSync(join(workDir, COMPLETE_STAMP), 'utf8')) as { triple?: string }).triple === triple;
  } catch {
    return false;
  }
}

export function makeArgs(req: BuildRequest, workDir: string): string[] {
  return [
    '-f', MAKEFILE,
    `TARGET_TRIPLE=${req.triple}`,
    `SRC=${req.sourceDir}`,
    `OBJDIR=${join(workDir, 'obj')}`,
    `SYSROOT=${join(workDir, 'sysroot')}`,
    `CC=${req.toolchain.clang}`,
    `AR=${req.toolchain.ar}`,
    `NM=${req.toolchain.nm}`,
  ];
}

function tail(path: string, lines = 40): string {
  if (!existsSync(path)) return '(no log)';
  return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** How many objects `make` would compile now (a dry run). */
export function pendingCompiles(req: BuildRequest, workDir: string): number {
  const r = spawnSync('make', ['-n', ...makeArgs(req, workDir), 'all'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new BuildError(`could not run make: ${r.error.message}. Install it: apt-get install -y make`, '(none)', '');
  return (r.stdout.match(/^printf 'CC %s\\n' /gm) ?? []).length;
}

export async function buildSysroot(req: BuildRequest): Promise<BuildResult> {
  const workDir = req.workDir ?? buildRoot(req.triple);
  const lock = await lockWorkDir(workDir, req.onWait ? { onWait: req.onWait } : {});
  try {
    return await buildLocked(req, workDir);
  } finally {
    lock.release();
  }
}

const NO_SPACE_IN_WORK = 'A build needs about 100 MB of objects there: free some space, or pass --work DIR on a disk with room.';

const SOURCE_KEY = 'source-key';

/**
 * Removes the objects and staging sysroot of `workDir` unless they were built from the source
 * content `sourceKey` names (also when that is unknown: built before it was recorded). Returns
 * whether it removed them. Afterwards the work dir is recorded as built from `sourceKey`.
 */
export function forgetBuildOfOtherSource(workDir: string, sourceKey: string): boolean {
  let was: string | undefined;
  try {
    was = readFileSync(join(workDir, SOURCE_KEY), 'utf8').trim();
  } catch {
    was = undefined;
  }
  if (was === sourceKey) return false;
  const stale = existsSync(join(workDir, 'obj')) || existsSync(join(workDir, 'sysroot'));
  rmSync(join(workDir, 'obj'), { recursive: true, force: true });
  rmSync(join(workDir, 'sysroot'), { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  writeFileSync(join(workDir, SOURCE_KEY), `${sourceKey}\n`);
  return stale;
}

async function buildLocked(req: BuildRequest, workDir: string): Promise<BuildResult> {
  rmSync(join(workDir, COMPLETE_STAMP), { force: true });
  if (req.sourceKey) forgetBuildOfOtherSource(workDir, req.sourceKey);
  const logPath = join(workDir, 'build.log');
  const total = pendingCompiles(req, workDir);
  const jobs = req.jobs ?? availableParallelism();
  const log = createWriteStream(logPath);
  let logError: Error | undefined;
  log.on('error', (e) => (logError ??= e));
  log.write(`# make ${makeArgs(req, workDir).join(' ')} -j${jobs} all\n# ${req.toolchain.version}\n`);

  let compiled = 0;
  let interrupted: string | undefined;
  const code = await new Promise<number>((resolve, reject) => {
    // make and its compilers get a process group of their own, so that stopping the build
    // stops all of them, not only make.
    const child = spawn('make', [...makeArgs(req, workDir), `-j${jobs}`, 'V=1', 'all'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stopGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    // An interrupted build stops make and clang too, instead of leaving them running behind us.
    const stop = (why: string) => {
      interrupted ??= why;
      stopGroup('SIGTERM');
      log.write(`\n# interrupted: ${why}\n`);
    };
    const onAbort = () => stop(String(req.signal!.reason));
    const onExit = () => stopGroup('SIGKILL');
    if (req.signal) {
      if (req.signal.aborted) onAbort();
      else req.signal.addEventListener('abort', onAbort, { once: true });
    } else {
      for (const s of STOP_SIGNALS) process.once(s, stop);
    }
    process.once('exit', onExit);
    child.on('close', () => {
      req.signal?.removeEventListener('abort', onAbort);
      for (const s of STOP_SIGNALS) process.off(s, stop);
      process.off('exit', onExit);
    });
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('CC ')) {
          compiled++;
          req.onProgress?.(compiled, Math.max(total, compiled), line.slice(3));
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => log.write(chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve(status ?? (signal ? 128 : 1)));
  });
  await new Promise<void>((r) => log.end(r));
  if (interrupted) throw new BuildInterruptedError(req.triple, interrupted);
  const noSpace = noSpaceError(logError, workDir, NO_SPACE_IN_WORK);
  if (noSpace) throw noSpace;
  if (code !== 0) {
    const logTail = tail(logPath);
    if (/No space left on device/.test(logTail)) throw noSpaceError({ code: 'ENOSPC' }, workDir, NO_SPACE_IN_WORK)!;
    throw new BuildError(`building the ${req.triple} sysroot failed (make exited with ${code}).`, logPath, logTail);
  }
  try {
    writeFileSync(join(workDir, COMPLETE_STAMP), `${JSON.stringify({ triple: req.triple, toolchain: req.toolchain.version })}\n`);
  } catch (e) {
    throw noSpaceError(e, workDir, NO_SPACE_IN_WORK) ?? e;
  }
  return { stagingSysroot: join(workDir, 'sysroot'), logPath, compiled };
}

export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The build was stopped (a signal, or its caller went away): make and its compilers were stopped with it. */
export class BuildInterruptedError extends Error {
  constructor(
    readonly triple: TripleName,
    readonly why: string,
  ) {
    super(`the ${triple} build was interrupted (${why}); nothing was installed. Run it again to finish it.`);
    this.name = 'BuildInterruptedError';
  }
}

/**
 * Copies a finished staging sysroot to `dest`: first into a temporary sibling, then
 * renamed into place, so `dest` is always either the old complete sysroot or the new one.
 */
export function installSysroot(stagingSysroot: string, dest: string): void {
  const parent = dirname(dest);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `${basename(dest)}.tmp-${process.pid}`);
  const old = join(parent, `${basename(dest)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    cpSync(stagingSysroot, tmp, { recursive: true, filter: (src) => !src.endsWith('.members') });
    if (existsSync(dest)) renameSync(dest, old);
    renameSync(tmp, dest);
  } catch (e) {
    throw noSpaceError(e, parent, 'The sysroot needs about 5 MB there: free some space, or install it elsewhere (--out DIR).') ?? e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}
