// C++: a cold build of each triple's C++ libraries (both variants; wall time beside CPU/cores),
// each C++ package's npm tarball beside a plain `tar czf` of its tree, and a C++ hello world's size
// per triple beside the same program in C.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRIPLES, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { packPackage } from '@wasi-sysroots/pack';
import { CORES, kb, row, secs, timed } from './_measure.ts';
import type { BenchSection } from '../bench.ts';

const section: BenchSection = {
  name: 'cxx',
  async run() {
    const scratch = mkdtempSync(join(tmpdir(), 'bench-cxx-'));
    try {
      for (const t of TRIPLES) {
        if (t.cxx.sameLibrariesAs) {
          console.log(`${t.triple}: C++ libraries are the ${t.cxx.sameLibrariesAs} ones (built once)`);
          continue;
        }
        const cold = timed(`tsx scripts/build-cxx.ts ${t.triple} --work ${scratch}/work-${t.triple} --out ${scratch}/out-${t.triple}`, { CI: 'true' });
        if (cold.status !== 0) throw new Error(`cold C++ build failed:\n${cold.output}`);
        const ideal = (cold.userS + cold.sysS) / CORES;
        row(`cold C++ build ${t.triple}, 2 variants (wall vs CPU/${CORES} cores)`, secs(cold.wallS), secs(ideal), cold.wallS / ideal);
      }
      for (const t of TRIPLES) {
        const pkgDir = join(WORKSPACE_ROOT, t.cxx.packageDir);
        if (!existsSync(join(pkgDir, 'sysroot'))) continue;
        const packed = packPackage(pkgDir, join(scratch, 'packed'));
        const plain = join(scratch, `${t.triple}.tar.gz`);
        spawnSync('tar', ['czf', plain, '-C', join(pkgDir, 'sysroot'), '.']);
        row(`${t.cxx.packageName} tarball vs tar czf sysroot`, kb(packed.size), kb(statSync(plain).size), packed.size / statSync(plain).size);
      }
      const cc = join(WORKSPACE_ROOT, 'packages/cc/dist/bin/wasi-cc.js');
      writeFileSync(join(scratch, 'hello.cc'), '#include <iostream>\nint main() { std::cout << "hello" << std::endl; return 0; }\n');
      writeFileSync(join(scratch, 'hello.c'), '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n');
      for (const t of TRIPLES) {
        if (!existsSync(join(WORKSPACE_ROOT, 'node_modules', t.cxx.packageName, 'sysroot', 'lib', t.triple, 'libc++.a'))) {
          console.log(`${t.triple}: ${t.cxx.packageName} is not built in the workspace; no hello-world size`);
          continue;
        }
        const sizes: number[] = [];
        for (const src of ['hello.cc', 'hello.c']) {
          const out = join(scratch, `${t.triple}-${src}.wasm`);
          const r = spawnSync(process.execPath, [cc, `--target=${t.triple}`, '-O2', '-s', join(scratch, src), '-o', out], { cwd: WORKSPACE_ROOT, encoding: 'utf8' });
          if (r.status !== 0) throw new Error(`compiling ${src} for ${t.triple} failed:\n${r.stderr}`);
          sizes.push(statSync(out).size);
        }
        row(`${t.triple} C++ hello world (iostream, -O2 -s) vs C hello`, kb(sizes[0]!), kb(sizes[1]!), sizes[0]! / sizes[1]!);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
export default section;
