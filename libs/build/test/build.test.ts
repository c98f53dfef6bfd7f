// The build stage on the real Makefile and toolchain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRoot } from '@wasi-sysroots/recipe';
import { fetchSource } from '@wasi-sysroots/source';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { buildSysroot, forgetBuildOfOtherSource, installSysroot, pendingCompiles, BuildError } from '@wasi-sysroots/build';
import { mountSmallDisk } from '@wasi-sysroots/verify/small-disk';

const toolchain = detectToolchain();

test('touching one C file recompiles exactly one object', async () => {
  const source = await fetchSource();
  const req = { triple: 'wasm32-wasip1' as const, sourceDir: source.dir, toolchain };
  const workDir = buildRoot('wasm32-wasip1');
  // Bring the object dir up to date first: after an Nx cache hit it may not exist at all.
  await buildSysroot(req);
  assert.ok(existsSync(join(workDir, 'sysroot', 'lib', 'wasm32-wasip1', 'libc.a')));
  assert.equal(pendingCompiles(req, workDir), 0, 'an up-to-date build compiles nothing');
  const file = join(source.dir, 'libc-top-half/musl/src/string/strlen.c');
  const now = new Date();
  utimesSync(file, now, now);
  assert.equal(pendingCompiles(req, workDir), 1);
  const result = await buildSysroot(req);
  assert.equal(result.compiled, 1);
  assert.equal(pendingCompiles(req, workDir), 0);
});

test('a failing compile reports the log tail and path, and installs nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'failing-build-'));
  try {
    const fakeClang = join(dir, 'clang');
    writeFileSync(fakeClang, '#!/bin/sh\necho "fake-clang: error: injected failure for $*" >&2\nexit 1\n');
    chmodSync(fakeClang, 0o755);
    const source = await fetchSource();
    const workDir = join(dir, 'work');
    const progress: number[] = [];
    await assert.rejects(
      buildSysroot({ triple: 'wasm32-wasip1', sourceDir: source.dir, toolchain: { ...toolchain, clang: fakeClang }, workDir, jobs: 1, onProgress: (n) => progress.push(n) }),
      (err: unknown) => {
        assert.ok(err instanceof BuildError);
        assert.equal(err.logPath, join(workDir, 'build.log'));
        assert.match(err.message, /building the wasm32-wasip1 sysroot failed \(make exited with 2\)/);
        assert.match(err.message, /fake-clang: error: injected failure for/);
        assert.ok(err.message.includes(`full log: ${join(workDir, 'build.log')}`));
        return true;
      },
    );
    assert.ok(readFileSync(join(workDir, 'build.log'), 'utf8').includes('injected failure'));
    assert.equal(progress.length, 1, 'stopped at the first failing object');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('installSysroot replaces the destination whole, and a failed install keeps the old one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'install-'));
  try {
    const stage = join(dir, 'stage');
    mkdirSync(join(stage, 'lib'), { recursive: true });
    writeFileSync(join(stage, 'lib', 'new.txt'), 'new');
    const dest = join(dir, 'out', 'sysroot');
    mkdirSync(dest, { recursive: true });
    writeFileSync(join(dest, 'old.txt'), 'old');

    assert.throws(() => installSysroot(join(dir, 'missing-stage'), dest));
    assert.equal(readFileSync(join(dest, 'old.txt'), 'utf8'), 'old');

    installSysroot(stage, dest);
    assert.equal(readFileSync(join(dest, 'lib', 'new.txt'), 'utf8'), 'new');
    assert.equal(existsSync(join(dest, 'old.txt')), false);
    assert.deepEqual((await import('node:fs')).readdirSync(join(dir, 'out')), ['sysroot']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('installing onto a full disk fails with "no space left on DIR", keeps the old sysroot, and leaves nothing half-written', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'install-full-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const stage = join(dir, 'stage');
  mkdirSync(join(stage, 'lib'), { recursive: true });
  for (let i = 0; i < 8; i++) writeFileSync(join(stage, 'lib', `lib${i}.a`), Buffer.alloc(256 * 1024, i + 1));
  const disk = mountSmallDisk(1024 * 1024);
  t.after(() => disk.unmount());
  const parent = join(disk.dir, 'out');
  const dest = join(parent, 'sysroot');
  mkdirSync(dest, { recursive: true });
  writeFileSync(join(dest, 'old.txt'), 'old');

  assert.throws(
    () => installSysroot(stage, dest),
    (e: Error) => {
      assert.equal(e.name, 'NoSpaceError', e.stack);
      assert.equal(e.message, `no space left on ${parent}. The sysroot needs about 5 MB there: free some space, or install it elsewhere (--out DIR).`);
      return true;
    },
  );
  assert.equal(readFileSync(join(dest, 'old.txt'), 'utf8'), 'old');
  assert.deepEqual((await import('node:fs')).readdirSync(parent), ['sysroot'], 'no half-written copy beside it');
});

test('objects built from other source content (or from content of unknown origin) are not reused, whatever their times', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'source-key-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const seed = () => {
    mkdirSync(join(dir, 'obj', 'base'), { recursive: true });
    mkdirSync(join(dir, 'sysroot', 'lib'), { recursive: true });
    writeFileSync(join(dir, 'obj', 'base', 'strlen.o'), 'object');
    writeFileSync(join(dir, 'sysroot', 'lib', 'libc.a'), 'archive');
  };
  seed();
  assert.equal(forgetBuildOfOtherSource(dir, 'key-a'), true, 'no record: built before keys were recorded');
  assert.equal(existsSync(join(dir, 'obj')), false);
  assert.equal(existsSync(join(dir, 'sysroot')), false);
  seed();
  assert.equal(forgetBuildOfOtherSource(dir, 'key-a'), false, 'built from this content: kept');
  assert.equal(readFileSync(join(dir, 'obj', 'base', 'strlen.o'), 'utf8'), 'object');
  assert.equal(forgetBuildOfOtherSource(dir, 'key-b'), true, 'other content: removed');
  assert.equal(existsSync(join(dir, 'obj', 'base', 'strlen.o')), false);
  assert.equal(readFileSync(join(dir, 'source-key'), 'utf8'), 'key-b\n');
});
