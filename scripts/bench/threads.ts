// wasm32-wasip1-threads: wall-time speed-up of a CPU-bound parallel workload with 2 threads
// against 1, beside the ideal of 2.0.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSROOTS_DIR, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { compileC } from '@wasi-sysroots/verify';
import { runThreads, THREADS_LINK_FLAGS } from '@wasi-sysroots/verify/hosts/threads';
import { row, secs } from './_measure.ts';
import type { BenchSection } from '../bench.ts';

async function timedRun(wasm: string, threads: number): Promise<{ seconds: number; output: string }> {
  const started = process.hrtime.bigint();
  const r = await runThreads({ wasm, args: ['bench-parallel', String(threads)], timeoutMs: 600_000 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.exitCode !== 0) throw new Error(`bench-parallel ${threads} failed: ${r.stderr}`);
  return { seconds, output: r.stdout.trim() };
}

const section: BenchSection = {
  name: 'threads',
  async run() {
    const work = mkdtempSync(join(tmpdir(), 'bench-threads-'));
    try {
      const wasm = join(work, 'bench-parallel.wasm');
      const built = compileC({
        toolchain: detectToolchain(),
        triple: 'wasm32-wasip1-threads',
        sysroot: join(WORKSPACE_ROOT, 'packages/sysroot-wasip1-threads/sysroot'),
        sources: [join(SYSROOTS_DIR, 'threads/bench-parallel.c')],
        output: wasm,
        opt: '-O2',
        flags: THREADS_LINK_FLAGS,
      });
      if (!built.ok) throw new Error(built.stderr);
      const one = await timedRun(wasm, 1);
      const two = await timedRun(wasm, 2);
      if (one.output !== two.output) throw new Error(`results differ: "${one.output}" vs "${two.output}"`);
      row('parallel workload: 1 thread vs 2 threads', secs(one.seconds), secs(two.seconds), one.seconds / two.seconds);
      console.log(`${'  speed-up with 2 threads (ideal 2.00)'.padEnd(44)} ${(one.seconds / two.seconds).toFixed(2)}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
export default section;
