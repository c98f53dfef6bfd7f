// Package size (npm tarball beside a plain `tar czf` of the same sysroot; the goal is at
// most 1.0x), and publish and install times against a local registry.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRIPLES, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { packPackage } from '@wasi-sysroots/pack';
import { startRegistry } from '@wasi-sysroots/verify';
import { kb, row, secs, timed } from './_measure.ts';
import type { BenchSection } from '../bench.ts';

const section: BenchSection = {
  name: 'packages',
  async run() {
    const scratch = mkdtempSync(join(tmpdir(), 'bench-packages-'));
    const registry = await startRegistry();
    try {
      for (const t of TRIPLES) {
        const pkgDir = join(WORKSPACE_ROOT, t.packageDir);
        const packed = packPackage(pkgDir, join(scratch, 'packed'));
        const plain = join(scratch, `${t.triple}.tar.gz`);
        spawnSync('tar', ['czf', plain, '-C', join(pkgDir, 'sysroot'), '.']);
        const plainSize = statSync(plain).size;
        row(`${t.packageName} tarball vs tar czf sysroot`, kb(packed.size), kb(plainSize), packed.size / plainSize);
      }
      const publish = timed(`tsx scripts/release.ts --registry ${registry.url}/`, registry.env);
      if (publish.status !== 0) throw new Error(`release failed:\n${publish.output}`);
      const project = join(scratch, 'project');
      spawnSync('mkdir', ['-p', project]);
      writeFileSync(join(project, 'package.json'), '{"name":"bench-project","private":true}\n');
      const install = timed(`cd ${project} && npm i --no-audit --no-fund ${TRIPLES.map((t) => t.packageName).join(' ')}`, registry.env);
      if (install.status !== 0) throw new Error(`install failed:\n${install.output}`);
      // The reference for both: copying the same bytes locally.
      const copy = timed(`cp -r ${join(WORKSPACE_ROOT, 'packages')} ${join(scratch, 'copy')}`);
      row('publish all packages (local registry) vs cp -r', secs(publish.wallS), secs(copy.wallS), publish.wallS / Math.max(copy.wallS, 0.001));
      row('npm i all sysroots (local registry) vs cp -r', secs(install.wallS), secs(copy.wallS), install.wallS / Math.max(copy.wallS, 0.001));
    } finally {
      await registry.stop();
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
export default section;
