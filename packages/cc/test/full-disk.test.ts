// A full disk, for real: a small tmpfs filled to the last block. `wasi-cc -o` onto it says
// "no space left on DIR" in one line (not a crash of wasm-ld with a stack dump) and leaves nothing
// half-written; the component cache on it costs only the caching, with one warning line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { TRIPLES, makeProject, output, type Project } from './helpers.ts';

const HELLO = '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n';

let p: Project;
const mounts: string[] = [];

/** A tmpfs of `size` at `dir`, filled up with one file (unless `fill` is false): every later write there gets ENOSPC. */
function fullDisk(dir: string, size: string, fill = true): string {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, `this test needs to mount a tmpfs (as root): ${r.stderr}`);
  mounts.push(dir);
  if (!fill) return dir;
  const fd = openSync(`${dir}/filler`, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (err) {
    assert.equal((err as NodeJS.ErrnoException).code, 'ENOSPC');
  } finally {
    closeSync(fd);
  }
  return dir;
}

before(() => {
  p = makeProject();
  p.write('hello.c', HELLO);
});
after(() => {
  for (const dir of mounts.reverse()) spawnSync('umount', [dir]);
  p?.remove();
});

for (const triple of TRIPLES) {
  test(`${triple}: wasi-cc -o onto a full disk: "no space left on DIR", nothing half-written`, () => {
    const full = fullDisk(p.path(`full-${triple}`), '64k');
    const r = p.wasiCc([`--target=${triple}`, 'hello.c', '-o', `${full}/hello.wasm`]);
    assert.equal(r.status, 1, output(r));
    assert.equal(r.stderr, `wasi-cc: error: no space left on ${full}\n`);
    assert.deepEqual(readdirSync(full), ['filler']);
  });
}

test('wasi-cc -c onto a full disk: clang\'s message, then "no space left on DIR"; no temporary file left', () => {
  const full = fullDisk(p.path('full-objects'), '64k');
  const r = p.wasiCc(['--target=wasm32-wasip1', '-c', 'hello.c', '-o', `${full}/hello.o`]);
  assert.equal(r.status, 1, output(r));
  assert.match(r.stderr, /No space left on device/);
  assert.ok(r.stderr.endsWith(`\nwasi-cc: error: no space left on ${full}\n`), r.stderr);
  assert.deepEqual(readdirSync(full), ['filler']);
});

test('the component cache on a full disk: one warning, the program runs, nothing half-written', () => {
  const cc = p.wasiCc(['--target=wasm32-wasip2', 'hello.c', '-o', 'hello-p2.wasm']);
  assert.equal(cc.status, 0, output(cc));
  // Filled: the cache's directories still fit (they take no blocks on tmpfs), the transpiled
  // component does not.
  const cache = fullDisk(p.path('full-cache'), '256k');
  const r = p.wasiCc(['run', 'hello-p2.wasm'], { env: { WASI_CC_CACHE: cache } });
  assert.equal(r.status, 0, output(r));
  assert.equal(r.stdout, 'hello\n');
  assert.equal(r.stderr, `wasi-cc: warning: no space left on ${cache}/components: the transpiled component is not cached\n`);
  assert.deepEqual(readdirSync(`${cache}/components`), []);
  assert.deepEqual(readdirSync(cache).sort(), ['components', 'filler']);
});
