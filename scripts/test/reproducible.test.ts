// Reproducible artifacts: two clean builds (separate object dirs, separate source caches at
// different paths) give byte-identical libraries, and their packages pack to identical
// tarballs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { TRIPLES, WORKSPACE_ROOT, loadLlvmManifest } from '@wasi-sysroots/recipe';
import { buildCxx, variantLibraries } from '@wasi-sysroots/build/cxx';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { fetchSource } from '@wasi-sysroots/source';
import { packPackage, writeSysrootPackageFiles } from '@wasi-sysroots/pack';

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p, base) : [relative(base, p)];
  });
}

for (const recipe of TRIPLES) test(`two clean builds of ${recipe.triple} are byte-identical, and pack to identical tarballs`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'repro-'));
  try {
    const tarballs: { sha256: string; size: number }[] = [];
    const sysroots: string[] = [];
    for (const run of ['first', 'second']) {
      const cache = join(dir, run, 'cache');
      const env = { ...process.env, CI: 'true', WASI_SYSROOTS_CACHE: cache, WASI_LIBC_PROVIDERS: 'apt' };
      const pkgDir = join(dir, run, 'package');
      const r = spawnSync(join(WORKSPACE_ROOT, 'node_modules/.bin/tsx'), [
        'scripts/build-sysroot.ts', recipe.triple, '--work', join(dir, run, 'work'), '--out', join(pkgDir, 'sysroot'),
      ], { cwd: WORKSPACE_ROOT, env, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      cpSync(join(WORKSPACE_ROOT, recipe.packageDir, 'package.json'), join(pkgDir, 'package.json'));
      const source = await fetchSource({ cacheDir: join(cache, 'source'), providers: ['apt'] });
      writeSysrootPackageFiles(recipe, source.dir, pkgDir);
      mkdirSync(join(dir, run, 'out'));
      tarballs.push(packPackage(pkgDir, join(dir, run, 'out')));
      sysroots.push(join(pkgDir, 'sysroot'));
    }
    const [a, b] = sysroots as [string, string];
    const files = listFiles(a);
    assert.deepEqual(listFiles(b), files);
    assert.ok(files.includes(`lib/${recipe.triple}/libc.a`));
    for (const f of files) assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} differs between the two builds`);
    assert.equal(tarballs[0]!.sha256, tarballs[1]!.sha256);
    assert.equal(tarballs[0]!.size, tarballs[1]!.size);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The C++ libraries: the packaged wasm32-wasip1 ones (from `nx build cxx-p1`) against one more
// cold build of the default variant in another work directory (so other build paths, which the
// prefix maps must hide), and the package packed twice. (One variant keeps the test's cost down:
// both variants go through the same buildCxx.)
test('a cold rebuild of the wasm32-wasip1 C++ libraries elsewhere is byte-identical to the packaged ones, and the package packs reproducibly', async () => {
  const recipe = TRIPLES.find((t) => t.triple === 'wasm32-wasip1')!;
  const pkgDir = join(WORKSPACE_ROOT, recipe.cxx.packageDir);
  const packaged = join(pkgDir, 'sysroot', 'lib', recipe.triple);
  assert.ok(existsSync(join(packaged, 'libc++.a')), `no built C++ libraries: run "npx nx build ${recipe.cxx.nxProject}" first`);
  const dir = mkdtempSync(join(tmpdir(), 'repro-cxx-'));
  try {
    const source = await fetchSource({ manifest: loadLlvmManifest() });
    const built = await buildCxx({
      recipe, variant: 'default', llvmSourceDir: source.dir, sysrootPackageDir: join(WORKSPACE_ROOT, recipe.packageDir),
      toolchain: detectToolchain(), workDir: join(dir, 'elsewhere', 'default'),
    });
    for (const name of variantLibraries('default')) {
      assert.ok(readFileSync(join(built.installDir, 'lib', name)).equals(readFileSync(join(packaged, name))), `${name} differs from the packaged one`);
    }
    const packs = ['a', 'b'].map((run) => packPackage(pkgDir, join(dir, run)));
    assert.equal(packs[0]!.sha256, packs[1]!.sha256);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
