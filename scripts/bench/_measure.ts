// Shared helpers for bench sections.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { WORKSPACE_ROOT } from '@wasi-sysroots/recipe';

export interface Timed {
  wallS: number;
  userS: number;
  sysS: number;
  status: number | null;
  output: string;
}

/** Runs a command under bash's `time`, which counts the CPU time of all its children. */
export function timed(command: string, env: NodeJS.ProcessEnv = {}): Timed {
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='@@TIME %R %U %S'; time (${command}) 2>&1`], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const m = /@@TIME ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stdout + r.stderr);
  if (!m) throw new Error(`could not time "${command}": ${r.stderr}`);
  return { wallS: Number(m[1]), userS: Number(m[2]), sysS: Number(m[3]), status: r.status, output: r.stdout.replace(/@@TIME.*\n?/, '') };
}

export const CORES = availableParallelism();

/** The median wall time of `runs` runs of `command`, each of which must succeed. */
export function medianWall(command: string, runs = 5): number {
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = timed(command);
    if (t.status !== 0) throw new Error(`"${command}" failed:\n${t.output}`);
    walls.push(t.wallS);
  }
  walls.sort((a, b) => a - b);
  return walls[Math.floor(runs / 2)]!;
}

export function row(label: string, ours: string, reference: string, ratio: number): void {
  console.log(`${label.padEnd(44)} ${ours.padStart(14)}   vs ${reference.padStart(14)}   ratio ${ratio.toFixed(2)}`);
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
export const secs = (s: number) => `${s.toFixed(2)} s`;
