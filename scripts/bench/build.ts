// Build speed (wall time beside the CPU-time/cores limit), cold versus cached Nx builds,
// and the size of each built sysroot as a plain `tar czf`.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRIPLES, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { CORES, kb, row, secs, timed } from './_measure.ts';
import type { BenchSection } from '../bench.ts';

const section: BenchSection = {
  name: 'build',
  async run() {
    const nx = join(WORKSPACE_ROOT, 'node_modules/.bin/nx');
    const scratch = mkdtempSync(join(tmpdir(), 'bench-build-'));
    try {
      // A cold build of every object into scratch space: wall time against the ideal of
      // all CPU time spread over every core.
      const cold = timed(`tsx scripts/build-sysroot.ts wasm32-wasip1 --work ${scratch}/work --out ${scratch}/sysroot`, { CI: 'true' });
      if (cold.status !== 0) throw new Error(`cold build failed:\n${cold.output}`);
      const ideal = (cold.userS + cold.sysS) / CORES;
      row(`cold build wasm32-wasip1 (wall vs CPU/${CORES} cores)`, secs(cold.wallS), secs(ideal), cold.wallS / ideal);

      // Nx: a rebuild with the cache bypassed (objects up to date) against a cache hit.
      const uncached = timed(`${nx} build sysroot-p1 --skip-nx-cache --output-style=stream`);
      const cached = timed(`${nx} build sysroot-p1 --output-style=stream`);
      row('nx build sysroot-p1: cached vs uncached', secs(cached.wallS), secs(uncached.wallS), cached.wallS / uncached.wallS);
      row('nx build sysroot-p1: cached vs cold', secs(cached.wallS), secs(cold.wallS), cached.wallS / cold.wallS);

      for (const t of TRIPLES) {
        const sysroot = join(WORKSPACE_ROOT, t.packageDir, 'sysroot');
        if (!existsSync(sysroot)) continue;
        const tgz = join(scratch, `${t.triple}.tar.gz`);
        timed(`tar czf ${tgz} -C ${sysroot} .`);
        const onDisk = timed(`du -sb ${sysroot}`).output.split(/\s/)[0];
        row(`${t.triple} sysroot: tar czf vs on disk`, kb(statSync(tgz).size), kb(Number(onDisk)), statSync(tgz).size / Number(onDisk));
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
export default section;
