// The generated package README documents the default stack and how to raise it, and what it says
// holds on the built wasm32-wasip1 sysroot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRIPLES, WORKSPACE_ROOT, getTriple } from '@wasi-sysroots/recipe';
import { fetchSource } from '@wasi-sysroots/source';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { compileC, runP1 } from '@wasi-sysroots/verify';
import { writeSysrootPackageFiles } from '../src/index.ts';

// About 256 KiB of stack at -O0: 64 frames of 4 KiB.
const DEEP_C = `#include <stdio.h>
#include <string.h>
static int fill(int depth) {
  volatile char frame[4096];
  memset((char *)frame, depth, sizeof frame);
  return depth == 0 ? frame[0] : fill(depth - 1) + frame[1];
}
int main(void) {
  printf("sum %d\\n", fill(63));
  return 0;
}
`;

test('every sysroot README documents the 64 KiB default stack and -Wl,-z,stack-size=', async (t) => {
  const source = await fetchSource();
  for (const recipe of TRIPLES) {
    const dir = mkdtempSync(join(tmpdir(), 'readme-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeSysrootPackageFiles(recipe, source.dir, dir);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    assert.match(readme, /## Stack size\n\nA program's stack is \*\*64 KiB\*\* by default/, recipe.triple);
    assert.ok(readme.includes(`-O2 big.c -Wl,-z,stack-size=1048576 -o big.wasm`), recipe.triple);
    assert.equal(readme.includes('pthread_attr_setstacksize'), recipe.threads, recipe.triple);
  }
});

test('a program that needs more than 64 KiB of stack traps by default and runs with -Wl,-z,stack-size=', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stack-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const src = join(dir, 'deep.c');
  writeFileSync(src, DEEP_C);
  const { triple, packageDir } = getTriple('wasm32-wasip1');
  const sysroot = join(WORKSPACE_ROOT, packageDir, 'sysroot');
  const toolchain = detectToolchain();
  const build = (output: string, flags: string[]) => {
    const r = compileC({ toolchain, triple, sysroot, sources: [src], output, opt: '-O0', flags });
    assert.ok(r.ok, r.stderr);
    return output;
  };
  const small = await runP1({ wasm: build(join(dir, 'small.wasm'), []), args: ['small'] });
  assert.equal(small.stdout, '');
  assert.match(small.stderr, /memory access out of bounds/);
  assert.notEqual(small.exitCode, 0);
  const big = await runP1({ wasm: build(join(dir, 'big.wasm'), ['-Wl,-z,stack-size=1048576']), args: ['big'] });
  assert.equal(big.stdout, 'sum 2016\n');
  assert.equal(big.exitCode, 0);
});
