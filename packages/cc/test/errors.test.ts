// Bad input: clang's or wasm-ld's own message, a non-zero status, and no output file (nor any
// temporary file) left behind. Also `wasi-cc run` statuses and `wasi-cc doctor`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { TRIPLES, makeProject, output, type Project } from './helpers.ts';

const MAIN = '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n';
const UNDEFINED = 'int missing_function(void);\nint main(void) { return missing_function(); }\n';

let p: Project;
before(() => {
  p = makeProject();
  p.write('main.c', MAIN);
  p.write('undefined.c', UNDEFINED);
});
after(() => p?.remove());

/** Nothing but the sources: no output, no temporary files. */
function assertNothingLeft(project: Project, sources: string[]): void {
  assert.deepEqual(project.files(), [...sources, 'package.json'].sort());
}

test('an unknown target: clang says so, wasi-cc adds which targets it knows, no output', () => {
  const r = p.wasiCc(['--target=bogus', 'main.c', '-o', 'out.wasm']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /error: unknown target triple 'bogus'/);
  assert.match(r.stderr, /"bogus" is not a target wasi-cc has a sysroot for \(wasm32-wasip1, wasm32-wasip1-threads, wasm32-wasip2\)/);
  assert.ok(!existsSync(p.path('out.wasm')));
});

test('a missing sysroot package: the package name and the npm command, no output', () => {
  const only = makeProject(['wasm32-wasip1']);
  try {
    only.write('main.c', MAIN);
    for (const [triple, pkg] of [
      ['wasm32-wasip2', '@wasi/sysroot-wasip2'],
      ['wasm32-wasip1-threads', '@wasi/sysroot-wasip1-threads'],
    ]) {
      const r = only.wasiCc([`--target=${triple}`, 'main.c', '-o', 'out.wasm']);
      assert.equal(r.status, 1, output(r));
      assert.ok(r.stderr.includes(`no sysroot for ${triple}: the package ${pkg} is not installed in ${only.dir} or any parent directory.`), r.stderr);
      assert.ok(r.stderr.includes(`Fix: npm i -D ${pkg}`), r.stderr);
    }
    assertNothingLeft(only, ['main.c']);
    // The installed one works from a subdirectory too: packages are found upward from the cwd.
    only.write('sub/dir/x.c', MAIN);
    const ok = only.wasiCc(['--target=wasm32-wasip1', 'x.c', '-o', 'x.wasm'], { cwd: only.path('sub/dir') });
    assert.equal(ok.status, 0, output(ok));
  } finally {
    only.remove();
  }
});

for (const triple of TRIPLES) {
  test(`${triple}: an undefined symbol gives wasm-ld's own message, a non-zero status and no output`, () => {
    const r = p.wasiCc([`--target=${triple}`, 'undefined.c', '-o', 'out.wasm']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /wasm-ld(-\d+)?: error: .*undefined symbol: missing_function/);
    assert.match(r.stderr, /clang: error: linker command failed/);
    assertNothingLeft(p, ['main.c', 'undefined.c']);
  });
}

test('wasm32-wasip2: a module the component tooling refuses gives its message and no output', () => {
  // Links (the import is allowed to stay undefined), but env.missing_function has no WIT type.
  const r = p.wasiCc(['--target=wasm32-wasip2', 'undefined.c', '-Wl,--allow-undefined', '-o', 'out.wasm']);
  assert.equal(r.status, 1, output(r));
  assert.match(r.stderr, /wasm-component-ld: error: could not make a component of out\.wasm: .*missing_function/s);
  assertNothingLeft(p, ['main.c', 'undefined.c']);
});

test('a failed link leaves no output, not even the previous one (clang removes it)', () => {
  const good = p.wasiCc(['--target=wasm32-wasip2', 'main.c', '-o', 'old.wasm']);
  assert.equal(good.status, 0, output(good));
  const bad = p.wasiCc(['--target=wasm32-wasip2', 'undefined.c', '-o', 'old.wasm']);
  assert.notEqual(bad.status, 0);
  assertNothingLeft(p, ['main.c', 'undefined.c']);
});

test('wasi-cc run: exit statuses for traps, bad files and bad usage', () => {
  p.write('trap.c', 'int main(void) { __builtin_trap(); }\n');
  p.write('status.c', '#include <stdlib.h>\nint main(int c, char **v) { exit(atoi(v[1])); }\n');
  for (const triple of ['wasm32-wasip1', 'wasm32-wasip1-threads']) {
    const cc = p.wasiCc([`--target=${triple}`, 'status.c', '-o', 'status.wasm']);
    assert.equal(cc.status, 0, output(cc));
    for (const code of [0, 1, 7, 255]) assert.equal(p.wasiCc(['run', 'status.wasm', String(code)]).status, code, `${triple} exit(${code})`);
    const t = p.wasiCc([`--target=${triple}`, 'trap.c', '-o', 'trap.wasm']);
    assert.equal(t.status, 0, output(t));
    const trap = p.wasiCc(['run', 'trap.wasm']);
    assert.equal(trap.status, 134, output(trap));
    // One line; the stack only with WASI_CC_DEBUG=1.
    assert.equal(trap.stderr, 'wasi-cc: error: trap.wasm trapped: unreachable\n');
    const debug = p.wasiCc(['run', 'trap.wasm'], { env: { WASI_CC_DEBUG: '1' } });
    assert.match(debug.stderr, /^wasi-cc: error: trap\.wasm trapped: unreachable\nRuntimeError: unreachable\n +at /);
  }
  const t2 = p.wasiCc(['--target=wasm32-wasip2', 'trap.c', '-o', 'trap2.wasm']);
  assert.equal(t2.status, 0, output(t2));
  const trap2 = p.wasiCc(['run', 'trap2.wasm']);
  assert.equal(trap2.status, 134, output(trap2));
  assert.match(trap2.stderr, /^wasi-cc: error: trap2\.wasm trapped: [^\n]*unreachable[^\n]*\n$/);

  p.write('not-wasm.wasm', 'hello');
  const notWasm = p.wasiCc(['run', 'not-wasm.wasm']);
  assert.equal(notWasm.status, 1);
  assert.match(notWasm.stderr, /not-wasm\.wasm is not a WebAssembly module or component/);
  const missing = p.wasiCc(['run', 'nowhere.wasm']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read nowhere\.wasm/);
  const usage = p.wasiCc(['run', '--bogus', 'x.wasm']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /unknown option --bogus/);
});

test('wasi-cc doctor: tools with versions, the adapter, every sysroot package; exit 0', () => {
  const r = p.wasiCc(['doctor']);
  assert.equal(r.status, 0, output(r));
  assert.match(r.stdout, /^ok +clang +.*clang version \d+\.\d+/m);
  assert.match(r.stdout, /^ok +wasm-ld +.*LLD \d+\.\d+/m);
  assert.match(r.stdout, /^ok +builtins +compiler-rt for LLVM \d+.*libclang_rt\.builtins-wasm32\.a/m);
  assert.match(r.stdout, /^ok +adapter +@wasi\/preview1-adapter \d+\.\d+\.\d+ \(WASI 0\.2\.\d+, from @bytecodealliance\/jco /m);
  for (const [triple, pkg] of [
    ['wasm32-wasip1', '@wasi/sysroot-wasip1'],
    ['wasm32-wasip1-threads', '@wasi/sysroot-wasip1-threads'],
    ['wasm32-wasip2', '@wasi/sysroot-wasip2'],
  ]) {
    assert.match(r.stdout, new RegExp(`^ok +${triple} +${pkg} \\d+\\.\\d+\\.\\d+ \\(${p.dir}/node_modules/${pkg}\\)`, 'm'));
  }
  assert.match(r.stdout, /everything wasi-cc needs is here\.$/m);
});

test('wasi-cc doctor: the fix for each missing thing, and a non-zero status', () => {
  const empty = makeProject([]);
  try {
    const r = empty.wasiCc(['doctor']);
    assert.equal(r.status, 1, output(r));
    for (const pkg of ['@wasi/sysroot-wasip1', '@wasi/sysroot-wasip1-threads', '@wasi/sysroot-wasip2']) {
      assert.ok(r.stdout.includes(`fix: npm i -D ${pkg}`), r.stdout);
    }
    assert.match(r.stdout, /^3 problems: see the fixes above\.$/m);

    const noClang = empty.wasiCc(['doctor'], { env: { WASI_CLANG: '/nonexistent/clang' } });
    assert.equal(noClang.status, 1);
    assert.match(noClang.stdout, /^MISSING +toolchain +clang "\/nonexistent\/clang" \(from WASI_CLANG\) does not exist/m);
    assert.match(noClang.stdout, /fix: Fix: install LLVM 22 .*apt-get update && apt-get install -y clang-22 lld-22 llvm-22 libclang-rt-22-dev-wasm32/);
  } finally {
    empty.remove();
  }
  const partial = makeProject(['wasm32-wasip1']);
  try {
    assert.equal(partial.wasiCc(['doctor']).status, 0, 'one sysroot is enough without --target');
    const r = partial.wasiCc(['doctor', '--target=wasm32-wasip2']);
    assert.equal(r.status, 1, output(r));
    assert.match(r.stdout, /^MISSING +wasm32-wasip2 /m);
    assert.match(r.stdout, /^absent +wasm32-wasip1-threads /m);
  } finally {
    partial.remove();
  }
});
