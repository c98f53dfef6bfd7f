// The whole Nx build pipeline, as a user runs it. Needs `npm run build` to have run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { create as tarCreate } from 'tar';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT, buildRoot } from '@wasi-sysroots/recipe';
import { fetchSource } from '@wasi-sysroots/source';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { buildSysroot, lockWorkDir } from '@wasi-sysroots/build';
import { mountSmallDisk } from '@wasi-sysroots/verify/small-disk';
import { runP1 } from '@wasi-sysroots/verify/hosts/p1';

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
  assert.equal(
    r.stderr,
    'error: unknown target triple "wasm32-unknown-emscripten". Known triples: wasm32-wasip1, wasm32-wasip1-threads, wasm32-wasip2 ' +
      '(or their Nx projects: sysroot-p1, sysroot-p1-threads, sysroot-p2). Name one of them instead.\n',
  );
});

test('build-sysroot without arguments, or with an unknown option, prints one usage line and no stack', () => {
  for (const args of [[], ['wasm32-wasip1', '--bogus']]) {
    const r = run(BUILD[0]!, [BUILD[1]!, ...args]);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
    assert.match(r.stderr, /^error: (no triple given|unknown option --bogus)\. usage: tsx scripts\/build-sysroot\.ts <triple> \[--out DIR\] \[--work DIR\] \[--verbose\]/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
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
    // Its staging sysroot is partial: abi:accept refuses to make a snapshot of it.
    const snapshot = readAbiSnapshot();
    const accept = run(BUILD[0]!, ['scripts/abi-accept.ts', 'wasm32-wasip1', '--work', join(dir, 'work')]);
    assert.equal(accept.status, 1, accept.stdout + accept.stderr);
    assert.match(accept.stderr, /^error: the last wasm32-wasip1 build in \S+ did not finish \(it was interrupted, failed, or never ran here\), so its ABI files are not a snapshot; nothing was accepted\./);
    assert.deepEqual(readAbiSnapshot(), snapshot);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function readAbiSnapshot(): Record<string, string> {
  const snap = join(WORKSPACE_ROOT, 'sysroots/abi/wasm32-wasip1');
  return Object.fromEntries(readdirSync(snap).sort().map((f) => [f, readFileSync(join(snap, f), 'utf8')]));
}

/** Resolves when `pattern` shows up in the child's output. */
function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (pattern.test(output)) resolve(output);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('close', (code) => reject(new Error(`exited with ${code} before printing ${pattern}:\n${output}`)));
  });
}

/** Processes whose command line mentions `text`, after giving stopped ones up to 20 s to exit. */
async function survivors(text: string): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const ps = spawnSync('pgrep', ['-af', text], { encoding: 'utf8' }).stdout.trim();
    if (ps === '') return '';
    await new Promise((r) => setTimeout(r, 250));
  }
  return spawnSync('pgrep', ['-af', text], { encoding: 'utf8' }).stdout.trim();
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} to the top process of npx nx build stops make and clang, and installs nothing`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nx-signal-'));
    try {
      const out = join(dir, 'sysroot');
      const work = join(dir, 'work');
      const npx = spawn('npx', ['nx', 'build', 'sysroot-p1', '--skip-nx-cache', '--output-style=stream', `--out=${out}`, `--work=${work}`], {
        cwd: WORKSPACE_ROOT,
        env: { ...process.env, CI: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<void>((resolve) => npx.on('close', () => resolve()));
      await waitForOutput(npx, /compile wasm32-wasip1: \d+\/\d+/);
      npx.kill(signal);
      await exited;
      assert.equal(await survivors(work), '', 'no make, clang or build script keeps running');
      assert.equal(existsSync(out), false, 'no sysroot installed');
      assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('sysroot')), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a second build of the same triple waits for the first one, then succeeds (no false ABI difference)', async () => {
  const source = await fetchSource();
  const work = buildRoot('wasm32-wasip1');
  // Bring the default work dir up to date, so that the waiting build only verifies and installs.
  await buildSysroot({ triple: 'wasm32-wasip1', sourceDir: source.dir, toolchain: detectToolchain(), workDir: work });
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  const lock = await lockWorkDir(work);
  let released = false;
  try {
    const second = spawn(BUILD[0]!, [BUILD[1]!, 'wasm32-wasip1', '--out', join(dir, 'sysroot')], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    second.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = new Promise<number | null>((resolve) => second.on('close', (c) => resolve(c)));
    await waitForOutput(second, /build: waiting for another wasm32-wasip1 build/);
    assert.match(stderr, new RegExp(`^build: waiting for another wasm32-wasip1 build \\(pid ${process.pid}\\) to finish; lock ${work}/build\\.lock$`, 'm'));
    assert.equal(second.exitCode, null, 'it waits while the lock is held');
    assert.equal(existsSync(join(dir, 'sysroot')), false);
    lock.release();
    released = true;
    assert.equal(await code, 0, stderr);
    assert.match(stderr, /verify: ABI matches sysroots\/abi\/wasm32-wasip1\//);
    assert.ok(existsSync(join(dir, 'sysroot', 'lib', 'wasm32-wasip1', 'libc.a')));
  } finally {
    if (!released) lock.release();
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

test('a full disk, under the source cache or the sysroot, is one line naming the directory, and leaves nothing behind', async (t) => {
  const source = await fetchSource();
  const disk = mountSmallDisk(1024 * 1024);
  t.after(() => disk.unmount());

  const cache = join(disk.dir, 'cache');
  const r = run(BUILD[0]!, [BUILD[1]!, 'wasm32-wasip1', '--out', join(disk.dir, 'unused')], {
    WASI_SYSROOTS_CACHE: cache,
    WASI_LIBC_PROVIDERS: 'local',
    WASI_LIBC_SOURCE: source.dir,
  });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, `error: no space left on ${join(cache, 'source')}. The wasi-libc 9886d3d source does not fit there: free some space, or point WASI_SYSROOTS_CACHE at a disk with room.\n`);
  assert.deepEqual(readdirSync(join(cache, 'source')), []);

  // The default work dir is up to date (or brought up to date here); only the install fails.
  const out = join(disk.dir, 'out', 'sysroot');
  const full = run(BUILD[0]!, [BUILD[1]!, 'wasm32-wasip1', '--out', out], { CI: 'true' });
  assert.equal(full.status, 1, full.stderr);
  const lines = full.stderr.trimEnd().split('\n');
  assert.equal(lines.at(-1), `error: no space left on ${join(disk.dir, 'out')}. The sysroot needs about 5 MB there: free some space, or install it elsewhere (--out DIR).`);
  assert.ok(lines.slice(0, -1).every((l) => /^(source|toolchain|compile|build|verify): /.test(l)), full.stderr);
  assert.deepEqual(readdirSync(join(disk.dir, 'out')), [], 'no half-written sysroot');
});

test('a cached source with one changed byte is fetched again before the build; the shipped strlen is right', async (t) => {
  const good = await fetchSource();
  const dir = mkdtempSync(join(tmpdir(), 'cache-tamper-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // A tarball of the verified tree that keeps its file times, as the Debian one does.
  const tarball = join(dir, 'wasi-libc.tar');
  const entries = readdirSync(good.dir).filter((name) => name !== '.verified');
  await tarCreate({ cwd: good.dir, prefix: 'wasi-libc-x', file: tarball, portable: true }, entries);
  const env = { WASI_SYSROOTS_CACHE: join(dir, 'cache'), WASI_LIBC_PROVIDERS: 'local', WASI_LIBC_SOURCE: tarball, CI: 'true' };
  const cached = await fetchSource({ env });
  const victim = join(cached.dir, 'libc-top-half/musl/src/string/strlen.c');
  const before = statSync(victim);
  const bytes = readFileSync(victim);
  const at = bytes.indexOf('return');
  bytes[at] = bytes[at]! ^ 1;
  writeFileSync(victim, bytes);
  utimesSync(victim, before.atime, before.mtime);

  const out = join(dir, 'sysroot');
  const r = run(BUILD[0]!, [BUILD[1]!, 'wasm32-wasip1', '--out', out], env);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`^warning: the cached wasi-libc 9886d3d source in ${cached.dir} is damaged \\(libc-top-half/musl/src/string/strlen\\.c: content differs from the pinned upstream \\(expected blob [0-9a-f]{40}, got [0-9a-f]{40}\\)\\); fetching it again\\.$`, 'm'));
  assert.match(r.stderr, new RegExp(`^source: ${cached.dir} \\(local\\)$`, 'm'));
  assert.notEqual(readFileSync(victim)[at], bytes[at], 'the cache holds the pinned bytes again');

  writeFileSync(join(dir, 'len.c'), '#include <stdio.h>\n#include <string.h>\nint main(int argc, char **argv) { printf("%zu\\n", strlen(argv[1])); return 0; }\n');
  const cc = spawnSync(detectToolchain().clang, ['--target=wasm32-wasip1', `--sysroot=${out}`, '-O2', join(dir, 'len.c'), '-o', join(dir, 'len.wasm')], { encoding: 'utf8' });
  assert.equal(cc.status, 0, cc.stderr);
  const len = await runP1({ wasm: join(dir, 'len.wasm'), args: ['len', 'hello, wasm'] });
  assert.equal(len.stdout, '11\n');
  assert.equal(len.exitCode, 0);
});
