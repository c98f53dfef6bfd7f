// The whole Nx build pipeline, as a user runs it. Needs `npm run build` to have run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { fetchSource } from '@wasi-sysroots/source';

const BUILD = [join(WORKSPACE_ROOT, 'node_modules/.bin/tsx'), 'scripts/build-sysroot.ts'];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(cmd, args, { cwd: WORKSPACE_ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
}

test('nx build sysroot-p1 run again is a cache hit', () => {
  // The first run is a hit too after `npm run build`, or rebuilds (incrementally) if inputs
  // changed since; the second must be a hit either way.
  const first = run(join(WORKSPACE_ROOT, 'node_modules/.bin/nx'), ['build', 'sysroot-p1', '--output-style=stream']);
  assert.equal(first.status, 0, first.stdout + first.stderr);
  const r = run(join(WORKSPACE_ROOT, 'node_modules/.bin/nx'), ['build', 'sysroot-p1', '--output-style=stream']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Nx read the output from the cache|existing outputs match the cache|local cache/);
  assert.ok(existsSync(join(WORKSPACE_ROOT, 'packages/sysroot-wasip1/sysroot/lib/wasm32-wasip1/libc.a')));
});

test('an unknown triple is refused with the list of known ones', () => {
  const r = run(BUILD[0]!, [BUILD[1]!, 'wasm32-unknown-emscripten']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /unknown target triple "wasm32-unknown-emscripten"\. Known triples: wasm32-wasip1, wasm32-wasip1-threads, wasm32-wasip2/);
});

test('a source tree with one changed byte is refused, naming the file, and nothing is cached', async () => {
  const good = await fetchSource();
  const dir = mkdtempSync(join(tmpdir(), 'tampered-'));
  try {
    const tree = join(dir, 'tree');
    cpSync(good.dir, tree, { recursive: true });
    const victim = join(tree, 'libc-bottom-half/sources/abort.c');
    const bytes = readFileSync(victim);
    bytes[10] = bytes[10]! ^ 1;
    writeFileSync(victim, bytes);
    const cache = join(dir, 'cache');
    const out = join(dir, 'sysroot');
    const r = run(BUILD[0]!, [BUILD[1]!, 'wasm32-wasip1', '--out', out, '--work', join(dir, 'work')], {
      WASI_LIBC_SOURCE: tree,
      WASI_LIBC_PROVIDERS: 'local',
      WASI_SYSROOTS_CACHE: cache,
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /libc-bottom-half\/sources\/abort\.c/);
    assert.equal(existsSync(out), false);
    assert.deepEqual(existsSync(join(cache, 'source')) ? readdirSync(join(cache, 'source')) : [], []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an interrupted build leaves no sysroot behind', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'interrupted-'));
  try {
    const out = join(dir, 'sysroot');
    const child = spawn(BUILD[0]!, [BUILD[1]!, 'wasm32-wasip1', '--out', out, '--work', join(dir, 'work')], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/compile wasm32-wasip1: \d+\/\d+/.test(stderr)) resolve();
      });
    });
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.notEqual(code, 0);
    assert.equal(existsSync(out), false, 'no half-written sysroot');
    const leftovers = readdirSync(dir).filter((f) => f.startsWith('sysroot'));
    assert.deepEqual(leftovers, []);
    // make was stopped with us: nothing keeps writing into the work dir.
    const ps = spawnSync('pgrep', ['-f', join(dir, 'work')], { encoding: 'utf8' });
    assert.equal(ps.stdout.trim(), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a hello world built with the installed clang and the sysroot runs under node:wasi', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hello-'));
  try {
    const sysroot = join(WORKSPACE_ROOT, 'packages/sysroot-wasip1/sysroot');
    writeFileSync(join(dir, 'hello.c'), '#include <stdio.h>\nint main(void) { puts("hello, wasm"); return 0; }\n');
    const clang = spawnSync('sh', ['-c', 'command -v clang-22 || echo /usr/lib/llvm-22/bin/clang'], { encoding: 'utf8' }).stdout.trim();
    const cc = run(clang, ['--target=wasm32-wasip1', `--sysroot=${sysroot}`, '-O2', join(dir, 'hello.c'), '-o', join(dir, 'hello.wasm')]);
    assert.equal(cc.status, 0, cc.stderr);
    const script = `const {WASI}=require('node:wasi');const w=new WASI({version:'preview1',args:['hello'],returnOnExit:true});` +
      `WebAssembly.instantiate(require('fs').readFileSync(${JSON.stringify(join(dir, 'hello.wasm'))}),w.getImportObject()).then(({instance})=>process.exit(w.start(instance)))`;
    const r = run(process.execPath, ['--no-warnings', '-e', script]);
    assert.equal(r.stdout, 'hello, wasm\n');
    assert.equal(r.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
