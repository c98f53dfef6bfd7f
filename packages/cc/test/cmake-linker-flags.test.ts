// A user's -DCMAKE_EXE_LINKER_FLAGS adds to the link flags the shipped toolchain file needs
// (wasm32-wasip2: wasm-component-ld; wasm32-wasip1-threads: the imported shared memory) instead
// of replacing them: the project still links, and the program runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTriple, type TripleName } from '@wasi-sysroots/recipe';
import { wasmKind } from '../src/wasm.ts';
import { makeProject, output, writeCmakeProject } from './helpers.ts';

const USER_LINK_FLAG = '-Wl,-z,stack-size=131072';
const OURS: Partial<Record<TripleName, RegExp>> = {
  'wasm32-wasip2': /-fuse-ld=\S*wasm-component-ld/,
  'wasm32-wasip1-threads': /-Wl,--import-memory,--export-memory,--max-memory=67108864/,
};

for (const [triple, ours] of Object.entries(OURS) as Array<[TripleName, RegExp]>) {
  test(`CMake: -DCMAKE_EXE_LINKER_FLAGS adds to the ${triple} toolchain file's link flags`, () => {
    const p = makeProject([triple]);
    try {
      const src = writeCmakeProject(p.path('src'));
      const build = p.path('build');
      const toolchain = p.path(`node_modules/${getTriple(triple).packageName}/cmake/${triple}.cmake`);
      const configure = spawnSync('cmake', ['-S', src, '-B', build, `-DCMAKE_TOOLCHAIN_FILE=${toolchain}`,
        `-DCMAKE_EXE_LINKER_FLAGS=${USER_LINK_FLAG}`], { encoding: 'utf8', cwd: p.dir });
      assert.equal(configure.status, 0, output(configure));
      const make = spawnSync('cmake', ['--build', build, '--verbose'], { encoding: 'utf8', cwd: p.dir });
      assert.equal(make.status, 0, output(make));
      const link = make.stdout.split('\n').find((line) => line.includes(' -o hello.wasm'));
      assert.ok(link, make.stdout);
      assert.match(link, ours);
      assert.ok(link.includes(USER_LINK_FLAG), link);
      const exe = join(build, 'hello.wasm');
      assert.equal(wasmKind(readFileSync(exe)), triple === 'wasm32-wasip2' ? 'component' : 'core');
      const run = p.wasiCc(['run', exe, 'flags']);
      assert.equal(run.status, 0, output(run));
      assert.equal(run.stdout, triple === 'wasm32-wasip1-threads' ? 'hello, thread\nhello, flags\n' : 'hello, flags\n');
    } finally {
      p.remove();
    }
  });
}
