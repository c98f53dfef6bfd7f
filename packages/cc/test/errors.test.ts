// Bad input: clang's or wasm-ld's own message, a non-zero status, and no output file (nor any
// temporary file) left behind. Also `wasi-cc run` statuses and `wasi-cc doctor`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { detectToolchain } from '../src/toolchain.ts';
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

test('questions to clang that make no output (libtool asks -print-search-dirs): clang\'s answer, status 0, no error, no a.out', () => {
  for (const [flag, answer] of [['-print-search-dirs', /^programs: =/], ['-dumpmachine', /^wasm32-unknown-wasip2\n?$/], ['--version', /clang version 22/]] as const) {
    const r = p.wasiCc(['--target=wasm32-wasip2', flag]);
    assert.equal(r.status, 0, output(r));
    assert.match(r.stdout, answer);
    assert.equal(r.stderr, '');
    assert.equal(existsSync(p.path('a.out')), false);
  }
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

/** The lines of `stderr` that are wasi-cc's errors, and whether a JavaScript stack is there. */
function errorLines(stderr: string): { errors: string[]; stack: boolean } {
  return { errors: stderr.split('\n').filter((l) => l.startsWith('wasi-cc: error:')), stack: /^\s+at .+[:(]/m.test(stderr) };
}

test('wasi-cc run: a truncated module or component is one "wasi-cc: error:" line, no stack (WASI_CC_DEBUG=1 and --verbose show it)', () => {
  for (const [triple, name] of [['wasm32-wasip1', 'trunc-p1'], ['wasm32-wasip1-threads', 'trunc-threads'], ['wasm32-wasip2', 'trunc-p2']] as const) {
    const cc = p.wasiCc([`--target=${triple}`, 'main.c', '-o', `${name}-whole.wasm`]);
    assert.equal(cc.status, 0, output(cc));
    const bytes = readFileSync(p.path(`${name}-whole.wasm`));
    for (const cut of [Math.floor(bytes.length / 2), 40]) {
      writeFileSync(p.path(`${name}.wasm`), bytes.subarray(0, cut));
      const r = p.wasiCc(['run', `${name}.wasm`], { env: { WASI_CC_CACHE: p.path('cache-trunc') } });
      const kind = triple === 'wasm32-wasip2' ? 'component' : 'module';
      assert.equal(r.status, 1, output(r));
      assert.match(r.stderr, new RegExp(`^wasi-cc: error: ${name}\\.wasm is not a valid WebAssembly ${kind} \\(truncated or damaged\\?\\): [^\\n]+\\n$`), `${triple} cut at ${cut}: ${r.stderr}`);
      const debug = p.wasiCc(['run', `${name}.wasm`], { env: { WASI_CC_CACHE: p.path('cache-trunc'), WASI_CC_DEBUG: '1' } });
      assert.equal(debug.status, 1);
      // The same line, then the error's details (its stack, as V8 gives it).
      const details = (stderr: string) => stderr.startsWith(r.stderr) && stderr.length > r.stderr.length && /Error/.test(stderr.slice(r.stderr.length));
      assert.ok(details(debug.stderr), debug.stderr);
      const verbose = p.wasiCc(['run', '--verbose', `${name}.wasm`], { env: { WASI_CC_CACHE: p.path('cache-trunc') } });
      assert.ok(details(verbose.stderr), verbose.stderr);
    }
  }
});

test('wasi-cc run: a wasm32-wasip2 core module says to link it with wasi-cc, in one line', () => {
  p.write('socket.c', '#include <sys/socket.h>\n#include <stdio.h>\nint main(void) { printf("%d\\n", socket(AF_INET, SOCK_STREAM, 0)); return 0; }\n');
  const cc = p.wasiCc(['--target=wasm32-wasip2', '-fuse-ld=lld', 'socket.c', '-o', 'socket-core.wasm']);
  assert.equal(cc.status, 0, output(cc));
  const r = p.wasiCc(['run', 'socket-core.wasm']);
  assert.equal(r.status, 1, output(r));
  assert.match(r.stderr, /^wasi-cc: error: socket-core\.wasm is a wasm32-wasip2 core module, not a component \(it imports wasi:[\w-]+\/[\w-]+@0\.2\.\d+\): link it with wasi-cc to make a component\n$/);
});

test('a clang that fails --version: one "wasi-cc: error:" line with its message and the fix, no stack', () => {
  const clang = p.write('broken-clang', '#!/bin/sh\necho "broken-clang: cannot load libLLVM" >&2\nexit 3\n');
  chmodSync(clang, 0o755);
  for (const args of [['main.c', '-o', 'never.wasm'], ['--version'], ['-c', 'main.c']]) {
    const r = p.wasiCc(args, { env: { WASI_CLANG: clang } });
    assert.equal(r.status, 1, output(r));
    const { errors, stack } = errorLines(r.stderr);
    assert.deepEqual(errors, [`wasi-cc: error: clang "${clang}" failed to run --version (exit status 3): broken-clang: cannot load libLLVM.`], r.stderr);
    assert.equal(stack, false, r.stderr);
    assert.match(r.stderr, /Fix: install LLVM 22/);
  }
  assert.ok(!existsSync(p.path('never.wasm')));
});

test('a source error: clang\'s diagnostics, then one "wasi-cc: error:" line, no stack, no output', () => {
  p.write('broken.c', 'int main(void) { return undeclared_thing; }\n');
  for (const triple of TRIPLES) {
    const r = p.wasiCc([`--target=${triple}`, 'broken.c', '-o', 'broken.wasm']);
    assert.equal(r.status, 1, output(r));
    assert.match(r.stderr, /broken\.c:1:\d+: error: use of undeclared identifier 'undeclared_thing'/);
    assert.ok(r.stderr.endsWith('\nwasi-cc: error: clang failed (exit status 1); its messages are above\n'), r.stderr);
    const { errors, stack } = errorLines(r.stderr);
    assert.equal(errors.length, 1, r.stderr);
    assert.equal(stack, false);
    assert.ok(!existsSync(p.path('broken.wasm')));
  }
});

test('WASI_WASM_LD is the wasm-ld wasi-cc links with, on every triple (the core link of p2 too)', () => {
  const log = p.path('wasm-ld.log');
  const real = detectToolchain().wasmLd;
  const wrapper = p.write('my-wasm-ld', `#!/bin/sh\necho "$@" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  for (const [i, triple] of TRIPLES.entries()) {
    const r = p.wasiCc([`--target=${triple}`, 'main.c', '-o', `ld-${triple}.wasm`], { env: { WASI_WASM_LD: wrapper } });
    assert.equal(r.status, 0, output(r));
    const lines = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
    assert.equal(lines.length, i + 1, `${triple}: the link did not run WASI_WASM_LD`);
    assert.match(lines[i]!, /crt1-command\.o/);
    const run = p.wasiCc(['run', `ld-${triple}.wasm`]);
    assert.equal(run.stdout, 'hi\n', output(run));
  }
  const missing = p.wasiCc(['main.c', '-o', 'never.wasm'], { env: { WASI_WASM_LD: '/nonexistent/wasm-ld' } });
  assert.equal(missing.status, 1);
  assert.deepEqual(errorLines(missing.stderr).errors, ['wasi-cc: error: wasm-ld (from lld) "/nonexistent/wasm-ld" (from WASI_WASM_LD) does not exist or is not executable.']);
});
