// <setjmp.h> and libsetjmp.a in every built sysroot: without clang's lowering flag the header
// stops with an #error that names the flags; the wasi-sdk spelling
// `-mllvm -wasm-enable-sjlj -lsetjmp` links; forgetting -lsetjmp names the missing runtime.
// (Running such programs is the conformance suites' job: common/setjmp*.c.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRIPLES, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { compileC } from '@wasi-sysroots/verify';

const PROGRAM = `#include <setjmp.h>
#include <stdio.h>
static jmp_buf env;
static void jump(void) { longjmp(env, 2); }
int main(void) {
  if (setjmp(env) == 0) jump();
  else puts("jumped");
  return 0;
}
`;

for (const t of TRIPLES) {
  test(`${t.triple}: <setjmp.h> needs -mllvm -wasm-enable-sjlj, and -lsetjmp links it`, () => {
    const sysroot = join(WORKSPACE_ROOT, t.packageDir, 'sysroot');
    assert.ok(existsSync(join(sysroot, 'lib', t.triple, 'libsetjmp.a')),
      `no libsetjmp.a in ${sysroot}: run "npx nx build ${t.nxProject}"`);
    const dir = mkdtempSync(join(tmpdir(), 'setjmp-flags-'));
    try {
      const source = join(dir, 'jump.c');
      writeFileSync(source, PROGRAM);
      const toolchain = detectToolchain();
      // Core modules for every triple: components are not what this checks.
      const link = t.component ? ['-fuse-ld=lld'] : [];
      const build = (flags: string[]) => compileC({
        toolchain, triple: t.triple, sysroot, sources: [source], output: join(dir, 'jump.wasm'), opt: '-O2',
        flags: [...flags, ...link],
      });

      const plain = build([]);
      assert.equal(plain.ok, false);
      assert.match(plain.stderr, /error: "setjmp\/longjmp need clang's WebAssembly lowering: compile with -mllvm -wasm-enable-sjlj and link with -lsetjmp \(wasi-cc: -fsetjmp\)"/);

      const noLibrary = build(['-mllvm', '-wasm-enable-sjlj']);
      assert.equal(noLibrary.ok, false);
      assert.match(noLibrary.stderr, /undefined symbol: __wasm_setjmp/);

      const full = build(['-mllvm', '-wasm-enable-sjlj', '-lsetjmp']);
      assert.ok(full.ok, `${full.command.join(' ')}\n${full.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
