// The build stage: runs our Makefile for one triple into a staging sysroot, shows
// progress (objects compiled / total), keeps the full log in a file, and on failure
// prints the log's tail and path. installSysroot() later moves a verified staging
// sysroot into place atomically, so a failure never leaves a half-written sysroot.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { SYSROOTS_DIR, buildRoot, type TripleName } from '@wasi-sysroots/recipe';
import type { Toolchain } from '@wasi-sysroots/toolchain';

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
  mkdirSync(workDir, { recursive: true });
  const logPath = join(workDir, 'build.log');
  const total = pendingCompiles(req, workDir);
  const jobs = req.jobs ?? availableParallelism();
  const log = createWriteStream(logPath);
  log.write(`# make ${makeArgs(req, workDir).join(' ')} -j${jobs} all\n# ${req.toolchain.version}\n`);

  let compiled = 0;
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('make', [...makeArgs(req, workDir), `-j${jobs}`, 'V=1', 'all'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // An interrupted build stops make too, instead of leaving it running behind us.
    const stop = (signal: NodeJS.Signals) => {
      child.kill(signal);
      log.write(`\n# interrupted by ${signal}\n`);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('close', () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
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
  if (code !== 0) {
    throw new BuildError(`building the ${req.triple} sysroot failed (make exited with ${code}).`, logPath, tail(logPath));
  }
  return { stagingSysroot: join(workDir, 'sysroot'), logPath, compiled };
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
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}
