// CMake builds with the toolchain file each sysroot package ships (cmake/<triple>.cmake): a project
// with a static library and an executable, configured, built and run for every triple.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTriple } from '@wasi-sysroots/recipe';
import { wasmKind } from '../src/wasm.ts';
import { TRIPLES, makeProject, output, writeCmakeProject } from './helpers.ts';

for (const triple of TRIPLES) {
  test(`CMake builds a library and an executable for ${triple} with the shipped toolchain file`, () => {
    const p = makeProject([triple]);
    try {
      const src = writeCmakeProject(p.path('src'));
      const build = p.path('build');
      const toolchain = p.path(`node_modules/${getTriple(triple).packageName}/cmake/${triple}.cmake`);
      const configure = spawnSync('cmake', ['-S', src, '-B', build, `-DCMAKE_TOOLCHAIN_FILE=${toolchain}`, '-DCMAKE_BUILD_TYPE=Release'], { encoding: 'utf8', cwd: p.dir });
      assert.equal(configure.status, 0, output(configure));
      assert.doesNotMatch(configure.stderr, /System is unknown to cmake/);
      const make = spawnSync('cmake', ['--build', build, '--verbose'], { encoding: 'utf8', cwd: p.dir });
      assert.equal(make.status, 0, output(make));
      assert.match(make.stdout, new RegExp(`--target=${triple}`));
      assert.ok(existsSync(join(build, 'libgreet.a')), make.stdout);
      const exe = join(build, 'hello.wasm');
      assert.ok(existsSync(exe), make.stdout);
      assert.equal(wasmKind(readFileSync(exe)), triple === 'wasm32-wasip2' ? 'component' : 'core');
      const run = p.wasiCc(['run', exe, 'world']);
      assert.equal(run.status, 0, output(run));
      assert.equal(run.stdout, triple === 'wasm32-wasip1-threads' ? 'hello, thread\nhello, world\n' : 'hello, world\n');
    } finally {
      p.remove();
    }
  });
}
